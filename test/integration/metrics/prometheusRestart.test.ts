// Prometheus going away in the middle of a launch, and coming back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricStatus } from '../../../shared/metrics/readings';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus';
import { near, waitUntil } from '../../support/promWait';
import { seedLikeLevels, seedLikeThresholds } from '../../support/promFixtures';
import { promBindings, watch, type Watch } from './promSetup';

let service: MetricsService;
let prometheus: PrometheusServer;
let w: Watch | null = null;

beforeAll(async () => {
  service = await startMetricsService();
  service.startLoad(40);
  service.set({ errorRate: 0.05, latencyMs: 100 });
  prometheus = await startPrometheus({ targets: [service.target] });
  await prometheus.waitForTargets();
}, 120_000);

afterAll(async () => {
  w?.monitor.dispose();
  w?.poller.dispose();
  await prometheus?.cleanup();
  await service?.stop();
});

describe('Prometheus stopped and restarted', () => {
  it('marks every metric stale with its age and last value, without errors, and resumes when Prometheus is back', async () => {
    w = watch(prometheus.url, promBindings('error_rate', 'p95_latency', 'request_rate', 'nothing', 'broken'), { thresholds: seedLikeThresholds(), decisionLevels: seedLikeLevels(), gates: [] });
    const transitions: Array<`${string}:${MetricStatus}`> = [];
    w.poller.on('status', ({ metricKey, state }) => transitions.push(`${metricKey}:${state.status}`));
    await w.poller.start();
    const poller = w.poller;
    await waitUntil(() => near(poller.state('p95_latency')?.value, 97.5) && poller.state('error_rate')?.status === 'ok', 'metrics flowing');
    expect(poller.state('nothing')!.status).toBe('no-data');
    expect(poller.state('broken')!.status).toBe('error');
    const before = poller.state('p95_latency')!;

    await prometheus.stop();
    const stopped = Date.now();
    const stale = await waitUntil(() => {
      const states = poller.states();
      return states.every((s) => s.status === 'stale') && states;
    }, 'every metric stale');
    for (const state of stale) expect(state.message).toMatch(/^no answer for \d+ s: .*ECONNREFUSED/);
    // The last value is kept, with its age, so the chart can show it greyed.
    const p95 = stale.find((s) => s.metricKey === 'p95_latency')!;
    expect(p95.value).toBeCloseTo(97.5, 6);
    expect(p95.at!).toBeGreaterThanOrEqual(before.at!);
    expect(p95.ageMs).toBeGreaterThanOrEqual(2 * poller.intervalMs);
    expect(p95.at!).toBeLessThan(stopped);
    // The decision tree does not read "stale" as healthy: it is no longer certain.
    await waitUntil(() => w!.monitor.current()?.decision.certain === false, 'decision uncertain');
    expect(w.errors).toEqual([]);

    await prometheus.start();
    await waitUntil(() => ['error_rate', 'p95_latency', 'request_rate'].every((key) => poller.state(key)?.status === 'ok'), 'metrics flowing again', 90_000);
    await waitUntil(() => poller.state('nothing')?.status === 'no-data' && poller.state('broken')?.status === 'error', 'no-data and error back as they were');
    await waitUntil(() => w!.monitor.current()?.decision.certain === true, 'decision certain again');
    expect(transitions.filter((t) => t.endsWith(':stale')).sort()).toEqual(['broken:stale', 'error_rate:stale', 'nothing:stale', 'p95_latency:stale', 'request_rate:stale']);
    expect(w.errors).toEqual([]);
  }, 240_000);
});
