// YAML front matter: what markdown cannot say (T0, environment, Prometheus, hosts, which steps run
// where, metric bindings, per-step overrides). Parsed with `yaml` so every key keeps its position,
// and each value validated with zod on its own, so one bad entry costs that entry only.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { z } from 'zod';
import type { HostSpec, MetricBinding } from '../model';
import { metricKeyOf } from '../metricKeys';
import type { DiagnosticSink } from './diagnostics';
import { unitOf } from './thresholds';
import { findClock, parseDuration, parseTOffset, type TimeRef } from './times';

export interface Placed {
  line: number;
  column: number;
}

export interface TargetRule extends Placed {
  /** Step or section title as written in front matter (`*` for every step without another rule). */
  key: string;
  names: string[];
}

export interface StepOverride extends Placed {
  key: string;
  timeoutMs: number | null;
  confirm: boolean | null;
  durationMs: number | null;
  /** Step ids or titles (steps, gates, milestones) this step waits for; replaces the inferred ones. */
  after: string[] | null;
}

export interface FrontMatterMilestone extends Placed {
  at: TimeRef;
  text: string;
}

export interface FrontMatter {
  title: string | null;
  t0: (Placed & { iso: string }) | null;
  environment: 'staging' | 'production' | null;
  prometheusUrl: string | null;
  hosts: HostSpec[];
  targets: TargetRule[];
  metrics: MetricBinding[];
  steps: StepOverride[];
  milestones: FrontMatterMilestone[];
}

export function emptyFrontMatter(): FrontMatter {
  return { title: null, t0: null, environment: null, prometheusUrl: null, hosts: [], targets: [], metrics: [], steps: [], milestones: [] };
}

const TOP_KEYS = ['title', 't0', 'environment', 'prometheus', 'hosts', 'targets', 'metrics', 'steps', 'milestones'] as const;
const HOST_KEYS = ['name', 'address', 'hostname', 'port', 'user', 'groups', 'identityFile', 'proxyJump'];
const METRIC_KEYS = ['source', 'query', 'unit', 'url', 'name'];
const STEP_KEYS = ['timeout', 'confirm', 'duration', 'after'];
const MILESTONE_KEYS = ['at', 'text'];

const url = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');
const instant = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString() : value;
  // An instant needs its zone: "2025-10-21 12:00" alone would silently mean the machine's zone.
  if (!(value instanceof Date) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO instant with a zone, e.g. 2025-10-21T12:00:00Z' });
    return z.NEVER;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO instant, e.g. 2025-10-21T12:00:00Z' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});
const environment = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['staging', 'stage', 'production', 'prod']))
  .transform((s) => (s.startsWith('prod') ? ('production' as const) : ('staging' as const)));
const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `expected a duration with a unit, e.g. 10m, 90s or 1h30m (got ${JSON.stringify(value)})` });
    return z.NEVER;
  }
  return ms;
});
const names = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const hostFields = z.object({
  address: z.string().min(1).optional(),
  hostname: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).optional(),
  groups: names.optional(),
  identityFile: z.string().min(1).optional(),
  proxyJump: z.string().min(1).optional(),
});
const metricFields = z.object({
  source: z.enum(['prometheus', 'scrape', 'health']).default('prometheus'),
  query: z.string().min(1).optional(),
  unit: z.string().min(1).optional(),
  url: url.optional(),
  name: z.string().min(1).optional(),
});
const stepFields = z.object({
  timeout: duration.optional(),
  confirm: z.boolean().optional(),
  duration: duration.optional(),
  // `after: []` is allowed: the step waits for nothing (it runs beside what precedes it).
  after: z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
});

class Reader {
  constructor(
    private readonly doc: Document,
    private readonly counter: LineCounter,
    private readonly firstLine: number,
    private readonly diags: DiagnosticSink,
  ) {}

  at(node: YamlNode | Pair | null | undefined): Placed {
    const range = node && 'range' in node ? node.range : node && 'key' in node && isScalar(node.key) ? node.key.range : null;
    const pos = this.counter.linePos(range?.[0] ?? 0);
    return { line: this.firstLine + pos.line - 1, column: pos.col };
  }

  js(node: unknown): unknown {
    if (isScalar(node) || isMap(node) || isSeq(node)) return node.toJS(this.doc);
    return node;
  }

