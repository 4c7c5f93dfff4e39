// The metrics engine against a real Prometheus scraping a test service every second.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceSnapshotSchema } from '../../../shared/metrics/evidence';
import type { LevelChange } from '../../../shared/metrics/decisionTree';
import type { AlertTransition } from '../../../shared/metrics/alerts';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus';
import { near, waitUntil } from '../../support/promWait';
import { seedLikeGate, seedLikeLevels, seedLikeThresholds } from '../../support/promFixtures';
import { promBindings, QUERIES, watch, type Watch } from './promSetup';

const runbook = { thresholds: seedLikeThresholds(), decisionLevels: seedLikeLevels(), gates: [seedLikeGate()] };

let service: MetricsService;
let prometheus: PrometheusServer;
const watches: Watch[] = [];

beforeAll(async () => {
  service = await startMetricsService();
  service.startLoad(50);
  prometheus = await startPrometheus({ targets: [service.target] });
  await prometheus.waitForTargets();
}, 120_000);

afterAll(async () => {
  await prometheus?.cleanup();
  await service?.stop();
});

afterEach(() => {
  for (const w of watches.splice(0)) {
    w.monitor.dispose();
    w.poller.dispose();
  }
});

/** A poller + monitor; `subscribe` runs before the first poll so no event is missed. */
async function started(url: string, bindings: Parameters<typeof watch>[1], options: Parameters<typeof watch>[3] = {}, subscribe: (w: Watch) => void = () => {}): Promise<Watch> {
  const w = watch(url, bindings, runbook, options);
  watches.push(w);
  subscribe(w);
  await w.poller.start();
  return w;
}

const value = (w: Watch, key: string) => w.poller.state(key)?.value ?? null;
const verdict = (w: Watch, id: string) => w.monitor.current()?.verdicts.find((v) => v.thresholdId === id);

