// Output grouping and backpressure, with a fake scheduler (timers and "soon" run when the test
// says) and a fake sink (records groups instead of writing them) — plus the real SQLite store for
// the digest a host's finish event records.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { OutputRecorder, type RecorderScheduler } from '../../../electron/steps/outputRecorder';
import { OutputStore, type OutputGroup } from '../../../electron/steps/outputStore';

class FakeScheduler implements RecorderScheduler {
  private next = 1;
  readonly timers = new Map<number, { fn: () => void; ms: number }>();
  readonly soons = new Map<number, () => void>();
  /** The scheduler's clock, moved by the test. */
  time = 0;
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    this.timers.set(this.next, { fn, ms });
    return this.next++;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  soon(fn: () => void): unknown {
    this.soons.set(this.next, fn);
    return this.next++;
  }
  cancelSoon(handle: unknown): void {
    this.soons.delete(handle as number);
  }
  runSoon(): void {
    const due = [...this.soons.values()];
    this.soons.clear();
    for (const fn of due) fn();
  }
  fireTimers(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const { fn } of due) fn();
  }
}

const key = (target: string) => ({ sessionId: 's', runId: 'r', target });
const at = Date.parse('2025-10-21T12:00:00Z');
const text = (groups: OutputGroup[], target: string) =>
  groups
    .filter((g) => g.target === target)
    .flatMap((g) => g.chunks)
    .map((c) => c.text)
    .join('');
const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

function setUp(options: { maxBufferedChars?: number; groupChars?: number; fail?: () => Error | null } = {}) {
  const scheduler = new FakeScheduler();
  const groups: OutputGroup[][] = [];
  const recorder = new OutputRecorder({
    scheduler,
    groupChars: options.groupChars,
    maxBufferedChars: options.maxBufferedChars,
    sink: (batch) => {
      const error = options.fail?.();
      if (error) throw error;
      groups.push(batch.map((g) => ({ ...g, chunks: g.chunks.map((c) => ({ ...c })) })));
    },
  });
  return { scheduler, groups, recorder };
}

