// Evaluates a scrape query (shared/metrics/scrapeQuery.ts) over the successive scrapes of one
// `/metrics` endpoint: rates from counter increases between scrapes (a counter that goes down was
// reset: its new value is the increase), quantiles from histogram bucket increases interpolated as
// Prometheus' `histogram_quantile` does. Pure: the caller keeps the scrape history.
import { matchesLabels, type ScrapeQuery, type Selector } from '../../shared/metrics/scrapeQuery';
import type { FlatSample } from './exposition';

export interface ScrapeSnapshot {
  at: number;
  samples: readonly FlatSample[];
}

export type ScrapeOutcome = { kind: 'value'; value: number; at: number } | { kind: 'empty'; reason: string };

function selectorText(selector: Selector): string {
  if (selector.matchers.length === 0) return selector.name;
  return `${selector.name}{${selector.matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(',')}}`;
}

function seriesKey(labels: Readonly<Record<string, string>>, omit?: string): string {
  return Object.keys(labels)
    .filter((label) => label !== omit)
    .sort()
    .map((label) => `${label}=${JSON.stringify(labels[label])}`)
    .join(',');
}

function matching(snapshot: ScrapeSnapshot, selector: Selector): FlatSample[] {
  return snapshot.samples.filter((sample) => sample.name === selector.name && matchesLabels(sample.labels, selector.matchers));
}

/** Snapshots inside the window that ends at the newest one. */
function inWindow(history: readonly ScrapeSnapshot[], windowMs: number): ScrapeSnapshot[] {
  const newest = history[history.length - 1];
  if (!newest) return [];
  return history.filter((snapshot) => snapshot.at >= newest.at - windowMs);
}

/** Per-series counter increase across the snapshots, grouped by `groupKey(labels)`. */
function increases(snapshots: readonly ScrapeSnapshot[], selector: Selector, groupKey: (labels: Readonly<Record<string, string>>) => string): Map<string, number> | null {
  const previous = new Map<string, number>();
  const totals = new Map<string, number>();
  let matched = false;
  for (const snapshot of snapshots) {
    for (const sample of matching(snapshot, selector)) {
      matched = true;
      const key = seriesKey(sample.labels);
      const before = previous.get(key);
      const group = groupKey(sample.labels);
      if (before !== undefined) {
        const increase = sample.value >= before ? sample.value - before : sample.value;
        totals.set(group, (totals.get(group) ?? 0) + increase);
      } else if (!totals.has(group)) totals.set(group, 0);
      previous.set(key, sample.value);
    }
  }
  return matched ? totals : null;
}

interface RateResult {
  perSecond: number;
  at: number;
}

function rate(history: readonly ScrapeSnapshot[], selector: Selector, windowMs: number): RateResult | { reason: string } {
  const window = inWindow(history, windowMs);
  if (window.length < 2) {
    return { reason: `rate needs two scrapes within ${windowMs / 1000} s (have ${window.length}); the window must span at least two poll intervals` };
  }
  const totals = increases(window, selector, () => '');
  if (!totals) return { reason: `no series matches ${selectorText(selector)}` };
  const first = window[0]!;
  const last = window[window.length - 1]!;
  return { perSecond: (totals.get('') ?? 0) / ((last.at - first.at) / 1000), at: last.at };
}

/** Prometheus' bucketQuantile: linear interpolation inside the bucket holding the rank. */
export function bucketQuantile(quantile: number, buckets: ReadonlyArray<{ upperBound: number; count: number }>): number {
  const sorted = [...buckets].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  // Cumulative counts may dip from scrape jitter between buckets; force them monotonic.
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.count < sorted[i - 1]!.count) sorted[i] = { ...sorted[i]!, count: sorted[i - 1]!.count };
  const observations = sorted[sorted.length - 1]!.count;
  if (observations === 0) return Number.NaN;
  let rank = quantile * observations;
  const index = sorted.findIndex((bucket) => bucket.count >= rank);
  if (index === sorted.length - 1) return sorted[sorted.length - 2]!.upperBound;
  if (index === 0 && sorted[0]!.upperBound <= 0) return sorted[0]!.upperBound;
  let start = 0;
  let count = sorted[index]!.count;
  if (index > 0) {
    start = sorted[index - 1]!.upperBound;
    count -= sorted[index - 1]!.count;
    rank -= sorted[index - 1]!.count;
  }
  const end = sorted[index]!.upperBound;
  return start + (end - start) * (rank / count);
}

