// Moves a command's stdout/stderr to the consumer: bytes → UTF-8 text (a streaming decoder, so a
// character split across packets is not mangled) → redaction (per stream, so a secret split across
// chunks is still caught, then across streams in arrival order, shared/redactInterleaved.ts) → consumer, in arrival order, with backpressure: while the consumer has
// not finished with a chunk, both streams are paused, which stops SSH window updates and so
// eventually blocks the remote command's writes. Nothing is dropped; memory stays bounded.
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { createInterleavedRedactor, type StreamPiece } from '../../shared/redactInterleaved';
import type { Clock } from './clock';
import type { OutputChunk, OutputConsumer, OutputStream } from './hostRunner';

export interface PumpSource {
  stream: OutputStream;
  readable: Readable;
  /** Sees the decoded text before redaction (to remove engine-internal framing). */
  intercept?: { push(text: string): string; end(): string };
}

export class OutputPump {
  private readonly queue: OutputChunk[] = [];
  private draining = false;
  private openStreams: number;
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  private consumerError: Error | null = null;
  private detached = false;
  readonly unredacted: string[];

  constructor(
    private readonly sources: readonly PumpSource[],
    secrets: Readonly<Record<string, string>>,
    private readonly consumer: OutputConsumer | undefined,
    private readonly clock: Clock,
  ) {
    this.openStreams = sources.length;
    const redactor = createInterleavedRedactor(secrets, sources.map((source) => source.stream));
    const release = (pieces: Array<StreamPiece<OutputStream>>) => {
      for (const piece of pieces) this.enqueue(piece.stream, piece.text);
    };
    for (const source of sources) {
      const decoder = new StringDecoder('utf8');
      const intercept = source.intercept ?? { push: (text: string) => text, end: () => '' };
      source.readable.on('data', (data: Buffer) => release(redactor.push(source.stream, intercept.push(decoder.write(data)))));
      source.readable.once('end', () => {
        release(redactor.push(source.stream, intercept.push(decoder.end()) + intercept.end()));
        release(redactor.end(source.stream));
        this.openStreams--;
        this.maybeFinish();
      });
    }
    this.unredacted = redactor.ignored.map((i) => i.name);
  }

  /** Resolves when every stream has ended and every chunk has been handed over. */
  async whenDone(): Promise<void> {
    await this.done;
  }

  /** Stops handing chunks to the consumer (a run given up on); streams are drained and dropped. */
  detach(): void {
    this.detached = true;
    this.queue.length = 0;
    for (const source of this.sources) source.readable.resume();
    this.resolveDone();
  }

  /** The consumer's first error, if it threw (the command keeps running regardless). */
  get error(): Error | null {
    return this.consumerError;
  }

  private enqueue(stream: OutputStream, text: string): void {
    if (text.length === 0 || this.detached) return;
    this.queue.push({ stream, text, at: this.clock.now() });
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    let paused = false;
    while (this.queue.length > 0) {
      const chunk = this.queue.shift()!;
      if (!this.consumer || this.consumerError) continue;
      try {
        const pending = this.consumer(chunk);
        if (pending && typeof pending.then === 'function') {
          if (!paused) {
            for (const source of this.sources) source.readable.pause();
            paused = true;
          }
          await pending;
        }
      } catch (error) {
        this.consumerError = error instanceof Error ? error : new Error(String(error));
      }
    }
    this.draining = false;
    if (paused) for (const source of this.sources) source.readable.resume();
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.openStreams === 0 && !this.draining && this.queue.length === 0) this.resolveDone();
  }
}
