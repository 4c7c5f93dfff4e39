// Binding suggestions: which query probably answers each metric the runbook watches.
//
// Sources, strongest first:
// 1. front matter `metrics` — the author said so (taken as is);
// 2. metric names the document writes next to a label, e.g. under "Monitoring Points":
//    `- Error rate: \`dashboard_errors_total\`` → error_rate, from the counters' rates;
// 3. names derived from those (`…_p95` → `…_p99`, `…_errors_total` → `…_requests_total`);
// 4. exporter conventions (node_exporter CPU/memory, redis_exporter, postgres_exporter) for
//    metrics the runbook has thresholds for but names no series — marked as guesses.
// A suggestion is only a proposal: the session's bindings are what the IC accepted or wrote.
import type { MetricBinding, MetricSourceKind, Runbook, Threshold } from '../runbook/model';
import { metricKeyOf } from '../runbook/metricKeys';
import type { MetricUnit } from './units';

export type SuggestionBasis = 'front-matter' | 'runbook-name' | 'derived' | 'convention';

export interface BindingSuggestion {
  binding: MetricBinding;
  basis: SuggestionBasis;
  /** Where the suggestion comes from, for the IC to check (`line 262: Error rate: dashboard_errors_total`). */
  evidence: string;
  /** Other plausible queries for the same metric. */
  alternatives: string[];
}

export interface SuggestOptions {
  /** Which kind of query to write for names found in the runbook (default prometheus). */
  source?: Extract<MetricSourceKind, 'prometheus' | 'scrape'>;
  /** Window of suggested PromQL rates (default 1m: four samples at a 15 s scrape interval). */
  rateWindow?: string;
}

export interface NamedSeries {
  /** Label as written before the name ("Error rate"). */
  label: string;
  /** The series name ("dashboard_errors_total"). */
  name: string;
  metricKey: string;
  line: number | null;
}

/** A line like `- Error rate: \`dashboard_errors_total\`` (backticks optional). */
const NAMED_SERIES = /^\s*(?:[-*+]\s+)?(?:\*\*)?([A-Za-z][A-Za-z0-9 %/().-]*?)(?:\*\*)?\s*:\s*`?([a-zA-Z_:][a-zA-Z0-9_:]*_[a-zA-Z0-9_:]*)`?\s*$/;

function textsOf(runbook: Runbook): Array<{ text: string; line: number }> {
  return [
    ...runbook.checklistItems.map((item) => ({ text: item.text, line: item.line })),
    ...runbook.references.map((ref) => ({ text: ref.text, line: ref.line })),
    ...runbook.gates.flatMap((gate) => gate.criteria.map((text) => ({ text, line: gate.line }))),
    ...runbook.milestones.map((m) => ({ text: m.text, line: m.line })),
  ];
}

/** Series names the document writes next to a metric label, with the metric key they answer. */
export function findNamedSeries(runbook: Runbook): NamedSeries[] {
  const thresholdKeys = new Set(runbook.thresholds.map((t) => t.metricKey));
  const found: NamedSeries[] = [];
  const seen = new Set<string>();
  for (const { text, line } of textsOf(runbook)) {
    const lines = text.split('\n');
    lines.forEach((content, offset) => {
      const match = NAMED_SERIES.exec(content);
      if (!match) return;
      const label = match[1]!.trim();
      const name = match[2]!;
      if (seen.has(name)) return;
      seen.add(name);
      // "Latency: dashboard_request_duration_ms_p95" says p95 only in the name: read both.
      const byLabel = metricKeyOf(label);
      const byBoth = metricKeyOf(`${label} ${name.replace(/_/g, ' ')}`, { loose: true });
      const metricKey = thresholdKeys.has(byLabel) ? byLabel : byBoth;
      found.push({ label, name, metricKey, line: lines.length > 1 ? line + offset : line });
    });
  }
  return found;
}

function unitFromName(name: string): MetricUnit | null {
  if (/_(ms|milliseconds)(_|$)/.test(name)) return 'ms';
  if (/_seconds(_|$)/.test(name)) return 's';
  if (/_bytes(_|$)/.test(name)) return 'bytes';
  if (/_percent(_|$)/.test(name)) return '%';
  if (/_ratio$/.test(name)) return 'ratio';
  return null;
}

const QUANTILES: Record<string, number> = { p50_latency: 0.5, p95_latency: 0.95, p99_latency: 0.99 };

interface Drafted {
  query: string;
  unit: MetricUnit | null;
  alternatives: string[];
}

