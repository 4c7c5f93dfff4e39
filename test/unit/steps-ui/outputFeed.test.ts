import { describe, expect, it } from 'vitest';
import { OutputFeed, type OutputChunk, type OutputPage } from '../../../renderer/src/features/steps/output/outputFeed';
import { OutputSearch } from '../../../renderer/src/features/steps/output/outputSearch';

const chunk = (seq: number, text: string, stream: OutputChunk['stream'] = 'stdout'): OutputChunk => ({ seq, stream, text });

/** A fake log: the chunks stored so far, paged like getRunOutput (by count and by characters). */
function fakeLog(stored: OutputChunk[], options: { maxChars?: number; complete?: () => boolean } = {}) {
  const calls: number[] = [];
  const fetchPage = async (fromSeq: number, limit: number): Promise<OutputPage> => {
    calls.push(fromSeq);
    await Promise.resolve();
    const page: OutputChunk[] = [];
    let chars = 0;
    for (const c of stored.filter((c) => c.seq >= fromSeq)) {
      if (page.length >= limit || (page.length > 0 && chars + c.text.length > (options.maxChars ?? Infinity))) break;
      page.push(c);
      chars += c.text.length;
    }
    const nextSeq = page.length ? page[page.length - 1]!.seq + 1 : fromSeq;
    return { chunks: page, nextSeq, complete: (options.complete?.() ?? false) && nextSeq >= stored.length };
  };
  return { fetchPage, calls };
}

const settle = async (feed: OutputFeed) => {
  for (let i = 0; i < 50 && feed.loading; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const textOf = (feed: OutputFeed) => feed.lines.lines.map((l) => l.text);

describe('a host output feed (with a fake log)', () => {
  it('reads what the log holds on start, then takes pushed chunks in order, dropping duplicates', async () => {
    const stored = [chunk(0, 'one\n'), chunk(1, 'two\n')];
    const log = fakeLog(stored);
    const feed = new OutputFeed({ fetchPage: log.fetchPage });
    feed.start();
    feed.push([chunk(1, 'two\n'), chunk(2, 'three\n')]);
    await settle(feed);
    expect(textOf(feed)).toEqual(['one', 'two', 'three']);
    feed.push([chunk(2, 'three\n'), chunk(3, 'four\n')]);
    expect(textOf(feed)).toEqual(['one', 'two', 'three', 'four']);
    expect(feed.nextSeq).toBe(4);
  });

  it('fills a gap in the pushed chunks from the log before showing what comes after it', async () => {
    const stored = [chunk(0, 'a\n'), chunk(1, 'b\n'), chunk(2, 'c\n'), chunk(3, 'd\n')];
    const log = fakeLog(stored);
    const feed = new OutputFeed({ fetchPage: log.fetchPage });
    feed.start();
    await settle(feed);
    stored.push(chunk(4, 'e\n'), chunk(5, 'f\n'));
    feed.push([chunk(5, 'f\n')]);
    await settle(feed);
    expect(textOf(feed)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('keeps reading pages capped by size until an empty page, not only while pages are full', async () => {
    const stored = Array.from({ length: 20 }, (_, i) => chunk(i, `line ${i}\n`));
    const log = fakeLog(stored, { maxChars: 20 });
    const feed = new OutputFeed({ fetchPage: log.fetchPage, pageSize: 100 });
    feed.start();
    await settle(feed);
    expect(feed.lines.lines).toHaveLength(20);
    expect(log.calls.length).toBeGreaterThan(2);
  });

  it('shows text held back at the very end once the log says the output is complete', async () => {
    let done = false;
    const stored = [chunk(0, 'progress 50%\r')];
    const log = fakeLog(stored, { complete: () => done });
    const feed = new OutputFeed({ fetchPage: log.fetchPage });
    feed.start();
    await settle(feed);
    expect(textOf(feed)).toEqual(['progress 50%']);
    done = true;
    feed.markFinished();
    await settle(feed);
    expect(feed.complete).toBe(true);
    expect(feed.lines.stableCount).toBe(1);
  });

  it('reports a failed read and tries again on the next push', async () => {
    let fail = true;
    const stored = [chunk(0, 'x\n'), chunk(1, 'y\n')];
    const log = fakeLog(stored);
    const feed = new OutputFeed({
      fetchPage: async (from, limit) => {
        if (fail) throw new Error('console unreachable');
        return log.fetchPage(from, limit);
      },
    });
    feed.start();
    await settle(feed);
    expect(feed.error).toBe('console unreachable');
    fail = false;
    feed.push([chunk(1, 'y\n')]);
    await settle(feed);
    expect(feed.error).toBeNull();
    expect(textOf(feed)).toEqual(['x', 'y']);
  });

  it('keeps at most maxLines in memory, dropping the oldest in blocks and counting them', async () => {
    const stored = Array.from({ length: 50 }, (_, i) => chunk(i, `l${i}\n`));
    const feed = new OutputFeed({ fetchPage: fakeLog(stored).fetchPage, maxLines: 20 });
    feed.start();
    await settle(feed);
    expect(feed.lines.lines.length).toBeLessThanOrEqual(20);
    expect(feed.droppedLines + feed.lines.lines.length).toBe(50);
    expect(textOf(feed).at(-1)).toBe('l49');
    expect(feed.epoch).toBeGreaterThan(0);
  });
});

describe('find in output', () => {
  it('counts every match over all lines, case-insensitively, several per line', async () => {
    const stored = [chunk(0, 'Error one\nfine\nerror two error three\n')];
    const feed = new OutputFeed({ fetchPage: fakeLog(stored).fetchPage });
    feed.start();
    await settle(feed);
    const matches = new OutputSearch().matches(feed.lines.lines, 'ERROR', feed.lines.stableCount, feed.epoch, feed.version);
    expect(matches).toEqual([
      { line: 0, start: 0 },
      { line: 2, start: 0 },
      { line: 2, start: 10 },
    ]);
  });

  it('finds matches in a line that was still open when last searched', () => {
    const feed = new OutputFeed({ fetchPage: async () => ({ chunks: [], nextSeq: 0, complete: false }) });
    const search = new OutputSearch();
    feed.lines.append('stdout', 'done\nhalf a nee');
    expect(search.matches(feed.lines.lines, 'needle', feed.lines.stableCount, 0, 1)).toHaveLength(0);
    feed.lines.append('stdout', 'dle here\nneedle again\n');
    expect(search.matches(feed.lines.lines, 'needle', feed.lines.stableCount, 0, 2)).toEqual([
      { line: 1, start: 7 },
      { line: 2, start: 0 },
    ]);
  });
});
