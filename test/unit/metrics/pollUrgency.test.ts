// The fast poll near a threshold (issue 19): the poller re-arms its timer at 1 s while a value is
// within 20 % of a threshold's bound, a breach is held or an alert is active, and goes back to the
// session's interval when everything is clear. Fake Prometheus, fixed clock, recording timer.
import { afterEach, describe, expect, it } from 'vitest';
import { MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';
import { shouldPollUrgently, URGENT_POLL_INTERVAL_MS } from '../../../shared/metrics/pollUrgency';
import { MetricsMonitor } from '../../../electron/metrics/monitor';
import { MetricsPoller, type Scheduler } from '../../../electron/metrics/poller';
import { seedLikeGate, seedLikeLevels, seedLikeThresholds } from '../../support/promFixtures';
import { fakePrometheus } from './fakePrometheus';

const START = 1_760_000_000_000;
const disposers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

/** Records the period of every timer armed; only the newest one is live. */
class RecordingScheduler implements Scheduler {
  periods: number[] = [];
  live = 0;
  setInterval(_callback: () => void, ms: number): unknown {
    this.periods.push(ms);
    this.live++;
    return this.periods.length;
  }
  clearInterval(): void {
    this.live--;
  }
}

async function setup() {
  const fake = fakePrometheus();
  let now = START;
  const scheduler = new RecordingScheduler();
  const poller = new MetricsPoller({
    sources: MetricSourceSettingsSchema.parse({ prometheus: { url: 'http://prom.test' } }),
    bindings: [
      { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'err', unit: '%', url: null },
      { metricKey: 'p95_latency', name: 'p95 latency', source: 'prometheus', query: 'p95', unit: 's', url: null },
    ],
    fetch: fake.fetch,
    now: () => now,
    scheduler,
    backfillMs: 0,
  });
  const monitor = new MetricsMonitor({ thresholds: seedLikeThresholds(), decisionLevels: seedLikeLevels(), gates: [seedLikeGate()] }, poller, { clearAfterMs: 2000, now: () => now });
  disposers.push(() => monitor.dispose(), () => poller.dispose());
  const poll = async (errorRate: number) => {
    fake.answers.set('err', { value: errorRate });
    fake.answers.set('p95', { value: 0.1 });
    now += 1000;
    await poller.pollNow();
  };
  fake.answers.set('err', { value: 0.2 });
  fake.answers.set('p95', { value: 0.1 });
  await poller.start();
  return { poller, scheduler, poll };
}

describe('fast polling near a threshold', () => {
  it('polls every second while the error rate is near a bound or alerting, at the session interval otherwise', async () => {
    const { poller, scheduler, poll } = await setup();
    expect(poller.intervalMs).toBe(5000);
    expect(scheduler.periods.at(-1)).toBe(5000);

    await poll(0.9); // within 20 % of "Error rate < 1%"
    expect(scheduler.periods.at(-1)).toBe(URGENT_POLL_INTERVAL_MS);
    expect(poller.periodMs()).toBe(1000);

    await poll(12); // breach, alerts raised
    await poll(0.2); // clear again, but the alerts are still active until they clear
    expect(poller.periodMs()).toBe(1000);
    for (let i = 0; i < 4; i++) await poll(0.2);
    expect(poller.periodMs()).toBe(5000);
    expect(scheduler.periods.at(-1)).toBe(5000);
    expect(scheduler.live).toBe(1);
  });

  it('counts a value near either bound of a range, and nothing for unknown values', () => {
    const thresholds = seedLikeThresholds();
    const verdict = (thresholdId: string, value: number | null) => ({ thresholdId, value, state: 'ok' as const }) as Parameters<typeof shouldPollUrgently>[1] extends Iterable<infer V> ? V : never;
    expect(shouldPollUrgently(thresholds, [verdict('l1-error', 2.9)], false)).toBe(true);
    expect(shouldPollUrgently(thresholds, [verdict('l1-error', 2)], false)).toBe(false);
    expect(shouldPollUrgently(thresholds, [verdict('esc-error', null)], false)).toBe(false);
    expect(shouldPollUrgently(thresholds, [], true)).toBe(true);
  });
});
