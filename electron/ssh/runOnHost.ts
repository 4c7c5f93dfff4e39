// Running a step's script on one SSH host over the pooled connection: exec `bash -s`, feed the
// secrets and script on stdin, stream redacted output, report exit code or signal.
import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import type { Clock } from './clock';
import type { SshConnectionPool } from './connectionPool';
import { ChannelError, SshError } from './errors';
import type { HostRunner, HostRunResult, RunRequest } from './hostRunner';
import { OutputPump } from './outputPump';
import { processGroupReport, ProcessGroupMarkerFilter } from './processGroupMarker';
import { cancelReason, RunSupervisor, stopReason } from './runSupervisor';
import type { ResolvedEndpoint } from './sshConfig';
import { scriptForStdin } from './stdinScript';

/** The only command line the host ever sees: no secret, no script. */
export const REMOTE_COMMAND = 'bash -s';

interface ChannelInternals {
  outgoing: { id: number; state: string };
  _client: { _protocol: { signal(channelId: number, signal: string): void } };
}

/**
 * Sends an SSH "signal" request (sshd delivers it with killpg to the command's process group) —
 * the fallback when the process group is not known yet (see processGroupMarker.ts for why it is
 * not the first choice). ssh2's Channel.signal() refuses once stdin is ended, but the protocol
 * allows a signal until the channel closes, and we end stdin right after the script; so this goes
 * to the protocol.
 */
export function signalChannel(channel: ClientChannel, name: string): void {
  const internals = channel as unknown as ChannelInternals;
  if (internals.outgoing.state === 'open' || internals.outgoing.state === 'eof') {
    internals._client._protocol.signal(internals.outgoing.id, name);
  }
}

/** `kill -SIG -- -PGID` on its own channel of the same connection. */
function killProcessGroup(client: Client, pgid: number, name: string): void {
  try {
    client.exec(`kill -${name} -- -${pgid}`, (error, channel) => {
      if (!error) channel.resume().stderr.resume();
    });
  } catch {
    // The connection is gone; so is the way to signal. The run ends through the channel closing.
  }
}

function openExec(client: Client, target: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(REMOTE_COMMAND, (error, channel) => (error ? reject(error) : resolve(channel)));
    } catch (error) {
      reject(error);
    }
  }).catch((error: Error) => {
    throw new ChannelError(target, `could not start the command: ${error.message}`, { cause: error });
  }) as Promise<ClientChannel>;
}

export class SshHostRunner implements HostRunner {
  constructor(
    readonly target: string,
    private readonly endpoint: ResolvedEndpoint,
    private readonly pool: SshConnectionPool,
    private readonly clock: Clock,
  ) {}

  async run(request: RunRequest): Promise<HostRunResult> {
    const startedAt = this.clock.now();
    const result = (fields: Partial<HostRunResult> & Pick<HostRunResult, 'status'>): HostRunResult => {
      const endedAt = this.clock.now();
      return { target: this.target, exitCode: null, signal: null, reason: null, errorKind: null, startedAt, endedAt, durationMs: endedAt - startedAt, unredacted: [], ...fields };
    };
    const failure = (error: unknown): HostRunResult =>
      request.signal?.aborted
        ? result({ status: 'cancelled', reason: `${cancelReason(request.signal)} before the command started` })
        : result({ status: 'failed', reason: (error as Error).message, errorKind: error instanceof SshError ? error.kind : 'channel' });

    if (request.signal?.aborted) return result({ status: 'cancelled', reason: `${cancelReason(request.signal)} before the command started` });
    const nonce = randomBytes(8).toString('hex');
    let input: string;
    try {
      input = processGroupReport(nonce) + scriptForStdin(request.script, request.secrets);
    } catch (error) {
      return result({ status: 'failed', reason: (error as Error).message });
    }

    let client: Client;
    let channel: ClientChannel;
    try {
      client = await untilAborted(this.pool.acquire(this.endpoint), request.signal);
      try {
        channel = await openExec(client, this.target);
      } catch (error) {
        if (!isDeadConnection(error)) throw error;
        // The pooled connection died without us hearing of it yet; the command never started, so
        // one fresh connection is safe.
        this.pool.discard(client, (error as Error).message);
        client = await untilAborted(this.pool.acquire(this.endpoint), request.signal);
        channel = await openExec(client, this.target);
      }
    } catch (error) {
      return failure(error);
    }
    return this.supervise(client, channel, input, nonce, request, result);
  }