function quantileOf(history: readonly ScrapeSnapshot[], query: Extract<ScrapeQuery, { kind: 'quantile' }>): ScrapeOutcome {
  const selector = query.selector.name.endsWith('_bucket') ? query.selector : { ...query.selector, name: `${query.selector.name}_bucket` };
  const window = inWindow(history, query.windowMs);
  if (window.length < 2) return { kind: 'empty', reason: `quantile needs two scrapes within ${query.windowMs / 1000} s (have ${window.length})` };
  const byBound = increases(window, selector, (labels) => labels.le ?? '');
  if (!byBound) return { kind: 'empty', reason: `no histogram buckets match ${selectorText(selector)}` };
  if (byBound.has('')) return { kind: 'empty', reason: `${selector.name} has series without an "le" label: not histogram buckets` };
  const buckets = [...byBound.entries()].map(([le, count]) => ({ upperBound: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), count }));
  const value = bucketQuantile(query.quantile, buckets);
  const at = window[window.length - 1]!.at;
  if (Number.isNaN(value)) {
    const total = buckets.find((b) => b.upperBound === Number.POSITIVE_INFINITY)?.count ?? 0;
    return { kind: 'empty', reason: total === 0 ? `no observations in the last ${query.windowMs / 1000} s` : `${selector.name} has no "+Inf" bucket` };
  }
  return { kind: 'value', value, at };
}

export function evaluateScrapeQuery(query: ScrapeQuery, history: readonly ScrapeSnapshot[]): ScrapeOutcome {
  const newest = history[history.length - 1];
  if (!newest) return { kind: 'empty', reason: 'not scraped yet' };
  switch (query.kind) {
    case 'series': {
      const samples = matching(newest, query.selector);
      if (samples.length === 0) return { kind: 'empty', reason: `no series matches ${selectorText(query.selector)}` };
      const value = samples.reduce((sum, sample) => sum + sample.value, 0);
      return Number.isNaN(value) ? { kind: 'empty', reason: `${query.selector.name} is NaN` } : { kind: 'value', value, at: newest.at };
    }
    case 'rate': {
      const result = rate(history, query.selector, query.windowMs);
      return 'reason' in result ? { kind: 'empty', reason: result.reason } : { kind: 'value', value: result.perSecond, at: result.at };
    }
    case 'ratio': {
      const numerator = rate(history, query.numerator, query.windowMs);
      if ('reason' in numerator) return { kind: 'empty', reason: numerator.reason };
      const denominator = rate(history, query.denominator, query.windowMs);
      if ('reason' in denominator) return { kind: 'empty', reason: denominator.reason };
      if (denominator.perSecond === 0) return { kind: 'empty', reason: `${query.denominator.name} did not increase in the last ${query.windowMs / 1000} s (0/0)` };
      return { kind: 'value', value: (100 * numerator.perSecond) / denominator.perSecond, at: newest.at };
    }
    case 'quantile':
      return quantileOf(history, query);
  }
}

/** Metric names a query reads, so a scrape keeps only what its bindings need. */
export function namesRead(query: ScrapeQuery): string[] {
  switch (query.kind) {
    case 'series':
    case 'rate':
      return [query.selector.name];
    case 'ratio':
      return [query.numerator.name, query.denominator.name];
    case 'quantile':
      return [query.selector.name.endsWith('_bucket') ? query.selector.name : `${query.selector.name}_bucket`];
  }
}

/** Longest history a query looks at. */
export function windowOf(query: ScrapeQuery): number {
  return query.kind === 'series' ? 0 : query.windowMs;
}
