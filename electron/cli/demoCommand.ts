// `tminus demo` (`npm run demo`): the console on a rehearsal launch that works on this machine with
// nothing else installed — a simulated service for metrics, harmless local steps, a fresh folder
// of its own on every start. Served like `tminus serve`: 127.0.0.1, behind a fresh token.
import { spawn } from 'node:child_process';
import { createConsoleClock } from '../core/consoleClock';
import { defaultDataDir, packageRoot, rendererDir } from '../core/paths';
import { DemoFolderError, defaultDemoDataDir, startDemo, type RunningDemo } from '../demo/demoSetup';
import { APP_VERSION } from '../version';
import { startWebServer, type WebServer } from '../web/server';
import { parseCommandArgs, UsageError, type CliIo } from './io';

export { demoUsage } from './usage';

export async function runDemoCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(args, { data: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
  const realDataDir = defaultDataDir();
  const dataDir = values.data ?? defaultDemoDataDir(realDataDir);
  const clock = createConsoleClock();

  let viewerUrl: string | null = null;
  let demo: RunningDemo;
  try {
    demo = await startDemo({ dataDir, realDataDir, version: APP_VERSION, clock, share: { viewerLink: async () => viewerUrl } });
  } catch (error) {
    if (error instanceof DemoFolderError) {
      io.stderr(`tminus demo: ${error.message}`);
      return 1;
    }
    throw error;
  }
  let server: WebServer;
  try {
    server = await startWebServer({ console: demo.console, staticDir: rendererDir(packageRoot(import.meta.url)), port });
  } catch (error) {
    await demo.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`tminus demo: cannot listen on 127.0.0.1:${port} (${code ?? String(error)})`);
    return 1;
  }
  viewerUrl = server.viewerUrl;
  const sessionUrl = `${server.url}#/sessions/${demo.sessionId}`;
  io.stdout(
    [
      'T-Minus demo launch — nothing here touches real systems.',
      `  Demo data: ${dataDir} (emptied on every start: each demo begins fresh; your real workspace is not used)`,
      `  Runbook:   ${demo.runbookFile}`,
      `  Service:   ${demo.service.url} (simulated; metrics at /metrics, health at /health)`,
      `  T0:        ${demo.t0} (a few minutes from now)`,
      '',
      `T-Minus demo console: ${sessionUrl}`,
      `War-room viewer (read-only): ${viewerUrl}`,
      '',
      'Ctrl+C stops the demo and its service. For a real launch: `tminus serve` (or `npm start`) and New session.',
    ].join('\n'),
  );
  if (clock.shifted) io.stdout(`Clock shifted by TMINUS_CLOCK: it is ${new Date(clock.now()).toISOString()} for this console.`);
  if (values.open) openInBrowser(sessionUrl, io);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  await demo.close();
  io.stdout('Demo stopped: the console and the demo service are down.');
  return 0;
}

/** Best effort: the URL is printed anyway, so a machine without a desktop opener just says so. */
function openInBrowser(url: string, io: CliIo): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.once('error', () => io.stderr(`tminus demo: could not open a browser (${command} is not available); open the link above yourself.`));
    child.unref();
  } catch {
    io.stderr('tminus demo: could not open a browser; open the link above yourself.');
  }
}
