// Threshold phrases as runbooks write them: `Error rate > 5% → Immediate escalation`,
// `p95 latency < 500ms`, `CPU usage > 85% sustained`, `p95 latency 500-1000ms`, `Error rate 1-3%`,
// `Error rate %: ⬚ (target: <1%)`, `Total requests/sec: (target: 100-500)`, `p95 ≤ 350ms`.
// Input is the plain text of one list item or one line; the caller supplies the context.
import type { ThresholdContext, ThresholdOp } from '../model';
import { metricKeyOf } from '../metricKeys';

export interface ParsedThreshold {
  metric: string;
  metricKey: string;
  op: ThresholdOp;
  value: number;
  upper: number | null;
  /** Normalised unit or null when the phrase has none. */
  unit: string | null;
  /** True when the unit had to be inferred (`count`, `rps`) rather than written. */
  unitInferred: boolean;
  sustained: boolean;
  sustainedMs: number | null;
  action: string | null;
  /** Context the phrase itself implies (an action that pages or escalates), if any. */
  impliedContext: ThresholdContext | null;
  /** Index of the phrase in the input (after list markers). */
  index: number;
}

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const UNIT = String.raw`(%|percent\b|pct\b|ms\b|msec\b|milliseconds?\b|secs?\b|seconds?\b|s\b|mib\b|mb\b|gib\b|gb\b|rps\b|req\/s(?:ec)?\b|requests?\/s(?:ec)?\b|qps\b)`;
const OPS = String.raw`(<=|>=|=<|=>|≤|≥|<|>|less than or equal to|greater than or equal to|at most|at least|no more than|no less than|not more than|not less than|not above|not below|less than|more than|greater than|lower than|higher than|below|under|above|over|exceeds|exceeding|exceed)`;

const COMPARISON = new RegExp(String.raw`^(.*?[\p{L}%)\]])\s*(?::\s*|\s)\s*(?:is\s+|stays?\s+|remains?\s+|must\s+be\s+|should\s+be\s+|of\s+)?${OPS}\s*${NUMBER}\s*${UNIT}?(.*)$`, 'iu');
const COMPARISON_TIGHT = new RegExp(String.raw`^(.*?[\p{L}%)\]\d])\s*${OPS}\s*${NUMBER}\s*${UNIT}?(.*)$`, 'iu');
const RANGE = new RegExp(String.raw`^(.*?[\p{L}%)\]])\s*(?::\s*|\s)\s*(?:between\s+)?${NUMBER}\s*${UNIT}?\s*(?:-|–|—|to|and)\s*${NUMBER}\s*${UNIT}?(.*)$`, 'iu');
const TARGET = /\(\s*target\s*:\s*([^)]*)\)/i;
const SPEC_COMPARISON = new RegExp(String.raw`^\s*${OPS}\s*${NUMBER}\s*${UNIT}?\s*$`, 'iu');
const SPEC_RANGE = new RegExp(String.raw`^\s*${NUMBER}\s*${UNIT}?\s*(?:-|–|—|to)\s*${NUMBER}\s*${UNIT}?\s*$`, 'iu');

function opOf(text: string): ThresholdOp {
  const t = text.toLowerCase();
  if (['<=', '=<', '≤', 'at most', 'no more than', 'not more than', 'not above', 'less than or equal to'].includes(t)) return '<=';
  if (['>=', '=>', '≥', 'at least', 'no less than', 'not less than', 'not below', 'greater than or equal to'].includes(t)) return '>=';
  if (['<', 'less than', 'lower than', 'below', 'under'].includes(t)) return '<';
  return '>';
}

