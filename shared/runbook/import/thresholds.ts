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
  /** "> 2x baseline": a multiple of a baseline captured when the session starts. */
  relativeToBaseline: boolean;
}

const NUMBER = String.raw`\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const UNIT = String.raw`(%|percent\b|pct\b|ms\b|msec\b|milliseconds?\b|req(?:uests?)?\s*\/\s*min(?:ute)?\b|errors?\s*\/\s*min(?:ute)?\b|msgs?\s*\/\s*s(?:ec)?\b|messages?\s*\/\s*s(?:ec)?\b|\/\s*h(?:ou)?r\b|\/\s*h\b|mins?\b|minutes?\b|hours?\b|hrs?\b|secs?\b|seconds?\b|s\b|h\b|mib\b|mb\b|gib\b|gb\b|rps\b|req\/s(?:ec)?\b|requests?\/s(?:ec)?\b|qps\b|x(?![\p{L}\d])|×)`;
const OPS = String.raw`(<=|>=|=<|=>|≤|≥|<|>|less than or equal to|greater than or equal to|at most|at least|no more than|no less than|not more than|not less than|not above|not below|less than|more than|greater than|lower than|higher than|below|under|above|over|exceeds|exceeding|exceed)`;

const COMPARISON = new RegExp(String.raw`^(.*?[\p{L}%)\]])\s*(?::\s*|\s)\s*(?:is\s+|stays?\s+|remains?\s+|must\s+be\s+|should\s+be\s+|of\s+|rises?\s+|goes\s+|climbs?\s+|drops?\s+|falls?\s+|gets\s+)?${OPS}\s*${NUMBER}\s*${UNIT}?(.*)$`, 'iu');
const COMPARISON_TIGHT = new RegExp(String.raw`^(.*?[\p{L}%)\]\d])\s*${OPS}\s*${NUMBER}\s*${UNIT}?(.*)$`, 'iu');
const RANGE = new RegExp(String.raw`^(.*?[\p{L}%)\]])\s*(?::\s*|\s)\s*(?:between\s+)?${NUMBER}\s*${UNIT}?\s*(?:-|–|—|to|and)\s*${NUMBER}\s*${UNIT}?(.*)$`, 'iu');
const TARGET = /\(\s*(?:target|gate|threshold|limit|slo)\s*:\s*([^)]*)\)/i;
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
  const per = /^(\w*?)s?\s*\/\s*(min|minute|s|sec|h|hr|hour)$/.exec(t);
  if (per) {
    const [, what, span] = per;
    const every = span!.startsWith('min') ? 'min' : span!.startsWith('h') ? 'h' : 's';
    if (!what) return `/${every}`;
    if (/^req(uest)?$/.test(what!)) return every === 's' ? 'rps' : `req/${every}`;
    if (/^(msg|message)$/.test(what!)) return `msgs/${every}`;
    return `${what}s/${every}`;
  }
  if (t === 'min' || t === 'mins' || t.startsWith('minute')) return 'min';
  if (t === 'h' || t === 'hr' || t === 'hrs' || t.startsWith('hour')) return 'h';
  if (t === 'x' || t === '×') return 'x';
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
    .replace(/^\s*(?:verify|check|ensure|confirm|measure|monitor|watch|track)\s+(?:that\s+)?/i, '')
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
  // "Bundle size: 53.6KB < 87.8KB target": the value after the label is a sample, not part of the name.
  const sampled = /^(.*\p{L}.*?)\s*[:=]\s*\d[\d.,]*\s*[\p{L}%]{0,4}$/u.exec(metric);
  if (sampled) metric = sampled[1]!.trim();
  const words = metric.split(' ').filter(Boolean);
  if (!/\p{L}/u.test(metric) || /[<>≤≥→]/.test(metric) || metric.length > 60 || words.length > 7 || /https?:|[.!?]$/.test(metric)) return null;
  return { metric, unitFromName };
}

function sustainedOf(rest: string): { sustained: boolean; sustainedMs: number | null; rest: string } {
  const m = /\b(?:sustained|for)\s*(?:(?:for\s+)?(\d+(?:\.\d+)?)\+?\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b)?/i.exec(rest);
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

// Emoji and status marks in front of a metric ("✅ Error Rate", "❌ P95 latency"): the caller has
// already read their polarity; they are not part of the name.
const MARKS = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[✓✔✗✘☐☑⬚]/gu;
// "Planned Regional Failover: 12 minutes (target: < 15 min)": the sample value after the label is
// what was measured once, not part of the metric's name.
const SAMPLE = /\s*[:=]\s*[^:=()]*\d[^:=()]*$/;
const VALUE_FIRST = new RegExp(String.raw`^\s*${OPS}\s*${NUMBER}\s*${UNIT}?\s*(?:of\s+)?(.*)$`, 'iu');
const PAREN = new RegExp(String.raw`^(.*?[\p{L}%\]])\s*\(\s*${OPS}\s*${NUMBER}\s*${UNIT}?([^)]*)\)(.*)$`, 'iu');
/** Words that end a metric named after its value: "≥ 90% synthetic monitor uptime (weekly)". */
const METRIC_AFTER = /^([\p{L}][\p{L}\d\s/&'-]*?)(?=\s*(?:$|[(,;.]|\bsustained\b|\bfor\s+\d|\bwithin\b|\bover\b|\bacross\b|→|->|=>))/iu;

function core(text: string, strict = false): Core | null {
  const target = TARGET.exec(text);
  if (target) {
    const spec = parseSpec(target[1]!);
    if (!spec) return null;
    return { metricRaw: text.slice(0, target.index).replace(MARKS, ' ').replace(SAMPLE, ''), ...spec, rest: text.slice(target.index + target[0].length), index: 0 };
  }
  // Comparisons first: "CPU > 85% for 5-10 minutes" is a comparison with a note, not a range.
  const cmp = COMPARISON.exec(text) ?? COMPARISON_TIGHT.exec(text);
  if (cmp) {
    const [, metricRaw, op, value, unit, rest] = cmp;
    return { metricRaw: metricRaw!, op: opOf(op!), value: numberOf(value!), upper: null, unitText: unit ?? null, rest: rest!, index: 0 };
  }
  // "Sentry error spike (> 50 errors/minute)": the limit in parentheses after the name.
  const paren = strict ? null : PAREN.exec(text);
  if (paren) {
    const [, metricRaw, op, value, unit, inside, rest] = paren;
    return { metricRaw: metricRaw!, op: opOf(op!), value: numberOf(value!), upper: null, unitText: unit ?? null, rest: `${inside ?? ''}${rest ?? ''}`, index: 0 };
  }
  // "≥ 90% synthetic monitor uptime", "> 1% sustained for 2 minutes" (the name comes from elsewhere).
  const first = VALUE_FIRST.exec(text);
  if (first) {
    const [, op, value, unit, after] = first;
    const named = /^(?:sustained|for\s+\d)/i.test(after ?? '') ? null : METRIC_AFTER.exec(after ?? '');
    const metricRaw = named ? named[1]!.trim() : '';
    return { metricRaw, op: opOf(op!), value: numberOf(value!), upper: null, unitText: unit ?? null, rest: (after ?? '').slice(named ? named[0].length : 0), index: 0 };
  }
  const range = RANGE.exec(text);
  if (range) {
    const [, metricRaw, lo, u1, hi, u2, rest] = range;
    return { metricRaw: metricRaw!, op: 'between', value: numberOf(lo!), upper: numberOf(hi!), unitText: u2 ?? u1 ?? null, rest: rest!, index: 0 };
  }
  // "10-50 req/min" with the name elsewhere (a sub-bullet under "Request Volume").
  const bare = SPEC_RANGE.exec(text.replace(/\s*\(.*$/, ''));
  if (bare) return { metricRaw: '', op: 'between', value: numberOf(bare[1]!), upper: numberOf(bare[3]!), unitText: bare[4] ?? bare[2] ?? null, rest: '', index: 0 };
  return null;
}

export interface ThresholdOptions {
  /** Name to use when the phrase has none ("Alert if > 1%" under "**Error Rates**"). */
  metricHint?: string | null;
  /** Only comparisons, targets and value-first phrases (no limit in parentheses after a name). */
  strict?: boolean;
}

/** The threshold a phrase states, or null when it states none. */
export function parseThreshold(text: string, options: ThresholdOptions = {}): ParsedThreshold | null {
  const lead = /^\s*(?:#\s*)?(?:[-*+•]\s+|\d+[.)]\s+)?/.exec(text)![0].length;
  const body = text
    .slice(lead)
    .replace(/\s+/g, ' ')
    .replace(/^(?:(?:\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[✓✔✗✘])\s*)+/u, '');
  const c = core(body, options.strict);
  if (!c) return null;
  if (c.op === 'between' && c.upper !== null && c.upper < c.value) return null;
  let cleaned = c.metricRaw.trim() ? cleanMetric(c.metricRaw.replace(MARKS, ' ')) : null;
  const hint = options.metricHint ? cleanMetric(options.metricHint.replace(MARKS, ' ')) : null;
  // "Target: ≥ 70% hit ratio" under "**Cache Hit Ratio**": the fuller name above wins when it
  // contains every word of the phrase's own.
  if (cleaned && hint && containsWords(hint.metric, cleaned.metric)) cleaned = { ...cleaned, metric: hint.metric };
  cleaned ??= hint;
  if (!cleaned) return null;
  const metricKey = metricKeyOf(cleaned.metric);
  const { sustained, sustainedMs, rest } = sustainedOf(c.rest);
  const relativeToBaseline = /^\s*(?:the\s+)?(?:baseline|normal|pre[\s-]?launch baseline)\b/i.test(rest);
  const action = actionOf(rest.replace(/^\s*(?:the\s+)?baseline\b/i, '').replace(/^\s*\([^)]*\)/, ''));
  let unit = unitOf(c.unitText) ?? cleaned.unitFromName;
  if (unit && unit.startsWith('/') && body.includes('$')) unit = `$${unit}`;
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
    relativeToBaseline: relativeToBaseline && unit === 'x',
  };
}

function containsWords(outer: string, inner: string): boolean {
  const words = (t: string): string[] => t.toLowerCase().replace(/s\b/g, '').split(/[^a-z0-9]+/).filter(Boolean);
  const have = new Set(words(outer));
  const need = words(inner);
  return need.length > 0 && need.every((w) => have.has(w)) && have.size > need.length;
}

/** Whether the phrase is missing a unit its metric needs (`Error rate > 5`). */
export function missingUnit(t: Pick<ParsedThreshold, 'unit' | 'metricKey'>): 'percent' | 'time' | 'size' | null {
  return t.unit === null ? expectedUnitKind(t.metricKey) : null;
}
