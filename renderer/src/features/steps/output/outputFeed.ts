// One host's output in one run, kept current from two sources: chunks pushed live (`step.output`)
// and pages read from the log (`getRunOutput`) on open or after a gap. Chunks carry a sequence
// number, so duplicates are dropped and a gap (missed while reconnecting, or pushed before the
// viewer opened) is filled from the log before anything after it is shown — never out of order.
import { OutputLines, type OutputStream } from './outputLines';

export interface OutputChunk {
  seq: number;
  stream: OutputStream;
  text: string;
}

export interface OutputPage {
  chunks: OutputChunk[];
  nextSeq: number;
  complete: boolean;
}

export type FetchOutputPage = (fromSeq: number, limit: number) => Promise<OutputPage>;

export interface OutputFeedOptions {
  fetchPage: FetchOutputPage;
  /** Chunks per page read from the log. */
  pageSize?: number;
  /** Lines kept in memory; the oldest are dropped beyond it (they stay in the log). */
  maxLines?: number;
}

export class OutputFeed {
  readonly lines = new OutputLines();
  /** Bumped on every change; the viewer re-renders on it. */
  version = 0;
  /** Bumped when lines were dropped (indices shifted). */
  epoch = 0;
  droppedLines = 0;
  nextSeq = 0;
  /** The log says this host's output has ended. */
  complete = false;
  loading = false;
  error: string | null = null;
  private started = false;
  private queued: OutputChunk[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly pageSize: number;
  private readonly maxLines: number;

  constructor(private readonly options: OutputFeedOptions) {
    this.pageSize = options.pageSize ?? 250;
    this.maxLines = options.maxLines ?? 500_000;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Reads what the log already holds (once); pushes that arrive meanwhile wait their turn. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.catchUp();
  }

  /** Live chunks, in order; anything after a gap waits until the gap is read from the log. */
  push(chunks: readonly OutputChunk[]): void {
    if (!this.started || this.loading) {
      this.queued.push(...chunks);
      return;
    }
    let changed = false;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      if (chunk.seq < this.nextSeq) continue;
      if (chunk.seq > this.nextSeq) {
        this.queued.push(...chunks.slice(i));
        void this.catchUp();
        break;
      }
      this.apply(chunk);
      changed = true;
    }
    if (changed) this.changed();
  }

  /** The host finished: nothing more will come, so text held back at the end can be shown. */
  markFinished(): void {
    if (this.loading || !this.started) return;
    void this.catchUp();
  }

  private apply(chunk: OutputChunk): void {
    this.lines.append(chunk.stream, chunk.text);
    this.nextSeq = chunk.seq + 1;
  }

  private async catchUp(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.error = null;
    this.changed();
    try {
      for (;;) {
        const before = this.nextSeq;
        const page = await this.options.fetchPage(this.nextSeq, this.pageSize);
        for (const chunk of page.chunks) if (chunk.seq >= this.nextSeq) this.apply(chunk);
        this.nextSeq = Math.max(this.nextSeq, page.nextSeq);
        if (page.complete) this.complete = true;
        this.trim();
        this.changed();
        // Pages are capped in size too, so a short page is not the end: only an empty one is.
        if (page.chunks.length > 0 && !page.complete) continue;
        // Caught up with the log: what was pushed meanwhile follows, if it joins without a gap.
        this.queued.sort((a, b) => a.seq - b.seq);
        const waiting = this.queued;
        this.queued = [];
        let gapAt = -1;
        for (let i = 0; i < waiting.length && gapAt < 0; i++) {
          const chunk = waiting[i]!;
          if (chunk.seq > this.nextSeq) gapAt = i;
          else if (chunk.seq === this.nextSeq) this.apply(chunk);
        }
        if (gapAt < 0 || this.complete) break;
        // Still a hole before what was pushed: keep the rest waiting and read the log again —
        // unless the log had nothing new either (the next push tries again).
        this.queued = waiting.slice(gapAt).concat(this.queued);
        if (this.nextSeq === before) break;
      }
      if (this.complete) this.lines.finish();
    } catch (error) {
      this.error = error instanceof Error ? error.message : 'could not read the output';
    } finally {
      this.loading = false;
      this.trim();
      this.changed();
    }
  }

  private trim(): void {
    const excess = this.lines.lines.length - this.maxLines;
    if (excess <= 0) return;
    // Drop in blocks so indices shift rarely (each shift makes search start over).
    const count = Math.max(excess, Math.floor(this.maxLines / 10));
    this.lines.dropOldest(count);
    this.droppedLines += count;
    this.epoch++;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
