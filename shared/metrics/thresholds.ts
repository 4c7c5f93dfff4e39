// One threshold against one metric's live value: holds or not, in which unit, since when.
//
// A threshold's `meaning` decides what a breach is: `ok-if` (targets, success criteria: `Error rate
// < 1%`) breaches when the phrase stops holding; `alert-if` (escalation, paging, decision-tree
// symptoms: `Error rate > 5%`) breaches when it holds. A metric without data is `unknown` with the
// reason — it is never a pass and never a silent breach (argo-rollouts#1466, #4479).
import type { Threshold } from '../runbook/model';
import type { MetricInput, MetricInputs, MetricStatus } from './readings';
import type { SeriesLike } from './series';
import { convertUnit, formatValue } from './units';

/**
 * Window for "sustained" when the runbook gives none (`CPU usage > 85% sustained`): 5 minutes, the
 * `for: 5m` most Prometheus alerting rules use, and the seed's own CPU/memory check cadence.
 */
export const DEFAULT_SUSTAINED_MS = 5 * 60_000;

export interface EvaluationOptions {
  defaultSustainedMs?: number;
  /** A hole longer than this between two samples breaks a sustained run (default: none). */
  maxGapMs?: number | null;
}

/** `breach` counts; `pending` is breaching but not yet for its sustained window. */
export type ThresholdState = 'ok' | 'pending' | 'breach' | 'unknown';

export type UnknownCause = 'unbound' | Exclude<MetricStatus, 'ok'> | 'unit';

export interface ThresholdVerdict {
  thresholdId: string;
  metricKey: string;
  /** Metric as the runbook writes it. */
  metric: string;
  /** The threshold as a short phrase: `Error rate > 5%`. */
  threshold: string;
  state: ThresholdState;
  /** Value in the threshold's unit (null when unknown). */
  value: number | null;
  unit: string | null;
  /** How the binding's value was brought into the threshold's unit; empty when used as is. */
  conversion: string;
  query: string | null;
  /** When the value was measured. */
  at: number | null;
  ageMs: number | null;
  /** First sample of the current unbroken run of breaching samples. */
  breachSince: number | null;
  /** Window the breach must hold for, when the threshold is sustained. */
  sustainedMs: number | null;
  unknownCause: UnknownCause | null;
  /** One sentence a person reads: what was compared, and the result. */
  reason: string;
}

/** Whether the phrase itself holds for a value (in the threshold's unit). */
export function phraseHolds(threshold: Pick<Threshold, 'op' | 'value' | 'upper'>, value: number): boolean {
  switch (threshold.op) {
    case '<':
      return value < threshold.value;
    case '<=':
      return value <= threshold.value;
    case '>':
      return value > threshold.value;
    case '>=':
      return value >= threshold.value;
    case 'between':
      // Both ends included: "Error rate 1-3%" and "3-10%" meet at 3, where the higher level wins.
      return value >= threshold.value && value <= (threshold.upper ?? Number.POSITIVE_INFINITY);
  }
}

export function isBreaching(threshold: Pick<Threshold, 'op' | 'value' | 'upper' | 'meaning'>, value: number): boolean {
  const holds = phraseHolds(threshold, value);
  // ok-if describes health (a breach is when it stops holding); alert-if and warn-if describe trouble.
  return threshold.meaning === 'ok-if' ? !holds : holds;
}

/** `Error rate > 5%`, `p95 latency 500–1000 ms`. */
export function describeThreshold(threshold: Pick<Threshold, 'metric' | 'op' | 'value' | 'upper' | 'unit'>): string {
  if (threshold.op === 'between') {
    const unit = threshold.unit ? (threshold.unit === '%' ? '%' : ` ${threshold.unit}`) : '';
    return `${threshold.metric} ${threshold.value}–${threshold.upper ?? '∞'}${unit}`;
  }
  return `${threshold.metric} ${threshold.op} ${formatValue(threshold.value, threshold.unit)}`;
}

function sustainedWindow(threshold: Threshold, options: EvaluationOptions): number | null {
  if (!threshold.sustained) return null;
  return threshold.sustainedMs ?? options.defaultSustainedMs ?? DEFAULT_SUSTAINED_MS;
}

/**
 * Time of the oldest sample in the unbroken run of breaching samples that ends with the newest
 * one. A gap (no data), a non-breaching sample or a hole longer than `maxGapMs` ends the run.
 */
