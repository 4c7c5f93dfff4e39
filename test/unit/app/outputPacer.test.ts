// The Electron window's output pacing (fake clock and a fake log; the window itself needs the
// Electron binary): a flood is pushed only up to its pace, every other event always passes, and
// the renderer's feed still ends with every byte, read from the log where pushes were skipped.
import { describe, expect, it } from 'vitest';
import { createOutputPacer } from '../../../electron/core/outputPacer';
import { OutputFeed, type OutputChunk, type OutputPage } from '../../../renderer/src/features/steps/output/outputFeed';
import type { ApiEventMessage } from '../../../shared/api/contract';

const output = (chunks: OutputChunk[]): ApiEventMessage => ({ event: 'step.output', payload: { sessionId: 's', runId: 'r', target: 'app1', chunks: chunks.map((c) => ({ ...c, at: '2026-11-27T12:00:00.000Z' })) } });
const line = (seq: number, size = 1000): OutputChunk => ({ seq, stream: 'stdout', text: `${String(seq).padStart(6, '0')}${'x'.repeat(size - 7)}\n` });

describe('output pacing for the desktop window', () => {
  it('admits a burst, refuses what is over it, and admits again as the budget refills', () => {
    let now = 0;
    const admit = createOutputPacer({ bytesPerSecond: 10_000, burstBytes: 5_000, now: () => now });
    const admitted = Array.from({ length: 8 }, (_, i) => admit(output([line(i)])));
    expect(admitted).toEqual([true, true, true, true, true, false, false, false]);
    now += 100; // 1,000 bytes back
    expect(admit(output([line(8)]))).toBe(true);
    expect(admit(output([line(9)]))).toBe(false);
    now += 10_000; // refills to the burst size, never beyond it
    expect(Array.from({ length: 6 }, (_, i) => admit(output([line(10 + i)])))).toEqual([true, true, true, true, true, false]);
  });

  it('never holds back anything but step output', () => {
    const admit = createOutputPacer({ bytesPerSecond: 1, burstBytes: 1, now: () => 0 });
    expect(admit(output([line(0)]))).toBe(false);
    expect(admit({ event: 'ssh.promptClosed', payload: { promptId: 'p' } })).toBe(true);
  });

  it('loses nothing: the feed fills what was not pushed from the log, in order', async () => {
    let now = 0;
    const admit = createOutputPacer({ bytesPerSecond: 20_000, burstBytes: 3_000, now: () => now });
    const log: OutputChunk[] = [];
    const fetchPage = async (fromSeq: number, limit: number): Promise<OutputPage> => {
      await Promise.resolve();
      const chunks = log.filter((c) => c.seq >= fromSeq).slice(0, limit);
      return { chunks, nextSeq: chunks.length ? chunks[chunks.length - 1]!.seq + 1 : fromSeq, complete: false };
    };
    const feed = new OutputFeed({ fetchPage, pageSize: 7 });
    feed.start();
    let pushed = 0;
    for (let seq = 0; seq < 400; seq++) {
      const chunk = line(seq);
      log.push(chunk);
      const message = output([chunk]);
      if (admit(message) && message.event === 'step.output') {
        feed.push(message.payload.chunks);
        pushed++;
      }
      now += 1; // 1 MB/s offered against a 20 kB/s pace
      await Promise.resolve();
    }
    feed.markFinished();
    for (let i = 0; i < 200 && (feed.loading || feed.nextSeq < 400); i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pushed).toBeLessThan(40);
    expect(feed.lines.lines.map((l) => l.text)).toEqual(log.map((c) => c.text.slice(0, -1)));
  });
});
