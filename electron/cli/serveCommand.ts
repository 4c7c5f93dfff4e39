// `tminus serve`: the console in a browser, on 127.0.0.1, behind a fresh token.
import { createConsole } from '../console';
import { createConsoleClock } from '../core/consoleClock';
import { defaultDataDir, packageRoot, rendererDir } from '../core/paths';
import { APP_VERSION } from '../version';
import { startWebServer } from '../web/server';
import { parseCommandArgs, UsageError, type CliIo } from './io';

export const serveUsage = 'tminus serve [--data DIR] [--port N]';

export async function runServeCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(args, { data: { type: 'string' }, port: { type: 'string' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
  const dataDir = values.data ?? defaultDataDir();
  const clock = createConsoleClock();
  let viewerUrl: string | null = null;
  const service = createConsole({ dataDir, version: APP_VERSION, shell: 'browser', clock, share: { viewerLink: async () => viewerUrl } });
  let server;
  try {
    server = await startWebServer({ console: service, staticDir: rendererDir(packageRoot(import.meta.url)), port });
  } catch (error) {
    await service.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`tminus serve: cannot listen on 127.0.0.1:${port} (${code ?? String(error)})`);
    return 1;
  }
  viewerUrl = server.viewerUrl;
  io.stdout(`T-Minus console (data ${dataDir}): ${server.url}`);
  io.stdout(`War-room viewer (read-only): ${server.viewerUrl}`);
  if (clock.shifted) io.stdout(`Clock shifted by TMINUS_CLOCK: it is ${new Date(clock.now()).toISOString()} for this console.`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  await service.close();
  return 0;
}
