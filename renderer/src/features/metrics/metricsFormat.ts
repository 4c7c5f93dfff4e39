// How a metric reads on screen: its value in the runbook's unit, a status in words (colour is never
// the only signal), the threshold it crosses, and the bands its chart draws.
import type { AlertView, MetricLive, ThresholdVerdictView } from '../../../../shared/api/metrics';
import { fromJsonNumber, type JsonNumber } from '../../../../shared/log/metricsEvents';
import { formatAge } from '../../../../shared/metrics/thresholds';
import { convertUnit, formatMeasured, formatValue } from '../../../../shared/metrics/units';
import type { Threshold } from '../../../../shared/runbook/model';

export type Tone = 'ok' | 'warn' | 'danger' | 'muted';

/** The unit a metric is shown in: the runbook's (its thresholds'), when the binding's converts to it. */
export interface DisplayUnit {
  unit: string | null;
  /** binding value × factor = shown value */
  factor: number;
}

export function displayUnitOf(bindingUnit: string | null, thresholds: readonly Threshold[]): DisplayUnit {
  for (const threshold of thresholds) {
    if (!threshold.unit) continue;
    const converted = convertUnit(1, bindingUnit, threshold.unit);
    if (converted.ok && !converted.note.startsWith('compared as is')) return { unit: threshold.unit, factor: converted.value };
  }
  return { unit: bindingUnit, factor: 1 };
}

export function formatShown(value: JsonNumber | number | null, unit: string | null): string {
  const number = typeof value === 'string' ? fromJsonNumber(value) : value;
  return number === null ? '—' : formatValue(number, unit);
}

/** How much a crossed threshold matters, to name the most serious one. */
export function thresholdRank(threshold: Pick<Threshold, 'context' | 'level'>): number {
  switch (threshold.context) {
    case 'page':
      return 6;
    case 'escalation':
      return 4;
    case 'decision-level':
      return (threshold.level ?? 1) === 3 ? 5 : (threshold.level ?? 1) + 1;
    default:
      return 1;
  }
}

const CONTEXT_WORD: Record<Threshold['context'], string> = {
  target: 'target',
  success: 'success criterion',
  escalation: 'escalate',
  page: 'page',
  'decision-level': 'level',
};

/** `Error rate > 10% (page)`, `Error rate 3–10% (level 2)`. */
export function thresholdLabel(threshold: Threshold, phrase: string): string {
  const context = threshold.context === 'decision-level' ? `level ${threshold.level}` : CONTEXT_WORD[threshold.context];
  return `${phrase} (${context})`;
}

export interface Headline {
  /** OK, BREACH, PENDING, STALE 42 s, NO DATA, ERROR: …, DOWN: …, WAITING */
  status: string;
  tone: Tone;
  /** The most serious threshold crossed, named. */
  crossing: string | null;
  /** The source's message or the verdict's reason, for the line under the value. */
  detail: string | null;
}

export function headlineOf(metric: MetricLive, thresholds: ReadonlyMap<string, Threshold>, ageMs: number | null): Headline {
  switch (metric.status) {
    case 'pending':
      return { status: 'WAITING', tone: 'muted', crossing: null, detail: 'waiting for the first poll' };
    case 'no-data':
      return { status: 'NO DATA', tone: 'warn', crossing: null, detail: metric.message };
    case 'error':
      return { status: `ERROR: ${metric.message ?? 'the query failed'}`, tone: 'danger', crossing: null, detail: null };
    case 'down':
      return { status: `DOWN: ${metric.message ?? 'health check failed'}`, tone: 'danger', crossing: null, detail: null };
    case 'stale':
      return { status: `STALE ${formatAge(ageMs ?? 0)}`, tone: 'warn', crossing: null, detail: metric.message };
    case 'ok':
      break;
  }
  // A health check's availability is a value (0 %) while the check fails, but the card says what it means.
  if (metric.source === 'health' && metric.http && !isHttpSuccess(metric.http.status)) {
    return { status: `DOWN: ${metric.message ?? 'health check failed'}`, tone: 'danger', crossing: null, detail: null };
  }
  const worst = (state: ThresholdVerdictView['state']) =>
    metric.verdicts
      .filter((v) => v.state === state && thresholds.has(v.thresholdId))
      .sort((a, b) => thresholdRank(thresholds.get(b.thresholdId)!) - thresholdRank(thresholds.get(a.thresholdId)!))[0];
  const breach = worst('breach');
  if (breach) {
    const threshold = thresholds.get(breach.thresholdId)!;
    return { status: 'BREACH', tone: thresholdRank(threshold) >= 3 ? 'danger' : 'warn', crossing: thresholdLabel(threshold, phraseOf(breach)), detail: breach.reason };
  }
  const pending = worst('pending');
  if (pending) {
    const threshold = thresholds.get(pending.thresholdId)!;
    return { status: 'PENDING', tone: 'warn', crossing: thresholdLabel(threshold, phraseOf(pending)), detail: pending.reason };
  }
  return { status: 'OK', tone: 'ok', crossing: null, detail: null };
}

function isHttpSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** `HTTP 503 · 12 ms`, `no answer · 5,000 ms`: what a health check's last answer was and how long it took. */
export function httpAnswerText(http: NonNullable<MetricLive['http']>): string {
  return `${http.status === null ? 'no answer' : `HTTP ${http.status}`} · ${formatMeasured(http.latencyMs, 'ms')} response time`;
}

/** The threshold phrase inside a verdict's reason (`… matches "Error rate > 10%"`). */
function phraseOf(verdict: ThresholdVerdictView): string {
  return /"([^"]+)"/.exec(verdict.reason)?.[1] ?? verdict.thresholdId;
}

export function alertTone(alert: Pick<AlertView, 'severity'>): Tone {
  return alert.severity === 'warning' ? 'warn' : 'danger';
}

/** What a chart draws for the runbook's numbers, in the unit it shows. */
export interface ChartBand {
  kind: 'line' | 'range';
  from: number;
  /** Upper end of a range (Infinity: to the top). */
  to: number;
  color: string;
  label: string;
}

const LEVEL_FILL = ['', 'rgba(255, 201, 64, 0.13)', 'rgba(255, 140, 50, 0.16)', 'rgba(255, 77, 94, 0.2)'];
const LINE_COLOR: Partial<Record<Threshold['context'], string>> = { target: '#35d68f', success: '#35d68f', escalation: '#ff9f43', page: '#ff4d5e' };

function shown(value: number, threshold: Threshold, display: DisplayUnit): number | null {
  const converted = convertUnit(value, threshold.unit, display.unit);
  return converted.ok ? converted.value : null;
}

/** Target / escalate / page as lines (one per value, naming every threshold on it), decision levels as filled ranges. */
export function bandsOf(thresholds: readonly Threshold[], display: DisplayUnit): ChartBand[] {
  const ranges: ChartBand[] = [];
  const lines = new Map<string, { from: number; color: string; words: string[]; phrase: string; rank: number }>();
  const addLine = (from: number, threshold: Threshold, phrase: string) => {
    const key = `${from}|${phrase}`;
    const word = CONTEXT_WORD[threshold.context];
    const rank = thresholdRank(threshold);
    const line = lines.get(key);
    if (!line) {
      lines.set(key, { from, color: LINE_COLOR[threshold.context] ?? '#a3b1c2', words: [word], phrase, rank });
      return;
    }
    if (!line.words.includes(word)) line.words.push(word);
    if (rank > line.rank) Object.assign(line, { rank, color: LINE_COLOR[threshold.context] ?? line.color });
  };
  for (const threshold of thresholds) {
    const from = shown(threshold.value, threshold, display);
    if (from === null) continue;
    const upper = threshold.upper === null ? null : shown(threshold.upper, threshold, display);
    if (threshold.context === 'decision-level') {
      const level = threshold.level ?? 1;
      const [lo, hi] = threshold.op === 'between' ? [from, upper ?? Infinity] : threshold.op === '<' || threshold.op === '<=' ? [-Infinity, from] : [from, Infinity];
      ranges.push({ kind: 'range', from: lo, to: hi, color: LEVEL_FILL[Math.min(3, level)] ?? LEVEL_FILL[1]!, label: `Level ${level}` });
      continue;
    }
    if (threshold.op === 'between') {
      addLine(from, threshold, `≥ ${formatValue(threshold.value, threshold.unit)}`);
      if (upper !== null) addLine(upper, threshold, `≤ ${formatValue(threshold.upper!, threshold.unit)}`);
    } else {
      addLine(from, threshold, `${threshold.op} ${formatValue(threshold.value, threshold.unit)}`);
    }
  }
  const drawn = [...lines.values()].map((line): ChartBand => ({ kind: 'line', from: line.from, to: line.from, color: line.color, label: `${line.words.join(' · ')} ${line.phrase}` }));
  return [...ranges, ...drawn];
}

/**
 * The y range: the data, with room for the next line above it, so the chart always shows how far
 * the value is from the threshold that would fire next.
 */
export function yRangeOf(dataMin: number | null, dataMax: number | null, bands: readonly ChartBand[]): [number, number] {
  const lo = Math.min(0, dataMin ?? 0);
  const top = dataMax ?? 0;
  const edges = bands.flatMap((b) => [b.from, b.to]).filter((edge) => Number.isFinite(edge) && edge > top);
  const next = edges.length > 0 ? Math.min(...edges) : null;
  const hi = Math.max(top, next ?? 0);
  // Nothing to show (no data, all zero): a unit range rather than a collapsed axis.
  return hi - lo < 1e-9 ? [lo, lo + 1] : [lo, hi * 1.12];
}
