import { afterEach, describe, expect, it } from 'vitest';
import { MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';
import type { AlertTransition } from '../../../shared/metrics/alerts';
import type { LevelChange } from '../../../shared/metrics/decisionTree';
import { MetricsMonitor } from '../../../electron/metrics/monitor';
import { MetricsPoller } from '../../../electron/metrics/poller';
import { seedLikeGate, seedLikeLevels, seedLikeThresholds } from '../../support/promFixtures';
import { fakePrometheus } from './fakePrometheus';

const START = 1_760_000_000_000;
const disposers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

function setup() {
  const fake = fakePrometheus();
  let now = START;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const poller = new MetricsPoller({
    sources: MetricSourceSettingsSchema.parse({ prometheus: { url: 'http://prom.test' }, pollIntervalMs: 1000 }),
    bindings: [
      { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'err', unit: '%', url: null },
      { metricKey: 'p95_latency', name: 'p95 latency', source: 'prometheus', query: 'p95', unit: 's', url: null },
    ],
    fetch: fake.fetch,
    now: clock.now,
    scheduler: { setInterval: () => 0, clearInterval: () => {} },
    backfillMs: 0,
  });
  const monitor = new MetricsMonitor({ thresholds: seedLikeThresholds(), decisionLevels: seedLikeLevels(), gates: [seedLikeGate()] }, poller, { clearAfterMs: 2000, now: clock.now });
  const levels: LevelChange[] = [];
  const alerts: AlertTransition[] = [];
  monitor.on('level', (c) => levels.push(c));
  monitor.on('alert', (a) => alerts.push(a));
  disposers.push(() => monitor.dispose(), () => poller.dispose());
  const poll = async (errorRate: number | null, p95Seconds = 0.1) => {
    if (errorRate === null) fake.answers.delete('err');
    else fake.answers.set('err', { value: errorRate });
    fake.answers.set('p95', { value: p95Seconds });
    clock.advance(1000);
    await poller.pollNow();
  };
  return { fake, clock, poller, monitor, levels, alerts, poll };
}

describe('metrics monitor (poller + evaluation, fake Prometheus, fixed clock)', () => {
  it('evaluates after every poll: level changes and alerts as events, with reasons', async () => {
    const { poll, levels, alerts, monitor } = setup();
    await poll(0.2);
    expect(levels).toEqual([]);
    await poll(12);
    expect(levels.map((l) => [l.from, l.to])).toEqual([[0, 3]]);
    expect(alerts.filter((a) => a.kind === 'raised').map((a) => a.thresholdId)).toEqual(['target-error', 'success-error', 'esc-error', 'page-error']);
    await poll(0.2);
    await poll(0.2);
    await poll(0.2);
    expect(levels.map((l) => [l.from, l.to])).toEqual([
      [0, 3],
      [3, 0],
    ]);
    expect(alerts.filter((a) => a.kind === 'cleared')).toHaveLength(4);
    expect(monitor.current()!.decision).toMatchObject({ level: 0, certain: true });
  });

  it('converts the binding unit (p95 in seconds) before comparing with the runbook (ms)', async () => {
    const { poll, monitor } = setup();
    await poll(0.2, 1.5);
    expect(monitor.current()!.decision.level).toBe(2);
    expect(monitor.current()!.decision.evaluation.why[0]!.verdict).toMatchObject({ value: 1500, conversion: 'converted from seconds to milliseconds (× 1,000)' });
  });

  it('a gate check gives criteria with live values and an evidence snapshot', async () => {
    const { poll, monitor, clock } = setup();
    await poll(0.5, 0.2);
    await poll(0.6, 0.25);
    const check = monitor.checkGate('gate-1235')!;
    expect(check.evaluation.verdict).toBe('pass');
    expect(check.snapshot.metrics.map((m) => [m.metricKey, m.series])).toEqual([
      ['error_rate', [[clock.now() - 1000, 0.5], [clock.now(), 0.6]]],
      ['p95_latency', [[clock.now() - 1000, 0.2], [clock.now(), 0.25]]],
    ]);
    expect(monitor.checkGate('no-such-gate')).toBeNull();
  });

  it('no data makes the gate no-data and the level uncertain, never a pass', async () => {
    const { poll, monitor } = setup();
    await poll(null);
    expect(monitor.checkGate('gate-1235')!.evaluation.verdict).toBe('no-data');
    expect(monitor.current()!.decision).toMatchObject({ level: 0, certain: false });
  });

  it('dispose unsubscribes from the poller', () => {
    const { poller, monitor } = setup();
    const before = poller.listenerCount();
    monitor.dispose();
    expect(poller.listenerCount()).toBe(before - 1);
  });
});