describe('metrics against a real Prometheus', () => {
  it('bindings to PromQL give the right values: error % from counter rates, p95 from histogram_quantile, req/s, gauges', async () => {
    service.set({ errorRate: 0.05, latencyMs: 100, cpuPercent: 42 });
    const w = await started(prometheus.url, promBindings('error_rate', 'p95_latency', 'request_rate', 'cpu_usage'));
    // 100 ms sits in the (50, 100] bucket: histogram_quantile interpolates to 50 + 50 × 0.95.
    await waitUntil(() => near(value(w, 'p95_latency'), 97.5) && value(w, 'cpu_usage') === 42, 'p95 at 97.5 ms and CPU at 42 %');
    await waitUntil(() => Math.abs((value(w, 'error_rate') ?? 0) - 5) < 0.6, 'error rate near 5 %');
    const states = w.poller.states();
    expect(states.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(states[0]).toMatchObject({ metricKey: 'error_rate', unit: '%', query: QUERIES.error_rate });
    // The load loop aims at 50 req/s; a busy machine sends fewer, never wildly more.
    expect(value(w, 'request_rate')).toBeGreaterThan(5);
    expect(value(w, 'request_rate')).toBeLessThan(80);
    expect(w.errors).toEqual([]);
  }, 120_000);

  it("a query returning nothing is no data, and a bad query shows Prometheus' own error on that metric only", async () => {
    service.set({ errorRate: 0, latencyMs: 20 });
    const w = await started(prometheus.url, promBindings('error_rate', 'nothing', 'broken'));
    expect(w.poller.state('nothing')).toMatchObject({ status: 'no-data', value: null, message: 'the query returned no series' });
    const direct = (await (await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query: QUERIES.broken })}`)).json()) as { errorType: string; error: string };
    expect(direct.error).toContain('parse error');
    expect(w.poller.state('broken')).toMatchObject({ status: 'error', value: null, message: `${direct.errorType}: ${direct.error}` });
    await waitUntil(() => w.poller.state('error_rate')?.value === 0, 'error rate at 0 %');
    expect(w.poller.state('error_rate')!.status).toBe('ok');
  }, 60_000);

  it('raising the error rate moves the level L0 → 1 → 2 → 3 and lowering it brings it back, each change with its reason', async () => {
    service.set({ errorRate: 0, latencyMs: 20 });
    // Let the previous test's errors leave the 5 s rate window first.
    await waitUntil(async () => (await prometheus.queryValue(QUERIES.error_rate)) === 0, 'no errors in the window');
    const changes: LevelChange[] = [];
    const alerts: AlertTransition[] = [];
    const w = await started(prometheus.url, promBindings('error_rate', 'p95_latency'), { backfillMs: 0 }, (watching) => {
      watching.monitor.on('level', (change) => changes.push(change));
      watching.monitor.on('alert', (alert) => alerts.push(alert));
    });
    const levelIs = (n: number) => () => {
      const decision = w.monitor.current()?.decision;
      return decision?.level === n && decision.certain;
    };
    await waitUntil(levelIs(0), 'level 0 with no errors');

    for (const [errorRate, level] of [
      [0.02, 1],
      [0.07, 2],
      [0.2, 3],
    ] as const) {
      service.set({ errorRate });
      await waitUntil(levelIs(level), `level ${level} at ${errorRate * 100} % errors`);
      const change = changes.at(-1)!;
      expect(change.to).toBe(level);
      expect(change.reason).toMatch(new RegExp(`^Level \\d → ${level}: Level ${level} \\(`));
      expect(change.reason).toContain(QUERIES.error_rate);
      const why = change.evaluation.why[0]!;
      expect(why.verdict).toMatchObject({ metricKey: 'error_rate', query: QUERIES.error_rate, unit: '%' });
      expect(why.text).toBe(seedLikeLevels()[level - 1]!.conditions[0]!.text);
    }
    expect(w.monitor.current()!.decision.evaluation).toMatchObject({ title: 'Critical Issues', verdict: 'Immediate Rollback', stepIds: ['step-rollback-3'] });

    service.set({ errorRate: 0 });
    await waitUntil(levelIs(0), 'level back to 0');
    const rises = changes.filter((c) => c.to > c.from).map((c) => c.to);
    expect(rises).toEqual([1, 2, 3]);
    const falls = changes.filter((c) => c.to < c.from);
    expect(falls.at(-1)).toMatchObject({ to: 0 });
    for (const fall of falls) expect(fall.reason).toMatch(/^Level \d → \d after 3 s below: /);

    // The escalation (> 5 %) and paging (> 10 %) thresholds raised alerts and cleared them.
    const kinds = (id: string) => alerts.filter((a) => a.thresholdId === id).map((a) => a.kind);
    await waitUntil(() => kinds('esc-error').at(-1) === 'cleared' && kinds('page-error').at(-1) === 'cleared', 'escalation and paging alerts cleared');
    for (const id of ['esc-error', 'page-error']) {
      // raised, cleared (and, if a slow machine thinned the traffic near the line, raised/cleared again)
      expect(kinds(id).length % 2).toBe(0);
      expect(kinds(id).every((kind, i) => kind === (i % 2 === 0 ? 'raised' : 'cleared'))).toBe(true);
      expect(kinds(id).length).toBeGreaterThanOrEqual(2);
    }
    expect(alerts.find((a) => a.thresholdId === 'page-error')).toMatchObject({ action: 'Page on-call engineer', query: QUERIES.error_rate, unit: '%' });
    expect(w.errors).toEqual([]);
  }, 180_000);

  it('p95 from histogram_quantile crosses its threshold', async () => {
    service.set({ errorRate: 0, latencyMs: 100 });
    const w = await started(prometheus.url, promBindings('error_rate', 'p95_latency'), { backfillMs: 0 });
    await waitUntil(() => near(verdict(w, 'success-p95')?.value, 97.5), 'p95 at 97.5 ms');
    expect(verdict(w, 'success-p95')).toMatchObject({ state: 'ok' });
    service.set({ latencyMs: 800 });
    // 800 ms falls in (750, 1000]: 750 + 250 × 0.95.
    await waitUntil(() => near(verdict(w, 'success-p95')?.value, 987.5), 'p95 at 987.5 ms');
    expect(verdict(w, 'success-p95')).toMatchObject({ state: 'breach', reason: 'p95 latency 987.5 ms breaks "p95 latency < 500 ms"', query: QUERIES.p95_latency });
    await waitUntil(() => w.monitor.current()?.decision.level === 1, 'level 1 from p95 500–1000 ms');
    expect(w.monitor.current()!.decision.evaluation.why.map((c) => c.thresholdId)).toEqual(['l1-p95']);
  }, 120_000);

  it('a gate check shows each criterion live and builds an evidence snapshot with 15 minutes of series', async () => {
    service.set({ errorRate: 0, latencyMs: 20 });
    const startedAt = Date.now();
    const w = await started(prometheus.url, promBindings('error_rate', 'p95_latency', 'nothing'));
    // 20 ms sits in the (10, 25] bucket: 10 + 15 × 0.95.
    await waitUntil(() => near(verdict(w, 'success-p95')?.value, 24.25) && verdict(w, 'success-error')?.value === 0, 'p95 at 24.25 ms and no errors');
    const check = w.monitor.checkGate('gate-1235')!;
    expect(check.evaluation.verdict).toBe('pass');
    expect(check.evaluation.criteria.map((c) => [c.thresholdId, c.verdict, c.value])).toEqual([
      ['success-error', 'pass', 0],
      ['success-p95', 'pass', expect.closeTo(24.25, 6)],
    ]);
    const snapshot = EvidenceSnapshotSchema.parse(JSON.parse(JSON.stringify(check.snapshot)));
    expect(snapshot.gate).toMatchObject({ gateId: 'gate-1235', verdict: 'pass' });
    const error = snapshot.metrics.find((m) => m.metricKey === 'error_rate')!;
    expect(error).toMatchObject({ query: QUERIES.error_rate, status: 'ok', value: 0 });
    // Backfilled from query_range: the series reaches back before the poller started.
    expect(error.series[0]![0]).toBeLessThan(startedAt - 5_000);
    expect(error.series.every(([at]) => at >= snapshot.takenAt - snapshot.windowMs)).toBe(true);
    expect(snapshot.metrics.find((m) => m.metricKey === 'nothing')).toMatchObject({ status: 'no-data', value: null });
    expect(snapshot.decision).toMatchObject({ level: 0, certain: true });
  }, 120_000);
});
