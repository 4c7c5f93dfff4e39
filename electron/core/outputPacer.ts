// Live step output pushed to a client that gives no backpressure signal (the Electron window:
// `webContents.send` queues without bound). Output is admitted up to a byte budget that refills
// over time (a token bucket); what is over budget is not pushed. Nothing is lost: the renderer's
// output feed sees the sequence gap at the next chunk or at the host's end and reads the missing
// part from the log with `getRunOutput`, which is request/response and so paced by the renderer
// itself. Every other event always passes.
import type { ApiEventMessage } from '../../shared/api/contract';

export interface OutputPacerOptions {
  /** Sustained push rate for step output. */
  bytesPerSecond: number;
  /** Largest burst admitted at once (the bucket's size). */
  burstBytes: number;
  /** Monotonic milliseconds. */
  now: () => number;
}

export const DEFAULT_OUTPUT_PACE = { bytesPerSecond: 8 * 1024 * 1024, burstBytes: 2 * 1024 * 1024 };

export function createOutputPacer(options: OutputPacerOptions): (message: ApiEventMessage) => boolean {
  let tokens = options.burstBytes;
  let refilledAt = options.now();
  return (message) => {
    if (message.event !== 'step.output') return true;
    const now = options.now();
    tokens = Math.min(options.burstBytes, tokens + ((now - refilledAt) * options.bytesPerSecond) / 1000);
    refilledAt = now;
    let bytes = 0;
    for (const chunk of message.payload.chunks) bytes += chunk.text.length;
    if (bytes > tokens) return false;
    tokens -= bytes;
    return true;
  };
}
