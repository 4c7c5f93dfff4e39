// Cancel and timeout for a running command, shared by the SSH and local runners: SIGINT first (a
// deploy script can trap it and clean up), SIGTERM after a grace period, SIGKILL and closing the
// channel after another, and after a third the run is given up on (reported, not waited for) so a
// host that never confirms cannot hang the console. The supervisor remembers why the run was
// stopped, so the result says `cancelled` or `timed-out` rather than a bare signal.
import { DEFAULT_CANCEL_GRACE_MS, type RunRequest } from './hostRunner';

export interface StoppableCommand {
  signal(name: 'INT' | 'TERM'): void;
  /** SIGKILL the process group and close the channel / pipes. */
  forceClose(): void;
  /** Stop waiting for the command to confirm its end. */
  abandon(): void;
}

export type StopCause = 'cancelled' | 'timed-out';

export class RunSupervisor {
  private cause: StopCause | null = null;
  /** True when the run ended without the command confirming it had stopped. */
  abandoned = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly onAbort = (): void => this.stop('cancelled');

  constructor(
    private readonly command: StoppableCommand,
    private readonly request: RunRequest,
  ) {}

  start(): void {
    const { signal, timeoutMs } = this.request;
    if (signal?.aborted) {
      this.stop('cancelled');
      return;
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (timeoutMs != null && timeoutMs > 0) this.timers.push(setTimeout(() => this.stop('timed-out'), timeoutMs));
  }

  get stopCause(): StopCause | null {
    return this.cause;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
  }

  private stop(cause: StopCause): void {
    if (this.cause) return;
    this.cause = cause;
    const grace = this.request.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    this.command.signal('INT');
    this.timers.push(
      setTimeout(() => this.command.signal('TERM'), grace),
      setTimeout(() => this.command.forceClose(), 2 * grace),
      setTimeout(() => {
        this.abandoned = true;
        this.command.abandon();
      }, 3 * grace),
    );
  }
}

/**
 * Who stopped a run: whoever aborts may say why by aborting with a string (the console's own
 * shutdown does); a plain abort is a person's Cancel.
 */
export function cancelReason(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === 'string' ? signal.reason : 'cancelled by the user';
}

export function stopReason(cause: StopCause, request: RunRequest, abandoned = false): string {
  const base = cause === 'cancelled' ? cancelReason(request.signal) : `timed out after ${Number(((request.timeoutMs ?? 0) / 1000).toFixed(1))} s`;
  return abandoned ? `${base}; the command did not confirm it stopped and may still be running` : base;
}
