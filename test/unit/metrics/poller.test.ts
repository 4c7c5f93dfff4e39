import { afterEach, describe, expect, it } from 'vitest';
import { MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';
import { URGENT_POLL_INTERVAL_MS } from '../../../shared/metrics/pollUrgency';
import type { MetricBinding } from '../../../shared/runbook/model';
import { MetricsPoller, type Scheduler } from '../../../electron/metrics/poller';
import { fakePrometheus, type FakePrometheus } from './fakePrometheus';

const INTERVAL = 2000;
const START = 1_760_000_000_000;

function binding(metricKey: string, query: string, unit: string | null = '%'): MetricBinding {
  return { metricKey, name: metricKey, source: 'prometheus', query, unit, url: null };
}

class FakeScheduler implements Scheduler {
  active = new Set<number>();
  private next = 1;
  setInterval(): unknown {
    const handle = this.next++;
    this.active.add(handle);
    return handle;
  }
  clearInterval(handle: unknown): void {
    this.active.delete(handle as number);
  }
}

const pollers: MetricsPoller[] = [];
afterEach(() => {
  for (const p of pollers.splice(0)) p.dispose();
});

function setup(bindings: MetricBinding[], extra: { auth?: boolean; historyMs?: number; secret?: string } = {}) {
  const fake: FakePrometheus = fakePrometheus();
  let now = START;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const scheduler = new FakeScheduler();
  const sources = MetricSourceSettingsSchema.parse({
    prometheus: { url: 'http://prom.test:9090', auth: extra.auth ? { secretName: 'PROM_TOKEN' } : null },
    pollIntervalMs: INTERVAL,
    timeoutMs: 200,
  });
  const poller = new MetricsPoller({
    sources,
    bindings,
    fetch: fake.fetch,
    now: clock.now,
    scheduler,
    historyMs: extra.historyMs,
    resolveSecret: (name) => (name === 'PROM_TOKEN' ? extra.secret : undefined),
  });
  pollers.push(poller);
  return { fake, clock, scheduler, poller };
}

describe('metrics poller (fake Prometheus, fixed clock, fake timer)', () => {
  it('polls every binding and keeps each value with its time', async () => {
    const { fake, poller } = setup([binding('error_rate', 'err'), binding('p95_latency', 'p95', 'ms')]);
    fake.answers.set('err', { value: 0.4 });
    fake.answers.set('p95', { value: 120 });
    const samples: unknown[] = [];
    poller.on('sample', (s) => samples.push(s));
    await poller.start();
    expect(poller.state('error_rate')).toMatchObject({ status: 'ok', value: 0.4, at: START, ageMs: 0, message: null });
    expect(poller.state('p95_latency')).toMatchObject({ status: 'ok', value: 120, unit: 'ms' });
    expect(samples).toEqual([
      { metricKey: 'error_rate', at: START, value: 0.4 },
      { metricKey: 'p95_latency', at: START, value: 120 },
    ]);
  });

  it('an empty result is no data — never zero — and a gap in the series', async () => {
    const { poller } = setup([binding('error_rate', 'nothing')]);
    await poller.start();
    expect(poller.state('error_rate')).toMatchObject({ status: 'no-data', value: null, message: 'the query returned no series' });
    const series = poller.series('error_rate')!;
    expect(series.valueAt(series.length - 1)).toBeNull();
  });

  it("a bad query shows Prometheus' error on that metric only", async () => {
    const { fake, poller } = setup([binding('error_rate', 'err'), binding('cpu_usage', 'rate(cpu[5m]')]);
    fake.answers.set('err', { value: 1 });
    fake.answers.set('rate(cpu[5m]', { error: '1:13: parse error: unclosed left parenthesis' });
    await poller.start();
    expect(poller.state('cpu_usage')).toMatchObject({ status: 'error', message: 'bad_data: 1:13: parse error: unclosed left parenthesis' });
    expect(poller.state('error_rate')).toMatchObject({ status: 'ok', value: 1 });
  });

  it('marks every metric stale within two intervals of the last answer when the source stops, keeps the last value, and resumes', async () => {
    const { fake, clock, poller } = setup([binding('error_rate', 'err'), binding('cpu_usage', 'cpu'), binding('gone', 'nothing')]);
    fake.answers.set('err', { value: 2 });
    fake.answers.set('cpu', { value: 40 });
    const statuses: string[] = [];
    poller.on('status', ({ metricKey, state }) => statuses.push(`${metricKey}:${state.status}`));
    await poller.start();
    statuses.length = 0;

    fake.down = true;
    clock.advance(INTERVAL);
    await poller.pollNow();
    expect(poller.state('error_rate')).toMatchObject({ status: 'ok', value: 2, message: 'last poll failed: connect ECONNREFUSED 127.0.0.1:9' });
    clock.advance(INTERVAL);
    await poller.pollNow();
    const stale = poller.states();
    expect(stale.map((s) => s.status)).toEqual(['stale', 'stale', 'stale']);
    expect(stale[0]).toMatchObject({ value: 2, at: START, ageMs: 2 * INTERVAL, message: 'no answer for 4 s: connect ECONNREFUSED 127.0.0.1:9' });
    expect(statuses).toEqual(['error_rate:stale', 'cpu_usage:stale', 'gone:stale']);

    fake.down = false;
    fake.answers.set('err', { value: 3 });
    clock.advance(INTERVAL);
    await poller.pollNow();
    expect(poller.state('error_rate')).toMatchObject({ status: 'ok', value: 3, ageMs: 0 });
    expect(poller.state('gone')).toMatchObject({ status: 'no-data' });
  });

  it('flags staleness at the tick even while a request hangs until its timeout', async () => {
    const { fake, clock, poller } = setup([binding('error_rate', 'err')]);
    fake.answers.set('err', { value: 2 });
    await poller.start();
    fake.hang = true;
    clock.advance(INTERVAL);
    const hanging = poller.pollNow();
    clock.advance(INTERVAL);
    void poller.pollNow(); // the timer fires again while the first round still waits
    expect(poller.state('error_rate')!.status).toBe('stale');
    await hanging;
    expect(poller.state('error_rate')).toMatchObject({ status: 'stale', message: 'no answer for 4 s' });
  });

  it('a source that never answered is an error saying it cannot be reached', async () => {
    const { fake, poller } = setup([binding('error_rate', 'err')]);
    fake.down = true;
    await expect(poller.start()).resolves.toBeUndefined();
    expect(poller.state('error_rate')).toMatchObject({ status: 'error', message: 'cannot reach the source: connect ECONNREFUSED 127.0.0.1:9' });
  });

  it('backfills history from query_range on start', async () => {
    const { fake, poller } = setup([binding('error_rate', 'err')]);
    fake.range.set('err', [
      [START / 1000 - 4, '1'],
      [START / 1000 - 2, '1.5'],
    ]);
    fake.answers.set('err', { value: 2 });
    await poller.start();
    const series = poller.series('error_rate')!;
    expect(Array.from({ length: series.length }, (_, i) => [series.timeAt(i), series.valueAt(i)])).toEqual([
      [START - 4000, 1],
      [START - 2000, 1.5],
      [START, 2],
    ]);
    expect(fake.requests[0]!.url).toContain('/api/v1/query_range');
  });

  it('keeps a bounded series however long it runs', async () => {
    const { fake, clock, poller } = setup([binding('error_rate', 'err')], { historyMs: 60_000 });
    fake.answers.set('err', { value: 1 });
    await poller.start();
    for (let i = 0; i < 200; i++) {
      clock.advance(INTERVAL);
      await poller.pollNow();
    }
    const series = poller.series('error_rate')!;
    // Sized for the history at the fast poll's rate (the poller may spend it polling every second).
    expect(series.length).toBe(60_000 / Math.min(INTERVAL, URGENT_POLL_INTERVAL_MS) + 16);
    expect(series.timeAt(series.length - 1)).toBe(clock.now());
  });

  it('sends the auth header from the session secret, and says which secret is missing', async () => {
    const withSecret = setup([binding('error_rate', 'err')], { auth: true, secret: 'tok3n' });
    withSecret.fake.answers.set('err', { value: 1 });
    await withSecret.poller.start();
    expect(withSecret.fake.requests.at(-1)!.init.headers).toMatchObject({ Authorization: 'Bearer tok3n' });

    const without = setup([binding('error_rate', 'err')], { auth: true });
    await without.poller.start();
    expect(without.poller.state('error_rate')).toMatchObject({ status: 'error', message: 'the secret PROM_TOKEN for the Authorization header is not set in this session' });
    expect(without.fake.requests.filter((r) => r.url.includes('/api/v1/query?'))).toHaveLength(0);
  });

  it('a throwing listener does not stop polling', async () => {
    const { fake, clock, poller } = setup([binding('error_rate', 'err')]);
    fake.answers.set('err', { value: 1 });
    const errors: string[] = [];
    poller.on('error', ({ message }) => errors.push(message));
    poller.on('sample', () => {
      throw new Error('listener bug');
    });
    await poller.start();
    fake.answers.set('err', { value: 2 });
    clock.advance(INTERVAL);
    await poller.pollNow();
    expect(poller.state('error_rate')!.value).toBe(2);
    expect(errors[0]).toContain('listener bug');
  });

  it('stop clears its timer; dispose drops its listeners', async () => {
    const { poller, scheduler } = setup([binding('error_rate', 'err')]);
    poller.on('poll', () => {});
    await poller.start();
    expect(scheduler.active.size).toBe(1);
    poller.stop();
    expect(scheduler.active.size).toBe(0);
    expect(poller.listenerCount()).toBe(1);
    poller.dispose();
    expect(poller.listenerCount()).toBe(0);
  });
});
