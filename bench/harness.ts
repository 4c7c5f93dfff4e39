// Shared shape of every benchmark: a figure measured next to an anchor in the same run, so the
// ratio means something on a noisy machine where absolute times drift from run to run.
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared against, measured in the same run. */
  anchor: string;
  anchorValue: number;
  /** value / anchorValue (for throughputs, say so in the name: ratio < 1 means slower). */
  ratio: number;
  /** The goal for this figure, as text, when it has one. */
  goal?: string;
  /** Extra figures worth keeping (p95, memory …). */
  extra?: Record<string, number | string>;
}

export interface BenchContext {
  /** Arguments after `npm run bench --`, minus the benchmark selector. */
  args: string[];
  /** A scratch directory for this benchmark, removed after the run. */
  tmpDir: string;
  log: (line: string) => void;
}

export interface Benchmark {
  /** Short name used to select it: `npm run bench -- <name>`. */
  name: string;
  /** Skipped unless selected by name (long soaks). */
  onlyWhenSelected?: boolean;
  run: (ctx: BenchContext) => Promise<BenchResult[]>;
}

export function result(
  name: string,
  value: number,
  unit: string,
  anchor: string,
  anchorValue: number,
  more: Pick<BenchResult, 'goal' | 'extra'> = {},
): BenchResult {
  return { name, value, unit, anchor, anchorValue, ratio: anchorValue === 0 ? Number.NaN : value / anchorValue, ...more };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Median wall time in ms of `fn` over `runs` runs, after `warmup` unmeasured runs. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}
