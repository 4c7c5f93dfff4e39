// `tminus serve`: the console in a browser, on 127.0.0.1, behind a token. The port and tokens are
// kept beside the workspace (electron/web/tokenStore.ts), so stopping and starting again on the
// same data dir keeps every open tab and the wall display working without a new link.
import { createConsole, type ConsoleService } from '../console';
import { createConsoleClock } from '../core/consoleClock';
import { defaultDataDir, packageRoot, rendererDir } from '../core/paths';
import { APP_VERSION } from '../version';
import type { Tokens } from '../web/auth';
import { startWebServer, type LanListenerOptions, type WebServer } from '../web/server';
import { lanAddressOf, lanListenerOptions } from './lanOptions';
import { loadOrCreateTokens, saveTokenFile, tokensOf, TokenFileError } from '../web/tokenStore';
import { parseCommandArgs, UsageError, type CliIo } from './io';

export { serveUsage } from './usage';

export async function runServeCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(args, {
    data: { type: 'string' },
    port: { type: 'string' },
    'new-token': { type: 'boolean' },
    force: { type: 'boolean' },
    lan: { type: 'boolean' },
    bind: { type: 'string' },
    'lan-port': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  });
  // Checked before anything starts: a wrong flag is a usage error, not a half-started console.
  const lanAddress = lanAddressOf(values);
  const askedPort = values.port === undefined ? null : Number(values.port);
  if (askedPort !== null && (!Number.isInteger(askedPort) || askedPort < 0 || askedPort > 65535)) {
    throw new UsageError(`--port must be a port number, got "${values.port}"`);
  }
  const dataDir = values.data ?? defaultDataDir();
  const clock = createConsoleClock();
  let viewerUrl: string | null = null;
  // The console first: it takes the data dir's writer lock, so only one process owns the token file.
  let invitationBase: { base: string; fingerprint: string | null } | null = null;
  const service = createConsole({
    dataDir,
    version: APP_VERSION,
    shell: 'browser',
    clock,
    share: { viewerLink: async () => viewerUrl, invitationBase: async () => invitationBase },
  });
  let loaded;
  try {
    loaded = loadOrCreateTokens({ dataDir, rotate: values['new-token'] });
  } catch (error) {
    await service.close();
    if (error instanceof TokenFileError) {
      io.stderr(`tminus serve: ${error.message}`);
      return 1;
    }
    throw error;
  }
  let lan: LanListenerOptions | undefined;
  if (lanAddress) {
    try {
      lan = await lanListenerOptions(dataDir, lanAddress, values, loaded.file.lanPort ?? null, io);
    } catch (error) {
      await service.close();
      io.stderr(`tminus serve: ${(error as Error).message}`);
      return 1;
    }
  }
  const server = await listen(service, tokensOf(loaded.file), askedPort ?? loaded.file.port, askedPort === null, io, lan);
  if (!server) {
    await service.close();
    return 1;
  }
  saveTokenFile(dataDir, { ...loaded.file, port: server.port, lanPort: server.lan?.port ?? loaded.file.lanPort ?? null });
  // --new-token dropped the seats' tokens too: their old links stop working with the rest.
  service.warRoom.reloadTokens();
  // Over the LAN the wall and the seats use the HTTPS listener; without it, this machine only.
  viewerUrl = server.lan?.viewerUrl ?? server.viewerUrl;
  invitationBase = server.lan ? { base: server.lan.base, fingerprint: server.lan.fingerprint } : { base: `http://127.0.0.1:${server.port}/`, fingerprint: null };
  if (server.lan) {
    io.stdout(`War room on the LAN (HTTPS): ${server.lan.url}`);
    io.stdout(`War-room viewer on the LAN (read-only): ${server.lan.viewerUrl}`);
    io.stdout(`LAN certificate SHA-256 fingerprint: ${server.lan.fingerprint}`);
    io.stdout('Invite each person from the War room tab; compare the fingerprint above with the one their browser shows.');
  }
  // The loopback links come last: tools (and the tests) that read them find the LAN lines already printed.
  io.stdout(`T-Minus console (data ${dataDir}): ${server.url}`);
  io.stdout(`War-room viewer (read-only): ${server.viewerUrl}`);
  if (loaded.origin === 'kept') io.stdout('Same links as the last run: open tabs and the wall reconnect by themselves (--new-token replaces them).');
  if (loaded.origin === 'rotated') io.stdout('New tokens: earlier links and open tabs no longer work.');
  if (clock.shifted) io.stdout(`Clock shifted by TMINUS_CLOCK: it is ${new Date(clock.now()).toISOString()} for this console.`);
  await nextStop(signal);
  await finishRunsInFlight(service, values.force === true, io);
  await server.close();
  await service.close();
  io.stdout('T-Minus console stopped.');
  return 0;
}

/** The next Ctrl+C, SIGTERM or abort; listening ends once it came, so a later one is ours again. */
function nextStop(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Stopping while steps run on production hosts must not silently kill them: the terminal names
 * each run in flight and waits for it (the page keeps showing it, no new run starts). A second
 * stop, or --force, cancels them; the close logs that as the console's shutdown, never as a user.
 */
async function finishRunsInFlight(service: ConsoleService, force: boolean, io: CliIo): Promise<void> {
  const runs = service.inFlightRuns();
  if (runs.length === 0) return;
  const list = runs.map((run) => `  ${run.stepTitle} — session "${run.sessionName}" — on ${run.targets.join(', ')}`);
  if (force) {
    io.stdout([`Stopping (--force): cancelling ${runs.length} step run(s) in flight:`, ...list].join('\n'));
    return;
  }
  io.stdout(
    [
      `Stopping: waiting for ${runs.length} step run(s) in flight to finish (no new run starts):`,
      ...list,
      'Press Ctrl+C again (or send SIGTERM again) to cancel them now; the log will say they were cancelled because the console shut down.',
    ].join('\n'),
  );
  const outcome = await Promise.race([service.drainRuns().then(() => 'finished' as const), nextStop().then(() => 'cancel' as const)]);
  io.stdout(outcome === 'finished' ? 'The runs in flight have finished.' : 'Cancelling the runs in flight: the console is shutting down.');
}

/**
 * Listens on the asked port, else the kept one, else any free port. A kept port that is now taken
 * falls back to a free one, said loudly: a console that does not start is worse than new links.
 */
async function listen(service: ConsoleService, tokens: Tokens, port: number | null, portWasKept: boolean, io: CliIo, lan?: LanListenerOptions): Promise<WebServer | null> {
  const staticDir = rendererDir(packageRoot(import.meta.url));
  try {
    return await startWebServer({ console: service, staticDir, port: port ?? 0, tokens, lan });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const address = (error as { address?: string }).address;
    if (lan && address === lan.host) {
      io.stderr(`tminus serve: cannot listen on ${lan.host}:${lan.port} for the LAN (${code ?? String(error)})`);
      return null;
    }
    if (!(portWasKept && port !== null && code === 'EADDRINUSE')) {
      io.stderr(`tminus serve: cannot listen on 127.0.0.1:${port ?? 0} (${code ?? String(error)})`);
      return null;
    }
    io.stderr(`tminus serve: port ${port} (kept from the last run) is in use; listening on another one — open tabs and the wall need the new links below.`);
    return startWebServer({ console: service, staticDir, port: 0, tokens, lan });
  }
}