  private async supervise(
    client: Client,
    channel: ClientChannel,
    input: string,
    nonce: string,
    request: RunRequest,
    result: (fields: Partial<HostRunResult> & Pick<HostRunResult, 'status'>) => HostRunResult,
  ): Promise<HostRunResult> {
    const marker = new ProcessGroupMarkerFilter(nonce);
    const pump = new OutputPump(
      [
        { stream: 'stdout', readable: channel },
        { stream: 'stderr', readable: channel.stderr, intercept: marker },
      ],
      { ...request.redact, ...request.secrets },
      request.onOutput,
      this.clock,
    );
    let exit: { code: number | null; signal: string | null } | null = null;
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = { code: typeof code === 'number' ? code : null, signal: signal ? signal.replace(/^SIG/, '') : null };
    });
    let giveUp!: () => void;
    const closed = new Promise<void>((resolve) => {
      giveUp = resolve;
      channel.once('close', () => resolve());
    });
    // The marker normally arrives before any output; a cancel that comes first waits for it.
    let pendingSignal: string | null = null;
    marker.onFound = (pgid) => {
      if (pendingSignal) killProcessGroup(client, pgid, pendingSignal);
      pendingSignal = null;
    };
    const signal = (name: string): void => {
      if (marker.pgid !== null) killProcessGroup(client, marker.pgid, name);
      else if (marker.settled) signalChannel(channel, name);
      else pendingSignal = name;
    };
    const supervisor = new RunSupervisor(
      {
        signal,
        forceClose: () => {
          if (marker.pgid !== null) killProcessGroup(client, marker.pgid, 'KILL');
          channel.close();
        },
        abandon: () => {
          pump.detach();
          giveUp();
        },
      },
      request,
    );
    supervisor.start();
    channel.on('error', () => {
      // A channel error is followed by close; the result reports it through the exit status.
    });
    channel.end(input);

    await closed;
    await pump.whenDone();
    supervisor.dispose();

    const finalExit = exit as { code: number | null; signal: string | null } | null;
    const common = { exitCode: finalExit?.code ?? null, signal: finalExit?.signal ?? null, unredacted: pump.unredacted, processGroup: marker.pgid };
    const cause = supervisor.stopCause;
    if (cause) return result({ ...common, status: cause, reason: stopReason(cause, request, supervisor.abandoned) });
    if (!finalExit) {
      const lost = this.pool.lossReason(client);
      // The command was started and nothing said how it ended: it may have finished, failed or still
      // be running there. Saying "failed" would invite a blind re-run of something that may be done.
      return result({
        ...common,
        status: 'interrupted',
        reason: `outcome unknown — connection lost while the command ran (${lost ?? 'the channel closed without an exit status'}); it may have finished or may still be running`,
        errorKind: 'connection-lost',
      });
    }
    if (pump.error) return result({ ...common, status: 'failed', reason: `output consumer failed: ${pump.error.message}` });
    if (finalExit.code === 0) return result({ ...common, status: 'succeeded' });
    return result({
      ...common,
      status: 'failed',
      reason: finalExit.signal ? `killed by signal ${finalExit.signal}` : `exit code ${finalExit.code ?? 'unknown'}`,
    });
  }
}

/** ssh2's words for "this connection is gone" (as opposed to the host refusing one more channel). */
function isDeadConnection(error: unknown): boolean {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error && /Not connected|No response from server/i.test(cause.message);
}

/** Waits for a promise unless the run is cancelled first (the connection attempt carries on in the pool). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('cancelled'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
