// A fake Prometheus HTTP API (no network) for the poller and client unit tests: each query string
// maps to what the fake answers, and a switch makes the whole server unreachable or hang.
import type { FetchLike, HttpRequestInit } from '../../../electron/metrics/http';

export type FakeAnswer =
  | { value: number | 'NaN' | '+Inf' }
  | { empty: true }
  | { error: string; errorType?: string; status?: number }
  | { series: number }
  | { body: string; status: number };

export interface FakePrometheus {
  fetch: FetchLike;
  answers: Map<string, FakeAnswer>;
  /** Connection refused for every request while true. */
  down: boolean;
  /** Requests never answer (until their abort signal fires) while true. */
  hang: boolean;
  requests: Array<{ url: string; init: HttpRequestInit }>;
  range: Map<string, Array<[number, string]>>;
}

export function fakePrometheus(): FakePrometheus {
  const fake: FakePrometheus = {
    answers: new Map(),
    range: new Map(),
    down: false,
    hang: false,
    requests: [],
    fetch: async (url, init) => {
      fake.requests.push({ url, init });
      if (fake.hang) {
        return new Promise((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason ?? new Error('aborted')));
        });
      }
      if (fake.down) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
      const parsed = new URL(url);
      const query = parsed.searchParams.get('query') ?? '';
      const time = Number(parsed.searchParams.get('time') ?? '0');
      const respond = (status: number, body: unknown) => ({ status, statusText: '', text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) });
      if (parsed.pathname.endsWith('/query_range')) {
        const values = fake.range.get(query);
        return respond(200, { status: 'success', data: { resultType: 'matrix', result: values ? [{ metric: {}, values }] : [] } });
      }
      const answer = fake.answers.get(query) ?? { empty: true };
      if ('body' in answer) return respond(answer.status, answer.body);
      if ('error' in answer) return respond(answer.status ?? 400, { status: 'error', errorType: answer.errorType ?? 'bad_data', error: answer.error });
      if ('empty' in answer) return respond(200, { status: 'success', data: { resultType: 'vector', result: [] } });
      if ('series' in answer) {
        const result = Array.from({ length: answer.series }, (_, i) => ({ metric: { instance: `host-${i}` }, value: [time, '1'] }));
        return respond(200, { status: 'success', data: { resultType: 'vector', result } });
      }
      return respond(200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [time, String(answer.value)] }] } });
    },
  };
  return fake;
}
