// Builders for metric inputs in the evaluator tests (no poller, fixed times).
import type { MetricInput, MetricState, MetricStatus } from '../../../shared/metrics/readings';
import { seriesOf, type SeriesPoint } from '../../../shared/metrics/series';

export const T0 = Date.UTC(2025, 9, 21, 12, 30, 0);

export function stateOf(metricKey: string, value: number | null, options: { unit?: string | null; at?: number; status?: MetricStatus; message?: string; query?: string } = {}): MetricState {
  const at = options.at ?? T0;
  const status = options.status ?? (value === null ? 'no-data' : 'ok');
  return {
    metricKey,
    name: metricKey,
    source: 'prometheus',
    query: options.query ?? `query_for_${metricKey}`,
    unit: options.unit === undefined ? null : options.unit,
    status,
    value,
    at: value === null ? null : at,
    ageMs: 0,
    message: options.message ?? null,
    lastAnswerAt: at,
    statusSince: at,
    updatedAt: at,
  };
}

export function input(metricKey: string, value: number | null, options: Parameters<typeof stateOf>[2] & { series?: SeriesPoint[] } = {}): MetricInput {
  return { state: stateOf(metricKey, value, options), series: options.series ? seriesOf(options.series) : null };
}

export function inputs(...list: MetricInput[]): Map<string, MetricInput> {
  return new Map(list.map((i) => [i.state.metricKey, i]));
}

/** Samples every `stepMs` ending at `end`, values from `values` (oldest first). */
export function samples(end: number, stepMs: number, values: Array<number | null>): SeriesPoint[] {
  return values.map((value, index) => [end - (values.length - 1 - index) * stepMs, value] as const);
}