  check<T>(schema: z.ZodType<T>, node: unknown, what: string): T | undefined {
    const result = schema.safeParse(this.js(node));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${what}.${issue.path.join('.')}` : what;
    const place = this.at(nodeAtPath(node, issue?.path ?? []) ?? (node as YamlNode));
    this.diags.error('invalid-front-matter', place.line, place.column, `front matter ${where}: ${issue?.message ?? 'invalid value'}`);
    return undefined;
  }

  unknownKeys(node: unknown, allowed: readonly string[], what: string): void {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) {
        const place = this.at(pair.key as YamlNode);
        this.diags.warn('unknown-front-matter-key', place.line, place.column, `unknown front-matter key "${what}${key}" (ignored; known: ${allowed.join(', ')})`);
      }
    }
  }

  /** Entries of a map (`name: value`) or of a list of maps with a `name` field. */
  entries(node: unknown, what: string): Array<{ key: string; value: unknown; place: Placed }> {
    if (isMap(node)) {
      return node.items.map((pair) => ({
        key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
        value: pair.value,
        place: this.at(pair.key as YamlNode),
      }));
    }
    if (isSeq(node)) {
      const out: Array<{ key: string; value: unknown; place: Placed }> = [];
      for (const item of node.items) {
        const name = isMap(item) ? item.get('name', true) : null;
        if (!isScalar(name) || typeof name.value !== 'string' || name.value === '') {
          const place = this.at(item as YamlNode);
          this.diags.error('invalid-front-matter', place.line, place.column, `front matter ${what}: each entry needs a name`);
          continue;
        }
        out.push({ key: name.value, value: item, place: this.at(item as YamlNode) });
      }
      return out;
    }
    if (node !== null && node !== undefined && !(isScalar(node) && node.value === null)) {
      const place = this.at(node as YamlNode);
      this.diags.error('invalid-front-matter', place.line, place.column, `front matter ${what}: expected a map or a list`);
    }
    return [];
  }
}

function nodeAtPath(node: unknown, path: ReadonlyArray<PropertyKey>): YamlNode | null {
  let current: unknown = node;
  for (const key of path) {
    if (isMap(current)) current = current.get(key as string, true);
    else if (isSeq(current)) current = current.get(key as number, true);
    else return null;
  }
  return (current as YamlNode | null) ?? null;
}

function readHost(r: Reader, key: string, value: unknown): HostSpec | null {
  if (isScalar(value) && typeof value.value === 'string') {
    return { name: key, address: value.value, port: null, user: null, groups: [], identityFile: null, proxyJump: null };
  }
  r.unknownKeys(value, HOST_KEYS, `hosts.${key}.`);
  const fields = r.check(hostFields.loose(), value, `hosts.${key}`);
  if (!fields) return null;
  return {
    name: key,
    address: fields.address ?? fields.hostname ?? null,
    port: fields.port ?? null,
    user: fields.user ?? null,
    groups: fields.groups ?? [],
    identityFile: fields.identityFile ?? null,
    proxyJump: fields.proxyJump ?? null,
  };
}

function readMetric(r: Reader, key: string, value: unknown, place: Placed, diags: DiagnosticSink): MetricBinding | null {
  if (isScalar(value) && typeof value.value === 'string') {
    return { metricKey: metricKeyOf(key), name: key, source: 'prometheus', query: value.value, unit: null, url: null };
  }
  r.unknownKeys(value, METRIC_KEYS, `metrics.${key}.`);
  const fields = r.check(metricFields.loose(), value, `metrics.${key}`);
  if (!fields) return null;
  const query = fields.query ?? (fields.source === 'health' ? fields.url : undefined);
  if (!query) {
    diags.error('invalid-front-matter', place.line, place.column, `front matter metrics.${key}: needs a query${fields.source === 'health' ? ' or a url' : ''}`);
    return null;
  }
  return {
    metricKey: metricKeyOf(fields.name ?? key),
    name: fields.name ?? key,
    source: fields.source,
    query,
    unit: fields.unit ? (unitOf(fields.unit) ?? fields.unit) : null,
    url: fields.url ?? null,
  };
}

function readMilestone(r: Reader, item: unknown, diags: DiagnosticSink): FrontMatterMilestone | null {
  r.unknownKeys(item, MILESTONE_KEYS, 'milestones[].');
  const fields = r.check(z.object({ at: z.union([z.string(), z.number()]), text: z.string().min(1) }).loose(), item, 'milestones[]');
  if (!fields) return null;
  const place = r.at(item as YamlNode);
  const text = String(fields.at);
  const offset = parseTOffset(text);
  if (offset !== null) return { ...place, at: { kind: 'offset', ms: offset }, text: fields.text };
  const clock = findClock(text);
  if (clock?.ok) return { ...place, at: clock.start, text: fields.text };
  diags.warn('unparseable-time', place.line, place.column, `front matter milestone time "${text}" is neither a T-offset (T-30m) nor a clock time (11:30 UTC)`);
  return null;
}

/**
 * Reads the front matter text. `firstLine` is the source line of its first content line (the line
 * after the opening `---`).
 */
export function readFrontMatter(yamlText: string, firstLine: number, diags: DiagnosticSink): FrontMatter {
  const fm = emptyFrontMatter();
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = counter.linePos(error.pos[0]);
      const message = error.message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
      diags.error('invalid-yaml', firstLine + pos.line - 1, pos.col, `invalid YAML in front matter: ${message} (front matter ignored)`);
    }
    return fm;
  }
  for (const warning of doc.warnings) {
    const pos = counter.linePos(warning.pos[0]);
    diags.warn('invalid-front-matter', firstLine + pos.line - 1, pos.col, `front matter: ${warning.message.split('\n')[0]}`);
  }
  const r = new Reader(doc, counter, firstLine, diags);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return fm;
  if (!isMap(root)) {
    const place = r.at(root);
    diags.error('invalid-front-matter', place.line, place.column, 'front matter must be a map of keys (t0, hosts, targets, metrics …)');
    return fm;
  }
  r.unknownKeys(root, TOP_KEYS, '');
  const get = (key: string): unknown => root.get(key, true);

  fm.title = r.check(z.string().min(1).optional(), get('title'), 'title') ?? null;
  const t0 = get('t0');
  if (t0 !== undefined) {
    const iso = r.check(instant, t0, 't0');
    if (iso) fm.t0 = { iso, ...r.at(t0 as YamlNode) };
  }
  if (get('environment') !== undefined) fm.environment = r.check(environment, get('environment'), 'environment') ?? null;
  const prometheus = get('prometheus');
  if (prometheus !== undefined) {
    if (isMap(prometheus)) r.unknownKeys(prometheus, ['url'], 'prometheus.');
    const value = r.check(z.union([url, z.object({ url }).loose()]), prometheus, 'prometheus');
    fm.prometheusUrl = value === undefined ? null : typeof value === 'string' ? value : value.url;
  }
  for (const { key, value } of r.entries(get('hosts'), 'hosts')) {
    const host = readHost(r, key, value);
    if (host) fm.hosts.push(host);
  }
  for (const { key, value, place } of r.entries(get('targets'), 'targets')) {
    const list = r.check(names, value, `targets.${key}`);
    if (list) fm.targets.push({ key, names: list, ...place });
  }
  for (const { key, value, place } of r.entries(get('metrics'), 'metrics')) {
    const binding = readMetric(r, key, value, place, diags);
    if (binding) fm.metrics.push(binding);
  }
  for (const { key, value, place } of r.entries(get('steps'), 'steps')) {
    r.unknownKeys(value, STEP_KEYS, `steps.${key}.`);
    const fields = r.check(stepFields.loose(), value, `steps.${key}`);
    if (fields) fm.steps.push({ key, timeoutMs: fields.timeout ?? null, confirm: fields.confirm ?? null, durationMs: fields.duration ?? null, after: fields.after ?? null, ...place });
  }
  const milestones = get('milestones');
  if (isSeq(milestones)) {
    for (const item of milestones.items) {
      const milestone = readMilestone(r, item, diags);
      if (milestone) fm.milestones.push(milestone);
    }
  } else if (milestones !== undefined) {
    const place = r.at(milestones as YamlNode);
    diags.error('invalid-front-matter', place.line, place.column, 'front matter milestones: expected a list of { at, text }');
  }
  return fm;
}