export function breachRunStart(
  series: SeriesLike,
  breaches: (value: number) => boolean,
  maxGapMs: number | null = null,
): number | null {
  let since: number | null = null;
  for (let i = series.length - 1; i >= 0; i--) {
    const value = series.valueAt(i);
    if (value === null || !breaches(value)) break;
    const at = series.timeAt(i);
    if (since !== null && maxGapMs !== null && since - at > maxGapMs) break;
    since = at;
  }
  return since;
}

const UNKNOWN_TEXT: Record<Exclude<MetricStatus, 'ok'>, string> = {
  pending: 'waiting for the first poll',
  'no-data': 'no data',
  error: 'query failed',
  down: 'health check failed',
  stale: 'stale',
};

function unknownVerdict(base: Omit<ThresholdVerdict, 'state' | 'value' | 'conversion' | 'breachSince' | 'unknownCause' | 'reason'>, cause: UnknownCause, detail: string): ThresholdVerdict {
  return { ...base, state: 'unknown', value: null, conversion: '', breachSince: null, unknownCause: cause, reason: `${base.threshold}: unknown — ${detail}` };
}

export function evaluateThreshold(threshold: Threshold, input: MetricInput | undefined, now: number, options: EvaluationOptions = {}): ThresholdVerdict {
  const phrase = describeThreshold(threshold);
  const base = {
    thresholdId: threshold.id,
    metricKey: threshold.metricKey,
    metric: threshold.metric,
    threshold: phrase,
    unit: threshold.unit,
    query: input?.state.query ?? null,
    at: input?.state.at ?? null,
    ageMs: input?.state.ageMs ?? null,
    sustainedMs: sustainedWindow(threshold, options),
  };
  if (!input) return unknownVerdict(base, 'unbound', `${threshold.metric} is not bound to a query`);
  const { state } = input;
  if (state.status !== 'ok' || state.value === null) {
    const status = state.status === 'ok' ? 'no-data' : state.status;
    const age = status === 'stale' && state.ageMs !== null ? ` for ${formatAge(state.ageMs)}` : '';
    const message = state.message ? `: ${state.message}` : '';
    return unknownVerdict(base, status, `${UNKNOWN_TEXT[status]}${age}${message}`);
  }
  const converted = convertUnit(state.value, state.unit, threshold.unit);
  if (!converted.ok) return unknownVerdict(base, 'unit', converted.reason);

  const toThresholdUnit = (raw: number): number => {
    const c = convertUnit(raw, state.unit, threshold.unit);
    return c.ok ? c.value : Number.NaN;
  };
  const breaching = isBreaching(threshold, converted.value);
  const shown = `${threshold.metric} ${formatValue(converted.value, threshold.unit)}`;
  const via = converted.note ? ` (${converted.note})` : '';
  if (!breaching) {
    return { ...base, state: 'ok', value: converted.value, conversion: converted.note, breachSince: null, unknownCause: null, reason: `${shown}: within "${phrase}"${via}` };
  }
  const series = input.series;
  const runStart = series ? breachRunStart(series, (raw) => isBreaching(threshold, toThresholdUnit(raw)), options.maxGapMs ?? null) : null;
  const breachSince = Math.min(runStart ?? state.at ?? now, state.at ?? now);
  const verb = threshold.meaning === 'ok-if' ? 'breaks' : 'matches';
  const window = base.sustainedMs;
  if (window !== null && now - breachSince < window) {
    return {
      ...base,
      state: 'pending',
      value: converted.value,
      conversion: converted.note,
      breachSince,
      unknownCause: null,
      reason: `${shown} ${verb} "${phrase}" for ${formatAge(now - breachSince)} of the ${formatAge(window)} it must be sustained${via}`,
    };
  }
  const held = window !== null ? ` (sustained for ${formatAge(now - breachSince)})` : '';
  return { ...base, state: 'breach', value: converted.value, conversion: converted.note, breachSince, unknownCause: null, reason: `${shown} ${verb} "${phrase}"${held}${via}` };
}

/** Verdicts for many thresholds against the current metric inputs, by threshold id. */
export function evaluateThresholds(thresholds: readonly Threshold[], inputs: MetricInputs, now: number, options: EvaluationOptions = {}): Map<string, ThresholdVerdict> {
  const verdicts = new Map<string, ThresholdVerdict>();
  for (const threshold of thresholds) verdicts.set(threshold.id, evaluateThreshold(threshold, inputs.get(threshold.metricKey), now, options));
  return verdicts;
}

/** `45 s`, `2 min 5 s`, `1 h 3 min`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
