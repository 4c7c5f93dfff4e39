// Units of metric values and how a binding's value is brought into a threshold's unit.
//
// A binding says what its query returns (Prometheus latency histograms are often in seconds, error
// ratios often a 0–1 fraction); a runbook threshold says what the document wrote (`p95 latency <
// 500ms`, `Error rate < 1%`). The value is converted into the threshold's unit before comparing, and
// the conversion is described so the console can say *how* a number was compared, not only that it was.

export const METRIC_UNITS = ['%', 'ratio', 'ms', 's', 'bytes', 'MB', 'GB', 'rps', 'count'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

/** Units in the same dimension convert by a factor: value_in_base = value × factor. */
const DIMENSIONS: ReadonlyArray<Readonly<Partial<Record<MetricUnit, number>>>> = [
  { '%': 1, ratio: 100 },
  { ms: 1, s: 1000 },
  // Memory sizes as dashboards and `redis-cli info` print them: MB = MiB (1,048,576 bytes).
  { bytes: 1, MB: 1024 ** 2, GB: 1024 ** 3 },
  { rps: 1 },
  { count: 1 },
];

const ALIASES: Record<string, MetricUnit> = {
  '%': '%',
  percent: '%',
  pct: '%',
  ratio: 'ratio',
  fraction: 'ratio',
  ms: 'ms',
  msec: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  b: 'bytes',
  byte: 'bytes',
  bytes: 'bytes',
  mb: 'MB',
  mib: 'MB',
  gb: 'GB',
  gib: 'GB',
  rps: 'rps',
  'req/s': 'rps',
  'requests/s': 'rps',
  'count/s': 'rps',
  '/s': 'rps',
  'per second': 'rps',
  'ops/s': 'rps',
  count: 'count',
  connections: 'count',
};

/** The canonical unit for a unit as a person or a runbook writes it, or null when unknown. */
export function normaliseUnit(text: string | null | undefined): MetricUnit | null {
  if (text == null) return null;
  const key = text.trim().toLowerCase();
  return ALIASES[key] ?? null;
}

const UNIT_NAMES: Record<MetricUnit, string> = {
  '%': 'percent',
  ratio: 'a 0–1 fraction',
  ms: 'milliseconds',
  s: 'seconds',
  bytes: 'bytes',
  MB: 'MB',
  GB: 'GB',
  rps: 'per second',
  count: 'a count',
};

export type Conversion =
  | { ok: true; value: number; /** Empty when the value was used as is. */ note: string }
  | { ok: false; reason: string };

/**
 * `value` (in the binding's unit `from`) expressed in the threshold's unit `to`.
 * A missing unit on either side compares the number as is and says so; units of different
 * dimensions (ms against %) refuse to compare rather than produce a meaningless verdict.
 */
export function convertUnit(value: number, from: string | null, to: string | null): Conversion {
  const source = normaliseUnit(from);
  const target = normaliseUnit(to);
  if (from != null && source == null) return { ok: false, reason: `unknown unit "${from}" on the binding` };
  if (to != null && target == null) return { ok: false, reason: `unknown unit "${to}" on the threshold` };
  if (source == null || target == null) {
    const missing = source == null && target == null ? 'neither side has a unit' : source == null ? 'the binding has no unit' : 'the threshold has no unit';
    return { ok: true, value, note: `compared as is (${missing})` };
  }
  if (source === target) return { ok: true, value, note: '' };
  const dimension = DIMENSIONS.find((d) => d[source] !== undefined && d[target] !== undefined);
  if (!dimension) {
    return { ok: false, reason: `unit mismatch: the binding gives ${UNIT_NAMES[source]}, the threshold is in ${UNIT_NAMES[target]}` };
  }
  const factor = dimension[source]! / dimension[target]!;
  const how = factor >= 1 ? `× ${formatFactor(factor)}` : `÷ ${formatFactor(1 / factor)}`;
  return { ok: true, value: value * factor, note: `converted from ${UNIT_NAMES[source]} to ${UNIT_NAMES[target]} (${how})` };
}

function formatFactor(factor: number): string {
  return Number.isInteger(factor) ? factor.toLocaleString('en-US') : String(factor);
}

/** A value with its unit for messages: `4.2 %`, `512 ms`, `1.5 rps`. */
export function formatValue(value: number, unit: string | null): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return `${value > 0 ? '+' : '-'}Inf${unit ? ` ${unit}` : ''}`;
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = Number(value.toFixed(digits)).toString();
  if (!unit || unit === 'count') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** Decimals a unit is shown with on the banner, the wall and the report: what a person can act on. */
const UNIT_DECIMALS: Partial<Record<string, number>> = { '%': 1, ratio: 3, ms: 0, s: 2, bytes: 0, MB: 1, GB: 2, rps: 1, count: 0 };
const measuredFormats = new Map<number, Intl.NumberFormat>();

/**
 * A measured value rounded to its unit's precision, with thousands separators and a space before
 * the unit: `6.0 %`, `1,408 ms`, `0.35 s`. (`formatValue` stays the compact form the log's reason
 * sentences use.)
 */
export function formatMeasured(value: number, unit: string | null): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return `${value > 0 ? '+' : '-'}Inf${unit ? ` ${unit}` : ''}`;
  const decimals = unit ? (UNIT_DECIMALS[unit] ?? 2) : Number.isInteger(value) ? 0 : 2;
  let format = measuredFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    measuredFormats.set(decimals, format);
  }
  const text = format.format(value);
  return !unit || unit === 'count' ? text : `${text} ${unit}`;
}
