// The output viewer's own costs (the console side of output is bench/output.bench.ts):
//   (a) ingest: a step's output (log lines, 1 in 20 coloured, stdout and stderr interleaved) cut
//       into 64 KiB chunks through OutputLines (lines, ANSI spans, open lines per stream) in MB/s,
//       against a bare line splitter on the same chunks (carry + split + push), alternating;
//   (b) find over 200,000 lines: first search, and the incremental search after a chunk arrives,
//       against a bare lower-case scan of the same lines;
//   (c) in Chromium, the real OutputViewer (React, virtualized): frame time p95 while a chunk
//       arrives every frame with 200,000 lines already shown, against the same with none shown
//       (the history must not cost), and frame time p95 while scrolling through those lines.
//
//   npx tsx bench/run.ts renderer-output
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { OutputLines } from '../renderer/src/features/steps/output/outputLines';
import { OutputSearch } from '../renderer/src/features/steps/output/outputSearch';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { REPO_ROOT } from '../test/support/consoleServer';
import { median, percentile, result, type Benchmark, type BenchResult } from './harness';

const CHUNK = 64 * 1024;

/** Output as a deploy prints it: timestamps, some colour, some stderr. */
function makeChunks(megabytes: number): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1e6; i++) {
    const line =
      i % 20 === 0
        ? `\x1b[32mINFO\x1b[0m 2025-10-21T12:${String(i % 60).padStart(2, '0')}:00Z worker=${i % 8} \x1b[1mdeployed\x1b[0m shard ${i}`
        : `2025-10-21T12:${String(i % 60).padStart(2, '0')}:00Z worker=${i % 8} request ${i} handled in ${i % 97} ms path=/api/v1/orders status=200`;
    lines.push(line);
    size += line.length + 1;
  }
  const text = `${lines.join('\n')}\n`;
  const chunks: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  for (let at = 0, n = 0; at < text.length; at += CHUNK, n++) chunks.push({ stream: n % 10 === 9 ? 'stderr' : 'stdout', text: text.slice(at, at + CHUNK) });
  return chunks;
}

function bareSplit(chunks: ReadonlyArray<{ stream: string; text: string }>): number {
  const lines: string[] = [];
  const carry: Record<string, string> = { stdout: '', stderr: '' };
  for (const chunk of chunks) {
    const parts = (carry[chunk.stream] + chunk.text).split('\n');
    carry[chunk.stream] = parts.pop()!;
    for (const part of parts) lines.push(part);
  }
  return lines.length;
}

function ingest(): BenchResult[] {
  const chunks = makeChunks(20);
  const mb = chunks.reduce((sum, c) => sum + c.text.length, 0) / 1e6;
  const ours: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < 7; round++) {
    const order = round % 2 ? ['bare', 'ours'] : ['ours', 'bare'];
    for (const side of order) {
      const start = performance.now();
      if (side === 'ours') {
        const lines = new OutputLines();
        for (const chunk of chunks) lines.append(chunk.stream, chunk.text);
        lines.finish();
      } else {
        bareSplit(chunks);
      }
      const seconds = (performance.now() - start) / 1000;
      (side === 'ours' ? ours : bare).push(mb / seconds);
    }
  }
  return [
    result('output viewer ingest (lines, ANSI spans, two streams)', median(ours.slice(1)), 'MB/s', 'bare line split of the same chunks', median(bare.slice(1)), {
      goal: '≥ 20 MB/s (the issue\u2019s output throughput goal)',
      extra: { megabytes: Math.round(mb) },
    }),
  ];
}

function search(): BenchResult[] {
  const lines = new OutputLines();
  for (const chunk of makeChunks(24)) lines.append(chunk.stream, chunk.text);
  const all = lines.lines.slice(0, 200_000);
  const texts = all.map((l) => l.text);
  const query = 'handled in 42 ms';
  const first: number[] = [];
  const bare: number[] = [];
  const incremental: number[] = [];
  for (let round = 0; round < 7; round++) {
    const finder = new OutputSearch();
    let start = performance.now();
    const found = finder.matches(all, query, all.length - 50, 0, 1).length;
    first.push(performance.now() - start);
    start = performance.now();
    let count = 0;
    for (const text of texts) if (text.toLowerCase().includes(query)) count++;
    bare.push(performance.now() - start);
    if (count !== found) throw new Error(`search found ${found}, the bare scan ${count}`);
    // A chunk's worth of new lines (~600) arrives: only they and the open lines are scanned.
    const grown = all.concat(all.slice(0, 600));
    start = performance.now();
    finder.matches(grown, query, grown.length - 50, 0, 2);
    incremental.push(performance.now() - start);
  }
  return [
    result('find over 200,000 lines, first search', median(first.slice(1)), 'ms', 'bare lower-case scan of the same lines', median(bare.slice(1))),
    result('find after a 64 KiB chunk arrives (200,000 lines shown)', median(incremental.slice(1)), 'ms', 'searching everything again', median(first.slice(1))),
  ];
}

// The page: the real OutputViewer in a real store whose API serves a run's output from memory.
const PAGE = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore, StoreContext } from '${REPO_ROOT}/renderer/src/store/appStore';
import { OutputViewer } from '${REPO_ROOT}/renderer/src/features/steps/output/OutputViewer';
import '${REPO_ROOT}/renderer/src/styles/theme.css';
import '${REPO_ROOT}/renderer/src/features/steps/steps.css';

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

