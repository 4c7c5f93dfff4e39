// Prometheus HTTP API client: instant (`/api/v1/query`) and range (`/api/v1/query_range`) queries.
//
// Every call resolves to an outcome, never throws: a value, an empty result (no data — never
// zero), Prometheus' own error for a bad query (shown on that metric as Prometheus wrote it), or
// "unreachable" (the poller turns that into staleness rather than an error on every chart).
import { z } from 'zod';
import type { SeriesPoint } from '../../shared/metrics/series';
import { bodyExcerpt, httpGet, joinUrl, type FetchLike, type HttpResult } from './http';

export type InstantOutcome =
  | { kind: 'value'; value: number; at: number }
  | { kind: 'empty'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'unreachable'; message: string };

export type RangeOutcome =
  | { kind: 'series'; points: SeriesPoint[] }
  | { kind: 'empty'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'unreachable'; message: string };

export interface ConnectionTest {
  ok: boolean;
  message: string;
  latencyMs: number;
  version: string | null;
}

export interface PrometheusClient {
  readonly baseUrl: string;
  query(promql: string, atMs: number): Promise<InstantOutcome>;
  queryRange(promql: string, startMs: number, endMs: number, stepMs: number): Promise<RangeOutcome>;
  /** For the settings' "test connection" button. */
  testConnection(): Promise<ConnectionTest>;
}

export interface PrometheusClientOptions {
  baseUrl: string;
  fetch?: FetchLike;
  /** Extra headers, e.g. `Authorization` built from a session secret; a function is read per request. */
  headers?: Record<string, string> | (() => Record<string, string>);
  timeoutMs?: number;
}

const SampleSchema = z.tuple([z.number(), z.string()]);
const LabelsSchema = z.record(z.string(), z.string());

const SuccessSchema = z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [
    z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: LabelsSchema, value: SampleSchema })) }),
    z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: LabelsSchema, values: z.array(SampleSchema) })) }),
    z.object({ resultType: z.literal('scalar'), result: SampleSchema }),
    z.object({ resultType: z.literal('string'), result: SampleSchema }),
  ]),
});

const FailureSchema = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string() });

const BuildInfoSchema = z.object({ status: z.literal('success'), data: z.object({ version: z.string() }) });

type Answer = { kind: 'data'; data: z.infer<typeof SuccessSchema>['data'] } | { kind: 'error'; message: string } | { kind: 'unreachable'; message: string };

/** Prometheus writes sample values as strings: "1.5", "NaN", "+Inf". */
function sampleValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function labelsText(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return `{${pairs.join(', ')}}`;
}

function tooManySeries(count: number, labels: Array<Record<string, string>>): string {
  const shown = labels.slice(0, 3).map(labelsText).join(', ');
  return `the query returned ${count} series (${shown}${count > 3 ? ', …' : ''}); a threshold needs one number: aggregate it, e.g. sum(…) or max(…)`;
}

function interpret(result: HttpResult): Answer {
  if (result.kind === 'unreachable') return { kind: 'unreachable', message: result.message };
  let json: unknown;
  try {
    json = JSON.parse(result.body);
  } catch {
    // Not Prometheus answering (a proxy's error page, a wrong URL): the source is not reachable as such.
    return { kind: 'unreachable', message: `HTTP ${result.status} ${result.statusText}: not a Prometheus answer (${bodyExcerpt(result.body) || 'empty body'})`.replace(/\s+:/, ':') };
  }
  const failure = FailureSchema.safeParse(json);
  if (failure.success) {
    // Prometheus' own words (`parse error at char 5: unexpected …`), prefixed with its error type.
    return { kind: 'error', message: failure.data.errorType ? `${failure.data.errorType}: ${failure.data.error}` : failure.data.error };
  }
  const success = SuccessSchema.safeParse(json);
  if (success.success && result.status >= 200 && result.status < 300) return { kind: 'data', data: success.data.data };
  return { kind: 'unreachable', message: `HTTP ${result.status}: unexpected answer (${bodyExcerpt(result.body)})` };
}

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const fetchFn = options.fetch ?? (fetch as FetchLike);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = (): Record<string, string> => ({
    Accept: 'application/json',
    ...(typeof options.headers === 'function' ? options.headers() : options.headers),
  });
  const get = (path: string, params: Record<string, string>): Promise<HttpResult> =>
    httpGet(fetchFn, `${joinUrl(options.baseUrl, path)}?${new URLSearchParams(params).toString()}`, { headers: headers(), timeoutMs });

  return {
    baseUrl: options.baseUrl,

    async query(promql, atMs) {
      const answer = interpret(await get('/api/v1/query', { query: promql, time: (atMs / 1000).toFixed(3) }));
      if (answer.kind !== 'data') return answer;
      const { data } = answer;
      if (data.resultType === 'string') return { kind: 'error', message: 'the query returns a string, not a number' };
      if (data.resultType === 'matrix') return { kind: 'error', message: 'the query returns a range vector: wrap it, e.g. rate(…[1m])' };
      let sample: [number, string];
      if (data.resultType === 'scalar') sample = data.result;
      else {
        if (data.result.length === 0) return { kind: 'empty', reason: 'the query returned no series' };
        if (data.result.length > 1) return { kind: 'error', message: tooManySeries(data.result.length, data.result.map((r) => r.metric)) };
        sample = data.result[0]!.value;
      }
      const value = sampleValue(sample[1]);
      if (Number.isNaN(value)) return { kind: 'empty', reason: 'the query returned NaN (e.g. 0/0: nothing counted in the window)' };
      return { kind: 'value', value, at: Math.round(sample[0] * 1000) };
    },

    async queryRange(promql, startMs, endMs, stepMs) {
      const answer = interpret(
        await get('/api/v1/query_range', {
          query: promql,
          start: (startMs / 1000).toFixed(3),
          end: (endMs / 1000).toFixed(3),
          step: `${Math.max(1, Math.round(stepMs)) / 1000}`,
        }),
      );
      if (answer.kind !== 'data') return answer;
      const { data } = answer;
      if (data.resultType !== 'matrix') return { kind: 'error', message: `a range query returned a ${data.resultType}` };
      if (data.result.length === 0) return { kind: 'empty', reason: 'the query returned no series in the range' };
      if (data.result.length > 1) return { kind: 'error', message: tooManySeries(data.result.length, data.result.map((r) => r.metric)) };
      const points = data.result[0]!.values.map(([at, text]): SeriesPoint => {
        const value = sampleValue(text);
        return [Math.round(at * 1000), Number.isNaN(value) ? null : value];
      });
      return { kind: 'series', points };
    },

    async testConnection() {
      const result = await get('/api/v1/status/buildinfo', {});
      if (result.kind === 'unreachable') return { ok: false, message: `cannot reach ${options.baseUrl}: ${result.message}`, latencyMs: result.latencyMs, version: null };
      const info = (() => {
        try {
          return BuildInfoSchema.safeParse(JSON.parse(result.body));
        } catch {
          return null;
        }
      })();
      if (info?.success) return { ok: true, message: `Prometheus ${info.data.data.version}`, latencyMs: result.latencyMs, version: info.data.data.version };
      if (result.status === 401 || result.status === 403) {
        return { ok: false, message: `HTTP ${result.status}: check the auth header and its secret`, latencyMs: result.latencyMs, version: null };
      }
      return { ok: false, message: `HTTP ${result.status}: not a Prometheus API at this URL (${bodyExcerpt(result.body)})`, latencyMs: result.latencyMs, version: null };
    },
  };
}