function draftQuery(series: NamedSeries, all: readonly NamedSeries[], source: 'prometheus' | 'scrape', window: string): Drafted {
  const { name, metricKey } = series;
  const rate = (n: string): string => (source === 'scrape' ? `rate(${n})` : `sum(rate(${n}[${window}]))`);
  if (metricKey === 'error_rate' && name.endsWith('_total')) {
    const requests = all.find((s) => s !== series && /requests?_total$/.test(s.name))?.name ?? name.replace(/errors?_total$/, 'requests_total');
    if (requests !== name) {
      const query = source === 'scrape' ? `ratio(${name}, ${requests})` : `100 * ${rate(name)} / ${rate(requests)}`;
      return { query, unit: '%', alternatives: [] };
    }
  }
  if (name.endsWith('_total')) return { query: rate(name), unit: 'rps', alternatives: [] };
  const quantile = QUANTILES[metricKey] ?? 0.95;
  if (name.endsWith('_bucket')) {
    const query = source === 'scrape' ? `quantile(${quantile}, ${name})` : `histogram_quantile(${quantile}, sum by (le) (rate(${name}[${window}])))`;
    return { query, unit: unitFromName(name), alternatives: [] };
  }
  const unit = unitFromName(name);
  const quantileSuffix = /_p(50|90|95|99)$/.exec(name);
  if (quantileSuffix) {
    // A `…_p95` series is probably a precomputed gauge; the histogram it came from is the alternative.
    const bucket = `${name.slice(0, quantileSuffix.index)}_bucket`;
    const q = Number(quantileSuffix[1]) / 100;
    const alternative = source === 'scrape' ? `quantile(${q}, ${bucket})` : `histogram_quantile(${q}, sum by (le) (rate(${bucket}[${window}])))`;
    return { query: source === 'scrape' ? name : `max(${name})`, unit, alternatives: [alternative] };
  }
  if (source === 'scrape') return { query: name, unit, alternatives: [] };
  const aggregate = unit === 'bytes' || unit === null ? 'sum' : 'max';
  return { query: `${aggregate}(${name})`, unit, alternatives: [] };
}

const CONVENTIONS: Record<string, { query: string; unit: MetricUnit; exporter: string }> = {
  cpu_usage: { query: '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[1m])))', unit: '%', exporter: 'node_exporter' },
  memory_usage: { query: '100 * (1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes))', unit: '%', exporter: 'node_exporter' },
  redis_memory: { query: 'sum(redis_memory_used_bytes)', unit: 'bytes', exporter: 'redis_exporter' },
  db_connections: { query: 'sum(pg_stat_activity_count)', unit: 'count', exporter: 'postgres_exporter' },
};

function displayName(metricKey: string, thresholds: readonly Threshold[], fallback: string): string {
  return thresholds.find((t) => t.metricKey === metricKey)?.metric ?? fallback;
}

export function suggestBindings(runbook: Runbook, options: SuggestOptions = {}): BindingSuggestion[] {
  const source = options.source ?? 'prometheus';
  const window = options.rateWindow ?? '1m';
  const suggestions = new Map<string, BindingSuggestion>();
  const add = (suggestion: BindingSuggestion): void => {
    if (!suggestions.has(suggestion.binding.metricKey)) suggestions.set(suggestion.binding.metricKey, suggestion);
  };

  for (const binding of runbook.metrics) add({ binding, basis: 'front-matter', evidence: 'front matter `metrics`', alternatives: [] });

  const named = findNamedSeries(runbook);
  for (const series of named) {
    const drafted = draftQuery(series, named, source, window);
    add({
      binding: { metricKey: series.metricKey, name: displayName(series.metricKey, runbook.thresholds, series.label), source, query: drafted.query, unit: drafted.unit, url: null },
      basis: 'runbook-name',
      evidence: `${series.line !== null ? `line ${series.line}: ` : ''}${series.label}: ${series.name}`,
      alternatives: drafted.alternatives,
    });
  }

  // p99 next to a p95 series of the same family.
  const p95 = named.find((s) => s.metricKey === 'p95_latency' && /_p95$|_bucket$/.test(s.name));
  if (p95) {
    const name = p95.name.endsWith('_p95') ? p95.name.replace(/_p95$/, '_p99') : p95.name;
    const drafted = draftQuery({ ...p95, name, metricKey: 'p99_latency' }, named, source, window);
    add({
      binding: { metricKey: 'p99_latency', name: displayName('p99_latency', runbook.thresholds, 'p99 latency'), source, query: drafted.query, unit: drafted.unit, url: null },
      basis: 'derived',
      evidence: `from the p95 series ${p95.name}`,
      alternatives: drafted.alternatives,
    });
  }

  if (source === 'prometheus') {
    for (const threshold of runbook.thresholds) {
      const convention = CONVENTIONS[threshold.metricKey];
      if (!convention) continue;
      add({
        binding: { metricKey: threshold.metricKey, name: displayName(threshold.metricKey, runbook.thresholds, threshold.metric), source, query: convention.query, unit: convention.unit, url: null },
        basis: 'convention',
        evidence: `a guess: the usual ${convention.exporter} series; check your exporter's names`,
        alternatives: [],
      });
    }
  }
  return [...suggestions.values()];
}

export interface UnboundMetric {
  metricKey: string;
  /** Metric as the runbook first writes it. */
  name: string;
  thresholdIds: string[];
}

/** Metrics the runbook has thresholds for that no binding answers, in document order. */
export function unboundMetrics(runbook: Pick<Runbook, 'thresholds'>, bindings: readonly Pick<MetricBinding, 'metricKey'>[]): UnboundMetric[] {
  const bound = new Set(bindings.map((b) => b.metricKey));
  const unbound = new Map<string, UnboundMetric>();
  for (const threshold of runbook.thresholds) {
    if (bound.has(threshold.metricKey)) continue;
    const entry = unbound.get(threshold.metricKey) ?? { metricKey: threshold.metricKey, name: threshold.metric, thresholdIds: [] };
    entry.thresholdIds.push(threshold.id);
    unbound.set(threshold.metricKey, entry);
  }
  return [...unbound.values()];
}