function numberOf(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** Canonical unit for a unit as written; null when the text is not a unit. */
export function unitOf(text: string | undefined | null): string | null {
  if (!text) return null;
  const t = text.trim().toLowerCase();
  if (t === '%' || t === 'percent' || t === 'pct') return '%';
  if (t === 'ms' || t === 'msec' || t.startsWith('millisecond')) return 'ms';
  if (t === 's' || t === 'sec' || t === 'secs' || t.startsWith('second')) return 's';
  if (t === 'mb' || t === 'mib') return 'MB';
  if (t === 'gb' || t === 'gib') return 'GB';
  if (t === 'rps' || t === 'qps' || t.startsWith('req/s') || /^requests?\/s/.test(t)) return 'rps';
  return null;
}

/** What unit a metric needs to mean anything: `Error rate > 5` is ambiguous, `DB connections < 100` is not. */
export function expectedUnitKind(metricKey: string): 'percent' | 'time' | 'size' | null {
  if (['error_rate', 'cpu_usage', 'memory_usage', 'disk_usage'].includes(metricKey)) return 'percent';
  if (metricKey.endsWith('_latency')) return 'time';
  if (metricKey === 'redis_memory') return 'size';
  return null;
}

const UNIT_SUFFIX = /\s+(%|percent|ms|mb|gb|s|sec|rps)\s*$/i;

/** "Error rate %" → metric "Error rate", unit "%": dashboards put the unit after the name. */
function cleanMetric(raw: string): { metric: string; unitFromName: string | null } | null {
  let metric = raw
    .replace(/[*`]/g, '')
    .replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, '')
    .replace(/^\s*(?:if|when|while|and|or)\s+/i, '')
    .replace(/[⬚☐□_]+/g, ' ')
    .replace(/\s*[:=]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  let unitFromName: string | null = null;
  for (let m = UNIT_SUFFIX.exec(metric); m; m = UNIT_SUFFIX.exec(metric)) {
    unitFromName ??= unitOf(m[1]);
    metric = metric.slice(0, m.index).replace(/\s*[:=]\s*$/, '').trim();
  }
  metric = metric.replace(/\s*[:=]\s*$/, '').trim();
  const words = metric.split(' ').filter(Boolean);
  if (!/\p{L}/u.test(metric) || /[<>≤≥→]/.test(metric) || metric.length > 60 || words.length > 7 || /https?:|[.!?]$/.test(metric)) return null;
  return { metric, unitFromName };
}

function sustainedOf(rest: string): { sustained: boolean; sustainedMs: number | null; rest: string } {
  const m = /\b(?:sustained|for)\s*(?:(?:for\s+)?(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b)?/i.exec(rest);
  if (!m || (!/sustained/i.test(m[0]) && !m[1])) return { sustained: false, sustainedMs: null, rest };
  const n = m[1] ? Number(m[1]) : null;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit.startsWith('h') ? 3_600_000 : unit.startsWith('s') ? 1000 : 60_000;
  return { sustained: true, sustainedMs: n === null ? null : n * factor, rest: rest.slice(0, m.index) + rest.slice(m.index + m[0].length) };
}

function actionOf(rest: string): string | null {
  const m = /^\s*(?:→|->|=>|⇒|—|–|-|:)\s*(.+?)\s*$/.exec(rest);
  return m ? m[1]!.replace(/[*`]/g, '').trim() || null : null;
}

function impliedContextOf(action: string | null): ThresholdContext | null {
  if (!action) return null;
  if (/\bpag(e|ed|ing)\b/i.test(action)) return 'page';
  if (/\bescalat/i.test(action)) return 'escalation';
  return null;
}

function inferUnit(metricKey: string, metric: string): string | null {
  if (metricKey === 'request_rate' || /\/\s*s(ec)?\b|\brps\b|per second/i.test(metric)) return 'rps';
  if (/connections?|count|queue|depth|sessions|pods|replicas|instances|jobs|workers/i.test(metric)) return 'count';
  return null;
}

interface Core {
  metricRaw: string;
  op: ThresholdOp;
  value: number;
  upper: number | null;
  unitText: string | null;
  rest: string;
  index: number;
}

function parseSpec(spec: string): Omit<Core, 'metricRaw' | 'rest' | 'index'> | null {
  const cmp = SPEC_COMPARISON.exec(spec);
  if (cmp) return { op: opOf(cmp[1]!), value: numberOf(cmp[2]!), upper: null, unitText: cmp[3] ?? null };
  const range = SPEC_RANGE.exec(spec);
  if (range) return { op: 'between', value: numberOf(range[1]!), upper: numberOf(range[3]!), unitText: range[4] ?? range[2] ?? null };
  return null;
}

function core(text: string): Core | null {
  const target = TARGET.exec(text);
  if (target) {
    const spec = parseSpec(target[1]!);
    if (!spec) return null;
    return { metricRaw: text.slice(0, target.index), ...spec, rest: text.slice(target.index + target[0].length), index: 0 };
  }
  // Comparisons first: "CPU > 85% for 5-10 minutes" is a comparison with a note, not a range.
  const cmp = COMPARISON.exec(text) ?? COMPARISON_TIGHT.exec(text);
  if (cmp) {
    const [, metricRaw, op, value, unit, rest] = cmp;
    return { metricRaw: metricRaw!, op: opOf(op!), value: numberOf(value!), upper: null, unitText: unit ?? null, rest: rest!, index: 0 };
  }
  const range = RANGE.exec(text);
  if (range) {
    const [, metricRaw, lo, u1, hi, u2, rest] = range;
    return { metricRaw: metricRaw!, op: 'between', value: numberOf(lo!), upper: numberOf(hi!), unitText: u2 ?? u1 ?? null, rest: rest!, index: 0 };
  }
  return null;
}

/** The threshold a phrase states, or null when it states none. */
export function parseThreshold(text: string): ParsedThreshold | null {
  const lead = /^\s*(?:#\s*)?(?:[-*+•]\s+|\d+[.)]\s+)?/.exec(text)![0].length;
  const body = text.slice(lead).replace(/\s+/g, ' ');
  const c = core(body);
  if (!c) return null;
  if (c.op === 'between' && c.upper !== null && c.upper < c.value) return null;
  const cleaned = cleanMetric(c.metricRaw);
  if (!cleaned) return null;
  const metricKey = metricKeyOf(cleaned.metric);
  const { sustained, sustainedMs, rest } = sustainedOf(c.rest);
  const action = actionOf(rest.replace(/^\s*\([^)]*\)/, ''));
  let unit = unitOf(c.unitText) ?? cleaned.unitFromName;
  let unitInferred = false;
  if (unit === null) {
    unit = inferUnit(metricKey, cleaned.metric);
    unitInferred = unit !== null;
  }
  return {
    metric: cleaned.metric,
    metricKey,
    op: c.op,
    value: c.value,
    upper: c.upper,
    unit,
    unitInferred,
    sustained,
    sustainedMs,
    action,
    impliedContext: impliedContextOf(action),
    index: lead,
  };
}

/** Whether the phrase is missing a unit its metric needs (`Error rate > 5`). */
export function missingUnit(t: Pick<ParsedThreshold, 'unit' | 'metricKey'>): 'percent' | 'time' | 'size' | null {
  return t.unit === null ? expectedUnitKind(t.metricKey) : null;
}
