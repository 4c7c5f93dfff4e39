// Between the SSH engine and the database: output of every running host is buffered briefly and
// handed to the sink (one transaction + one pushed `step.output` event per host) in groups.
// Flushing is on the leading edge: output arriving after a quiet spell (no group written for
// `flushIntervalMs`) is written as soon as the I/O already queued has been read (setImmediate), so
// a lone line reaches the IC's screen in milliseconds instead of waiting out a whole interval;
// output arriving while groups are being written is coalesced until `flushIntervalMs` after the
// last one (at most ~10 groups a second under load), and as soon as `groupChars` (64 KiB) wait.
// Consecutive pieces of one stream are merged into one chunk (up to `maxChunkChars`), so a
// command printing line by line does not become a row and a message per line.
//
// Backpressure: while more than `maxBufferedChars` wait for the sink, `push` returns a promise that
// settles only after the next group is written. The engine pauses the SSH channel until it
// settles (and SSH flow control then blocks the remote command's writes), so a flood slows the
// command down instead of growing memory or dropping bytes.
import { OutputDigester, type HostOutputKey, type OutputDigest, type OutputGroup, type OutputStreamName, type StoredChunk } from './outputStore';

export interface RecorderScheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` after the I/O callbacks already queued (setImmediate), so one burst is one group. */
  soon(fn: () => void): unknown;
  cancelSoon(handle: unknown): void;
  /** Monotonic milliseconds. */
  now(): number;
}

export const realScheduler: RecorderScheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  soon: (fn) => setImmediate(fn),
  cancelSoon: (handle) => clearImmediate(handle as NodeJS.Immediate),
  now: () => performance.now(),
};

export interface OutputRecorderOptions {
  /** Stores the groups (one transaction) and pushes them to clients; throws when it cannot. */
  sink: (groups: OutputGroup[]) => void;
  scheduler?: RecorderScheduler;
  flushIntervalMs?: number;
  groupChars?: number;
  maxBufferedChars?: number;
  maxChunkChars?: number;
}

export const DEFAULT_RECORDER_LIMITS = { flushIntervalMs: 100, groupChars: 64 * 1024, maxBufferedChars: 256 * 1024, maxChunkChars: 64 * 1024 };

/** One host of one run, as the recorder tracks it. */
export class HostOutput {
  nextSeq = 0;
  pending: StoredChunk[] = [];
  readonly digester = new OutputDigester();
  /** Set when a group with this host's output could not be written. */
  failure: Error | null = null;
  finished = false;

  constructor(readonly key: HostOutputKey) {}
}

export interface PieceOfOutput {
  stream: OutputStreamName;
  text: string;
  /** Clock time (ms) the bytes arrived. */
  at: number;
}

export class OutputRecorder {
  private readonly scheduler: RecorderScheduler;
  private readonly limits: typeof DEFAULT_RECORDER_LIMITS;
  private readonly dirty = new Set<HostOutput>();
  private buffered = 0;
  private timer: unknown = null;
  private immediate: unknown = null;
  /** When the last group was written (scheduler time); output after a quiet spell goes out at once. */
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private closed = false;

  constructor(private readonly options: OutputRecorderOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.limits = {
      flushIntervalMs: options.flushIntervalMs ?? DEFAULT_RECORDER_LIMITS.flushIntervalMs,
      groupChars: options.groupChars ?? DEFAULT_RECORDER_LIMITS.groupChars,
      maxBufferedChars: options.maxBufferedChars ?? DEFAULT_RECORDER_LIMITS.maxBufferedChars,
      maxChunkChars: options.maxChunkChars ?? DEFAULT_RECORDER_LIMITS.maxChunkChars,
    };
  }

  /** Characters waiting for the sink right now. */
  get bufferedChars(): number {
    return this.buffered;
  }

  open(key: HostOutputKey): HostOutput {
    return new HostOutput(key);
  }

  /** Takes one redacted piece of output; a promise means "wait before sending more". */
  push(host: HostOutput, piece: PieceOfOutput): void | Promise<void> {
    if (host.failure) throw host.failure;
    if (host.finished || this.closed) throw new Error(`output of ${host.key.target} arrived after its run was recorded as finished`);
    const { text } = piece;
    if (text.length === 0) return;
    host.digester.update(text);
    const last = host.pending.at(-1);
    if (last && last.stream === piece.stream && last.text.length + text.length <= this.limits.maxChunkChars) {
      last.text += text;
    } else {
      host.pending.push({ seq: host.nextSeq++, stream: piece.stream, at: new Date(piece.at).toISOString(), text });
      this.dirty.add(host);
    }
    this.buffered += text.length;
    const sinceLastFlush = this.scheduler.now() - this.lastFlushAt;
    if (this.buffered >= this.limits.groupChars || (this.timer === null && sinceLastFlush >= this.limits.flushIntervalMs)) {
      this.immediate ??= this.scheduler.soon(() => {
        this.immediate = null;
        this.flush();
      });
    } else if (this.immediate === null) {
      this.timer ??= this.scheduler.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, Math.max(0, this.limits.flushIntervalMs - sinceLastFlush));
    }
    if (this.buffered > this.limits.maxBufferedChars) return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Writes everything waiting, as one group. */
  flush(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    if (this.immediate !== null) this.scheduler.cancelSoon(this.immediate);
    this.timer = null;
    this.immediate = null;
    const hosts = [...this.dirty];
    if (hosts.length > 0) this.lastFlushAt = this.scheduler.now();
    const groups: OutputGroup[] = hosts.map((host) => ({ ...host.key, chunks: host.pending }));
    for (const host of hosts) host.pending = [];
    this.dirty.clear();
    this.buffered = 0;
    const waiters = this.waiters;
    this.waiters = [];
    try {
      if (groups.length > 0) this.options.sink(groups);
    } catch (error) {
      const failure = new Error(`step output could not be stored: ${error instanceof Error ? error.message : String(error)}`);
      for (const host of hosts) host.failure = failure;
      for (const waiter of waiters) waiter.reject(failure);
      return;
    }
    for (const waiter of waiters) waiter.resolve();
  }

  /**
   * The host's run is over (its runner has handed over every chunk): writes what is waiting and
   * returns the host's digest, or the error that kept part of its output from being stored.
   */
  finish(host: HostOutput): { digest: OutputDigest; failure: Error | null } {
    if (this.dirty.has(host)) this.flush();
    host.finished = true;
    return { digest: host.digester.digest(host.nextSeq), failure: host.failure };
  }

  /** Writes what is waiting and refuses more (console shutdown). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
