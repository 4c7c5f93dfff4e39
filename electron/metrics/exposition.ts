// Prometheus text exposition format → flat samples (`name{labels} value`).
//
// The sample-line grammar (label escaping, `+Inf`, timestamps) is parse-prometheus-text-format's.
// Its family grouping is not used: in 1.1.1 it keeps only one label set per histogram or summary
// (a per-route latency histogram loses all routes but the last, and their _sum/_count), and it
// drops the last sample of a body that does not end with a newline. So `# TYPE` lines are read
// here and removed before parsing, which makes every sample its own untyped line, and a newline
// is always appended. (No better-maintained parser of the format is on the npm registry.)
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface FlatSample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Exposition {
  samples: FlatSample[];
  /** Declared family types, by family name. */
  types: Map<string, MetricType>;
}

const TYPE_LINE = /^#\s+TYPE\s+(\S+)\s+(\S+)\s*$/;

function sampleNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const value = Number(text);
  return text.trim() !== '' && !Number.isNaN(value) ? value : null;
}

/**
 * Parses a `/metrics` body. Throws an Error naming the offending line when the body is not in the
 * text format (an HTML page, a JSON answer, a truncated line).
 */
export function parseExposition(text: string, keep?: (name: string) => boolean): Exposition {
  const types = new Map<string, MetricType>();
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const type = TYPE_LINE.exec(line.trim());
    if (type) {
      const kind = type[2]!.toLowerCase();
      types.set(type[1]!, (['counter', 'gauge', 'histogram', 'summary'].includes(kind) ? kind : 'untyped') as MetricType);
      continue;
    }
    lines.push(line);
  }
  const families = parsePrometheusTextFormat(`${lines.join('\n')}\n`);
  const samples: FlatSample[] = [];
  for (const family of families) {
    if (keep && !keep(family.name)) continue;
    for (const metric of family.metrics) {
      const value = sampleNumber(metric.value);
      if (value === null) throw new Error(`not a number in the sample of ${family.name}: "${metric.value ?? ''}"`);
      samples.push({ name: family.name, labels: metric.labels ?? {}, value });
    }
  }
  return { samples, types };
}
