import { describe, expect, it } from 'vitest';
import { createPrometheusClient } from '../../../electron/metrics/prometheusClient';
import { fakePrometheus } from './fakePrometheus';

const AT = 1_760_000_000_000;

describe('Prometheus client (fake HTTP)', () => {
  it('reads one value with its timestamp, and sends the query time and headers', async () => {
    const fake = fakePrometheus();
    fake.answers.set('up', { value: 1 });
    const client = createPrometheusClient({ baseUrl: 'http://prom.test:9090/', fetch: fake.fetch, headers: { Authorization: 'Bearer s3cret' } });
    expect(await client.query('up', AT)).toEqual({ kind: 'value', value: 1, at: AT });
    expect(fake.requests[0]!.url).toBe(`http://prom.test:9090/api/v1/query?query=up&time=${AT / 1000}.000`);
    expect(fake.requests[0]!.init.headers).toMatchObject({ Authorization: 'Bearer s3cret' });
  });

  it('an empty vector is empty, NaN is empty with a reason, +Inf is a value', async () => {
    const fake = fakePrometheus();
    fake.answers.set('nan', { value: 'NaN' });
    fake.answers.set('inf', { value: '+Inf' });
    const client = createPrometheusClient({ baseUrl: 'http://prom.test', fetch: fake.fetch });
    expect(await client.query('nothing', AT)).toEqual({ kind: 'empty', reason: 'the query returned no series' });
    expect(await client.query('nan', AT)).toEqual({ kind: 'empty', reason: 'the query returned NaN (e.g. 0/0: nothing counted in the window)' });
    expect(await client.query('inf', AT)).toEqual({ kind: 'value', value: Number.POSITIVE_INFINITY, at: AT });
  });

  it("surfaces Prometheus' own error message", async () => {
    const fake = fakePrometheus();
    fake.answers.set('rate(x[5m]', { error: '1:11: parse error: unclosed left parenthesis' });
    const client = createPrometheusClient({ baseUrl: 'http://prom.test', fetch: fake.fetch });
    expect(await client.query('rate(x[5m]', AT)).toEqual({ kind: 'error', message: 'bad_data: 1:11: parse error: unclosed left parenthesis' });
  });

  it('refuses several series where a threshold needs one number, naming them', async () => {
    const fake = fakePrometheus();
    fake.answers.set('up', { series: 4 });
    const client = createPrometheusClient({ baseUrl: 'http://prom.test', fetch: fake.fetch });
    const outcome = await client.query('up', AT);
    expect(outcome).toEqual({ kind: 'error', message: expect.stringContaining('the query returned 4 series ({instance="host-0"}, {instance="host-1"}, {instance="host-2"}, …)') });
  });

  it('connection refused and non-Prometheus answers are unreachable, with the cause', async () => {
    const fake = fakePrometheus();
    fake.down = true;
    const client = createPrometheusClient({ baseUrl: 'http://prom.test', fetch: fake.fetch });
    expect(await client.query('up', AT)).toEqual({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:9' });
    fake.down = false;
    fake.answers.set('up', { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    expect(await client.query('up', AT)).toEqual({ kind: 'unreachable', message: 'HTTP 502: not a Prometheus answer (502 Bad Gateway)' });
  });

  it('times out a request that does not answer', async () => {
    const fake = fakePrometheus();
    fake.hang = true;
    const client = createPrometheusClient({ baseUrl: 'http://prom.test', fetch: fake.fetch, timeoutMs: 50 });
    expect(await client.query('up', AT)).toEqual({ kind: 'unreachable', message: 'no answer within 50 ms' });
  });

  it('reads a range as points, NaN steps as gaps', async () => {
    const fake = fakePrometheus();
    fake.range.set('up', [
      [AT / 1000 - 2, '1'],
      [AT / 1000 - 1, 'NaN'],
      [AT / 1000, '0'],
    ]);
    const client = createPrometheusClient({ baseUrl: 'http://prom.test', fetch: fake.fetch });
    expect(await client.queryRange('up', AT - 2000, AT, 1000)).toEqual({
      kind: 'series',
      points: [
        [AT - 2000, 1],
        [AT - 1000, null],
        [AT, 0],
      ],
    });
    expect(fake.requests[0]!.url).toContain('step=1');
  });
});
