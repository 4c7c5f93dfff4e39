// The one interface every kind of target runs behind: an SSH host or the IC's workstation.

export type OutputStream = 'stdout' | 'stderr';

/** A piece of a run's output, already UTF-8 decoded and redacted. */
export interface OutputChunk {
  stream: OutputStream;
  text: string;
  /** Clock time the bytes arrived. */
  at: number;
}

/**
 * Receives output. Returning a promise applies backpressure: the runner pauses the channel (and
 * so, through SSH flow control, the remote command's writes) until it settles.
 */
export type OutputConsumer = (chunk: OutputChunk) => void | Promise<void>;

export interface RunRequest {
  /** The step's script, run by `bash -s`. */
  script: string;
  /** Exported to the script through stdin, never in an argument list or a file. */
  secrets?: Readonly<Record<string, string>>;
  /** Further values to redact from output (e.g. the session's other secrets). */
  redact?: Readonly<Record<string, string>>;
  /** null/undefined: no timeout. */
  timeoutMs?: number | null;
  /** Aborting cancels the run (signal, grace period, close). */
  signal?: AbortSignal;
  onOutput?: OutputConsumer;
  /** Time between SIGINT, SIGTERM and closing the channel on cancel/timeout. */
  cancelGraceMs?: number;
}

/**
 * `interrupted`: the connection was lost while the command ran — its outcome is unknown (it may
 * have finished, failed, or still be running on the host). Never reported as `failed`.
 */
export type HostRunStatus = 'succeeded' | 'failed' | 'cancelled' | 'timed-out' | 'skipped' | 'interrupted';

export interface HostRunResult {
  /** Inventory name, or `local`. */
  target: string;
  status: HostRunStatus;
  exitCode: number | null;
  /** Signal name without `SIG` (`INT`, `TERM`) when the command died of one. */
  signal: string | null;
  /** Why the run did not succeed (connection lost, auth failed, cancelled …), null on success. */
  reason: string | null;
  /** Error class kind when the failure came from the SSH layer (`unreachable`, `host-key-refused` …). */
  errorKind: string | null;
  /** The remote command's process group, when the host reported it (for a later check). */
  processGroup?: number | null;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  /** Secrets that could not be redacted (too short), so the console can warn. */
  unredacted: string[];
}

export interface HostRunner {
  readonly target: string;
  run(request: RunRequest): Promise<HostRunResult>;
}

export const DEFAULT_CANCEL_GRACE_MS = 5_000;

export function skippedResult(target: string, reason: string): HostRunResult {
  return { target, status: 'skipped', exitCode: null, signal: null, reason, errorKind: null, startedAt: null, endedAt: null, durationMs: null, unredacted: [] };
}