window.runViewerBench = async ({ history, chunk, rounds, scrollFrames }) => {
  const stored = history.map((text, seq) => ({ seq, stream: 'stdout', at: '', text }));
  const api = new Proxy({}, {
    get: (_, name) => name === 'subscribe' ? () => () => undefined
      : name === 'getRunOutput' ? async ({ fromSeq, limit }) => {
          const chunks = stored.slice(fromSeq, fromSeq + limit);
          return { chunks, nextSeq: fromSeq + chunks.length, complete: false };
        }
      : async () => { throw new Error('not in this bench: ' + String(name)); },
  });
  const store = createAppStore({ api });
  const host = document.createElement('div');
  host.style.width = '1200px';
  document.body.replaceChildren(host);
  createRoot(host).render(createElement(StoreContext.Provider, { value: store }, createElement(OutputViewer, { sessionId: 's', runId: 'r', target: 'app1', live: true })));
  const feed = store.getState().outputFeed('s', 'r', 'app1');
  await frames();
  for (let i = 0; i < 3000 && (feed.loading || feed.nextSeq < stored.length); i++) await frames();
  const shown = feed.lines.lines.length;
  // A chunk every frame; the time between frames is what the person feels.
  const appendFrames = [];
  let seq = feed.nextSeq;
  let last = performance.now();
  for (let i = 0; i < rounds; i++) {
    feed.push([{ seq: seq++, stream: i % 10 === 9 ? 'stderr' : 'stdout', text: chunk }]);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    appendFrames.push(now - last);
    last = now;
  }
  // Scrolling through everything, one jump per frame (the reader dragging the scrollbar).
  const scroller = host.querySelector('.output-scroll');
  scroller.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  const scrollTimes = [];
  last = performance.now();
  for (let i = 0; i < scrollFrames; i++) {
    scroller.scrollTop = ((i * 7919) % scrollFrames) / scrollFrames * scroller.scrollHeight;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    scrollTimes.push(now - last);
    last = now;
  }
  const rendered = host.querySelectorAll('.output-line').length;
  return { shown, appendFrames, scrollTimes, rendered };
};
`;

interface ViewerBenchResult {
  shown: number;
  appendFrames: number[];
  scrollTimes: number[];
  rendered: number;
}

async function viewer(tmpDir: string, log: (line: string) => void): Promise<BenchResult[]> {
  const executablePath = chromiumExecutable();
  if (!executablePath) {
    log('(c) skipped: no Chromium (set TMINUS_CHROMIUM)');
    return [];
  }
  writeFileSync(join(tmpDir, 'page.ts'), PAGE);
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { viewer: join(tmpDir, 'page.ts') },
    outdir: tmpDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  writeFileSync(join(tmpDir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="viewer.css"></head><body><script src="viewer.js"></script></body></html>');
  // 200,000 lines of history as the log would page them (64 KiB chunks).
  const history: string[] = [];
  const lines = Array.from({ length: 200_000 }, (_, i) => `2025-10-21T12:00:00Z worker=${i % 8} request ${i} handled in ${i % 97} ms path=/api/v1/orders status=200`);
  let current = '';
  for (const line of lines) {
    if (current.length + line.length + 1 > CHUNK) {
      history.push(current);
      current = '';
    }
    current += `${line}\n`;
  }
  history.push(current);
  const chunk = makeChunks(0.07)[0]!.text;

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const run = async (withHistory: boolean): Promise<ViewerBenchResult> => {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(tmpDir, 'index.html')).href);
      await page.waitForFunction(() => typeof (globalThis as { runViewerBench?: unknown }).runViewerBench === 'function');
      const measured = (await page.evaluate(
        (options) => (globalThis as unknown as { runViewerBench: (o: unknown) => Promise<ViewerBenchResult> }).runViewerBench(options),
        { history: withHistory ? history : [], chunk, rounds: 120, scrollFrames: 120 },
      )) as ViewerBenchResult;
      if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
      await page.close();
      return measured;
    };
    const empty = await run(false);
    const full = await run(true);
    if (full.shown < 200_000) throw new Error(`the viewer holds ${full.shown} lines, expected 200,000`);
    const p95 = (values: number[]) => percentile(values.slice(5), 95);
    log(
      `(c) ${full.shown.toLocaleString('en-US')} lines shown, ${full.rendered} in the DOM; append frame p95 ${p95(full.appendFrames).toFixed(1)} ms vs ${p95(empty.appendFrames).toFixed(1)} ms empty; ` +
        `scroll frame p95 ${p95(full.scrollTimes).toFixed(1)} ms`,
    );
    return [
      result('frame time p95, a 64 KiB chunk per frame, 200,000 lines shown', p95(full.appendFrames), 'ms', 'same with no history', p95(empty.appendFrames), {
        goal: '≤ 16.7 ms; history costs nothing (ratio ≈ 1)',
        extra: { domLines: full.rendered, medianMs: median(full.appendFrames) },
      }),
      result('frame time p95 scrolling through 200,000 lines', p95(full.scrollTimes), 'ms', 'append frames with no history', p95(empty.appendFrames), { goal: '≤ 16.7 ms' }),
    ];
  } finally {
    await browser.close();
  }
}

const benchmark: Benchmark = {
  name: 'renderer-output',
  async run({ tmpDir, log }) {
    const results = [...ingest(), ...search()];
    for (const r of results) log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (anchor ${r.anchorValue.toFixed(2)})`);
    return [...results, ...(await viewer(tmpDir, log))];
  },
};

export default benchmark;
