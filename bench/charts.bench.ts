// Chart cost in Chromium: 20 series × 3,600 points, one new point per series per update (a 1 s
// poll), drawn by the console's MetricChart component (React + SeriesBuffer + uPlot, with the
// runbook's bands) next to bare uPlot on the same data in the same page. Figures: p95 update time
// of our 20 charts (goal ≤ 5 ms) and its ratio to bare uPlot's (goal ≤ 1.3×).
//
//   npx tsx bench/run.ts charts                  200 rounds (both sides each round, order alternating)
//   npx tsx bench/run.ts charts --rounds=600     more rounds
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { REPO_ROOT } from '../test/support/consoleServer';
import { median, percentile, result, type Benchmark } from './harness';

// The page's contract (bench/browser/charts.ts, compiled for the browser, not imported here).
interface ChartsBenchOptions {
  series: number;
  points: number;
  rounds: number;
  warmup: number;
  gapMs: number;
}
interface ChartsBenchResult {
  ours: number[];
  bare: number[];
  drawnPoints: number;
}
interface BenchPage {
  runChartsBench?(options: ChartsBenchOptions): Promise<ChartsBenchResult>;
}

function option(args: string[], name: string, fallback: number): number {
  const value = args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value === undefined ? fallback : Number(value);
}

const benchmark: Benchmark = {
  name: 'charts',
  async run({ args, tmpDir, log }) {
    const options: ChartsBenchOptions = { series: 20, points: 3600, rounds: option(args, 'rounds', 200), warmup: 20, gapMs: option(args, 'gap-ms', 100) };
    await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: { charts: 'bench/browser/charts.ts' },
      outdir: tmpDir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      jsx: 'automatic',
      minify: true,
      // React's production build, as the app ships it.
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    });
    writeFileSync(
      join(tmpDir, 'index.html'),
      '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="charts.css"><style>body{background:#0b0e13;color:#eee}.grid,#bare{display:flex;flex-wrap:wrap;gap:8px}</style></head>' +
        '<body><div id="ours"></div><div id="bare"></div><script src="charts.js"></script></body></html>',
    );
    const executablePath = chromiumExecutable();
    if (!executablePath) throw new Error('no Chromium found (apt-get install -y chromium)');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(tmpDir, 'index.html')).href);
      await page.waitForFunction(() => typeof (globalThis as BenchPage).runChartsBench === 'function');
      log(`${options.series} series × ${options.points} points, ${options.rounds} rounds (+${options.warmup} warm-up), ${options.gapMs} ms apart`);
      const measured = await page.evaluate((o) => (globalThis as BenchPage).runChartsBench!(o), options);
      if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
      if (measured.drawnPoints !== options.points) throw new Error(`our charts hold ${measured.drawnPoints} points, expected ${options.points}`);
      const oursP95 = percentile(measured.ours, 95);
      const bareP95 = percentile(measured.bare, 95);
      const ratios = measured.ours.map((value, i) => value / measured.bare[i]!);
      log(`ours: median ${median(measured.ours).toFixed(2)} ms, p95 ${oursP95.toFixed(2)} ms; bare uPlot: median ${median(measured.bare).toFixed(2)} ms, p95 ${bareP95.toFixed(2)} ms`);
      return [
        result('chart update p95, 20 series × 3,600 points (MetricChart)', oursP95, 'ms', 'bare uPlot p95, same data, same page', bareP95, {
          goal: 'p95 ≤ 5 ms; ≤ 1.3× bare uPlot',
          extra: { oursMedianMs: median(measured.ours), bareMedianMs: median(measured.bare), medianPairRatio: median(ratios), rounds: options.rounds },
        }),
        result('chart update median, 20 series (MetricChart)', median(measured.ours), 'ms', 'bare uPlot median', median(measured.bare), { goal: '≤ 1.3× bare uPlot' }),
      ];
    } finally {
      await browser.close();
    }
  },
};

export default benchmark;