describe('output recorder (fake scheduler, fake sink)', () => {
  it('groups a burst: everything read in one turn is one group, pieces of a stream merged into one chunk', () => {
    const { scheduler, groups, recorder } = setUp();
    const host = recorder.open(key('app1'));
    for (let i = 0; i < 10; i++) expect(recorder.push(host, { stream: 'stdout', text: `line ${i}\n`, at: at + i })).toBeUndefined();
    recorder.push(host, { stream: 'stderr', text: 'oops\n', at: at + 20 });
    expect(groups).toHaveLength(0);
    expect(scheduler.timers.size).toBe(0);
    scheduler.runSoon();
    expect(groups).toHaveLength(1);
    expect(groups[0]![0]!.chunks).toEqual([
      { seq: 0, stream: 'stdout', at: '2025-10-21T12:00:00.000Z', text: Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join('') },
      { seq: 1, stream: 'stderr', at: '2025-10-21T12:00:00.020Z', text: 'oops\n' },
    ]);
  });

  it('leading edge: a line after a quiet spell goes out at once; lines right after a group wait out the rest of the interval', () => {
    const { scheduler, groups, recorder } = setUp();
    const host = recorder.open(key('app1'));
    recorder.push(host, { stream: 'stdout', text: 'first\n', at });
    expect(scheduler.soons.size).toBe(1);
    scheduler.runSoon();
    expect(groups).toHaveLength(1);
    // 30 ms later: coalesced until 100 ms after the last group.
    scheduler.time = 30;
    recorder.push(host, { stream: 'stdout', text: 'second\n', at });
    recorder.push(host, { stream: 'stdout', text: 'third\n', at });
    expect(scheduler.soons.size).toBe(0);
    expect([...scheduler.timers.values()].map((t) => t.ms)).toEqual([70]);
    scheduler.time = 100;
    scheduler.fireTimers();
    expect(groups.map((g) => text(g, 'app1'))).toEqual(['first\n', 'second\nthird\n']);
    // Quiet for 500 ms: the next line is written without waiting.
    scheduler.time = 600;
    recorder.push(host, { stream: 'stdout', text: 'later\n', at });
    expect(scheduler.timers.size).toBe(0);
    scheduler.runSoon();
    expect(groups).toHaveLength(3);
  });

  it('a flood is written as soon as 64 KiB wait, without waiting for the timer', () => {
    const { scheduler, groups, recorder } = setUp();
    const host = recorder.open(key('app1'));
    // A group was just written, so a trickle would wait for the timer.
    recorder.push(host, { stream: 'stdout', text: '.', at });
    scheduler.runSoon();
    groups.length = 0;
    scheduler.time = 10;
    recorder.push(host, { stream: 'stdout', text: 'x'.repeat(40_000), at });
    expect(scheduler.soons.size).toBe(0);
    recorder.push(host, { stream: 'stdout', text: 'y'.repeat(30_000), at });
    expect(scheduler.soons.size).toBe(1);
    scheduler.runSoon();
    expect(groups).toHaveLength(1);
    expect(text(groups[0]!, 'app1')).toHaveLength(70_000);
    // Merged chunks stay under 64 KiB each.
    expect(groups[0]![0]!.chunks.map((c) => c.text.length)).toEqual([40_000, 30_000]);
  });

  it('backpressure: past the bound, push returns a promise that settles only after the group is written', async () => {
    const { scheduler, groups, recorder } = setUp({ maxBufferedChars: 100_000 });
    const host = recorder.open(key('app1'));
    expect(recorder.push(host, { stream: 'stdout', text: 'a'.repeat(40_000), at })).toBeUndefined();
    expect(recorder.push(host, { stream: 'stdout', text: 'b'.repeat(40_000), at })).toBeUndefined();
    const wait = recorder.push(host, { stream: 'stdout', text: 'c'.repeat(40_000), at });
    expect(wait).toBeInstanceOf(Promise);
    expect(await settled(wait as Promise<void>)).toBe(false);
    expect(groups).toHaveLength(0);
    scheduler.runSoon();
    expect(await settled(wait as Promise<void>)).toBe(true);
    expect(text(groups[0]!, 'app1')).toBe('a'.repeat(40_000) + 'b'.repeat(40_000) + 'c'.repeat(40_000));
    expect(recorder.bufferedChars).toBe(0);
  });

  it('a producer that waits when told never buffers more than the bound plus one piece, and nothing is lost', async () => {
    const { scheduler, groups, recorder } = setUp({ maxBufferedChars: 50_000, groupChars: 1_000_000 });
    const host = recorder.open(key('app1'));
    let produced = '';
    let peak = 0;
    let waits = 0;
    for (let i = 0; i < 500; i++) {
      const piece = `${String(i).padStart(4, '0')}:${'z'.repeat(7_000)}\n`;
      produced += piece;
      const pending = recorder.push(host, { stream: i % 7 === 0 ? 'stderr' : 'stdout', text: piece, at: at + i });
      peak = Math.max(peak, recorder.bufferedChars);
      if (pending) {
        waits++;
        // The event loop turns: the timer / soon callbacks run, then the producer resumes.
        scheduler.fireTimers();
        scheduler.runSoon();
        await pending;
      }
    }
    const { digest } = recorder.finish(host);
    const stored = groups.flatMap((batch) => batch.flatMap((g) => g.chunks));
    expect(stored.map((c) => c.text).join('')).toBe(produced);
    expect(stored.map((c) => c.seq)).toEqual(stored.map((_, i) => i));
    expect(peak).toBeLessThanOrEqual(50_000 + 7_006);
    expect(waits).toBeGreaterThan(10);
    expect(digest).toEqual({ chunks: stored.length, bytes: Buffer.byteLength(produced), sha256: createHash('sha256').update(produced).digest('hex') });
  });

  it("keeps each host's chunks in order with their own seq when hosts interleave across groups", () => {
    const { scheduler, groups, recorder } = setUp();
    const a = recorder.open(key('a'));
    const b = recorder.open(key('b'));
    for (let i = 0; i < 6; i++) {
      recorder.push(i % 2 ? a : b, { stream: i % 3 ? 'stdout' : 'stderr', text: `${i}`, at });
      if (i === 2) scheduler.runSoon();
    }
    recorder.flush();
    const chunksOf = (target: string) => groups.flatMap((batch) => batch.filter((g) => g.target === target).flatMap((g) => g.chunks));
    expect(chunksOf('a').map((c) => [c.seq, c.text])).toEqual([
      [0, '1'],
      [1, '3'],
      [2, '5'],
    ]);
    expect(chunksOf('b').map((c) => [c.seq, c.text])).toEqual([
      [0, '0'],
      [1, '2'],
      [2, '4'],
    ]);
  });

  it('a sink that fails: the waiting producer gets the error, the host reports it, later output is refused', async () => {
    let failing = false;
    const { scheduler, recorder } = setUp({ maxBufferedChars: 10, fail: () => (failing ? new Error('disk full') : null) });
    const host = recorder.open(key('app1'));
    failing = true;
    const wait = recorder.push(host, { stream: 'stdout', text: 'more than ten characters', at }) as Promise<void>;
    scheduler.runSoon();
    await expect(wait).rejects.toThrow('step output could not be stored: disk full');
    expect(() => recorder.push(host, { stream: 'stdout', text: 'again', at })).toThrow(/disk full/);
    expect(recorder.finish(host).failure?.message).toMatch(/disk full/);
  });

  it('output after the host finished is refused (it would not be covered by the finish digest)', () => {
    const { recorder } = setUp();
    const host = recorder.open(key('app1'));
    recorder.push(host, { stream: 'stdout', text: 'done\n', at });
    recorder.finish(host);
    expect(() => recorder.push(host, { stream: 'stdout', text: 'late\n', at })).toThrow(/after its run was recorded as finished/);
  });
});

describe('output store (SQLite)', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores groups in one transaction, pages by count and size, and digests what the recorder digested', () => {
    dir = mkdtempSync(join(tmpdir(), 'tminus-output-'));
    db = openDatabase({ file: join(dir, 'tminus.db') });
    const store = new OutputStore(db);
    const recorder = new OutputRecorder({ sink: (groups) => store.write(groups), scheduler: new FakeScheduler(), groupChars: 10_000 });
    const host = recorder.open(key('app1'));
    for (let i = 0; i < 50; i++) recorder.push(host, { stream: i % 5 ? 'stdout' : 'stderr', text: `${i}:${'é'.repeat(500)}\n`, at });
    const { digest } = recorder.finish(host);
    expect(store.digest(key('app1'))).toEqual(digest);
    const all = store.page(key('app1'), 0, 5000, 10_000_000);
    expect(all).toHaveLength(digest.chunks);
    const small = store.page(key('app1'), 0, 5000, 1_200);
    expect(small.length).toBeLessThan(all.length);
    expect(small.length).toBeGreaterThan(0);
    expect(store.page(key('app1'), small.at(-1)!.seq + 1, 2, 10_000_000).map((c) => c.seq)).toEqual([small.length, small.length + 1]);
    expect(() => db.prepare('DELETE FROM output_chunks').run()).toThrow(/append-only/);
  });
});
