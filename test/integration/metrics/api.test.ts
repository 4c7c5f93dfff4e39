// The metrics API end to end on the console (real SQLite log, real HTTP), against a real Prometheus
// scraping a test service every second: bindings set through the API, monitoring started, level
// changes logged with their reasons as the error rate moves, a gate decision stored with its
// evidence, and Prometheus going away turning every metric stale without an error.
import { gateHistoryLine, gateStatusOf } from '../../../shared/session/gateStatus';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { MetricsUpdate } from '../../../shared/api/metrics';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { LoggedEventOf } from '../../../shared/log/eventTypes';
import type { Runbook } from '../../../shared/runbook/model';
import { REPO_ROOT } from '../../support/consoleServer';
import { ada, call } from '../../support/logWorkspace';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus';
import { near, waitUntil } from '../../support/promWait';
import { QUERIES } from './promSetup';

let service: MetricsService;
let prometheus: PrometheusServer;
let dir: string;
let tminus: ConsoleService;
let sessionId: string;
let runbook: Runbook;
const errors: string[] = [];
const updates: MetricsUpdate[] = [];

const bindings = [
  { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus' as const, query: QUERIES.error_rate, unit: '%' },
  { metricKey: 'p95_latency', name: 'p95 latency', source: 'prometheus' as const, query: QUERIES.p95_latency, unit: 'ms' },
  { metricKey: 'nothing', name: 'Nothing', source: 'prometheus' as const, query: QUERIES.nothing, unit: 'rps' },
  { metricKey: 'broken', name: 'Broken', source: 'prometheus' as const, query: QUERIES.broken, unit: 'rps' },
];

beforeAll(async () => {
  service = await startMetricsService();
  service.startLoad(50);
  service.set({ errorRate: 0, latencyMs: 20 });
  prometheus = await startPrometheus({ targets: [service.target] });
  await prometheus.waitForTargets();
  dir = mkdtempSync(join(tmpdir(), `tminus-metrics-api-${process.pid}-`));
  tminus = createConsole({
    dataDir: dir,
    version: '0.0.0-test',
    shell: 'browser',
    validateResults: true,
    // Levels drop and alerts clear after 3 s back within bounds, so the test does not wait 30 s each time.
    metrics: { clearAfterMs: 3000, backfillMs: 60_000, onError: (_id, message) => errors.push(message) },
  });
  tminus.hub.subscribe((message) => {
    if (message.event === 'metrics.update') updates.push(message.payload);
  });
  const content = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8');
  const created = await call(tminus, 'createSession', { name: 'Launch', environment: 'staging', t0: new Date(Date.now() - 40 * 60_000).toISOString(), actor: ada, runbook: { sourceName: 'seed.md', content } });
  sessionId = created.id;
  runbook = (await call(tminus, 'openSession', { sessionId })).runbook!;
}, 120_000);

afterAll(async () => {
  await tminus?.close();
  await prometheus?.cleanup();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const snapshot = () => call(tminus, 'getMetricsSnapshot', { sessionId });
const metric = async (key: string) => (await snapshot()).metrics.find((m) => m.metricKey === key);
const levelEvents = () => tminus.workspace.log.read(sessionId).filter((e): e is LoggedEventOf<'metrics.levelChanged'> => e.type === 'metrics.levelChanged');

describe('metrics API against a real Prometheus', () => {
  it('bindings set through the API give the right values; no data and a bad query stay on their own metric', async () => {
    const test = () => call(tminus, 'testMetricsSources', { sessionId, sources: { prometheus: { url: prometheus.url }, pollIntervalMs: 1000 }, bindings });
    // The 5 s rate windows need two scrapes before they have a value.
    const tested = await waitUntil(async () => {
      const answer = await test();
      return answer.bindings[0]!.status === 'ok' && answer.bindings[1]!.status === 'ok' && answer;
    }, 'rates with a value');
    expect(tested.sources).toEqual([expect.objectContaining({ source: 'prometheus', ok: true, message: expect.stringMatching(/^Prometheus \d/) })]);
    expect(tested.bindings.map((b) => [b.metricKey, b.status])).toEqual([
      ['error_rate', 'ok'],
      ['p95_latency', 'ok'],
      ['nothing', 'no-data'],
      ['broken', 'error'],
    ]);

    await call(tminus, 'setMetricsConfig', { sessionId, actor: ada, config: { sources: { prometheus: { url: prometheus.url }, pollIntervalMs: 1000 }, bindings } });
    await call(tminus, 'startMonitoring', { sessionId, actor: ada });
    // 20 ms sits in the (10, 25] bucket: histogram_quantile gives 10 + 15 × 0.95.
    await waitUntil(async () => near((await metric('p95_latency'))?.value as number, 24.25) && (await metric('error_rate'))?.value === 0, 'p95 at 24.25 ms, no errors');
    const panel = await snapshot();
    expect(panel).toMatchObject({ monitoring: true, pollIntervalMs: 1000, decision: { level: 0, certain: true } });
    const byKey = new Map(panel.metrics.map((m) => [m.metricKey, m]));
    expect(byKey.get('nothing')).toMatchObject({ status: 'no-data', value: null, message: 'the query returned no series' });
    expect(byKey.get('broken')).toMatchObject({ status: 'error', value: null, message: expect.stringContaining('parse error') });
    expect(byKey.get('error_rate')!.verdicts.find((v) => v.thresholdId === runbook.thresholds.find((t) => t.metricKey === 'error_rate' && t.context === 'page')!.id)).toMatchObject({ state: 'ok' });
    expect(byKey.get('error_rate')!.series.length).toBeGreaterThan(0);
    expect(updates.at(-1)).toMatchObject({ sessionId, pollIntervalMs: 1000 });
  }, 120_000);

  it('raising the error rate moves the level 0 → 1 → 2 → 3, each change logged by the console with its reason; lowering it brings it back', async () => {
    for (const [errorRate, level] of [
      [0.02, 1],
      [0.07, 2],
      [0.2, 3],
    ] as const) {
      service.set({ errorRate });
      await waitUntil(async () => (await call(tminus, 'getDecision', { sessionId })).decision?.level === level, `level ${level} at ${errorRate * 100} % errors`);
      const change = levelEvents().at(-1)!;
      expect(change.actor).toEqual(SYSTEM_ACTOR);
      expect(change.payload.to).toBe(level);
      expect(change.payload.reason).toContain(QUERIES.error_rate);
      expect(change.payload.why[0]).toMatchObject({ metric: 'Error rate', query: QUERIES.error_rate, unit: '%', state: 'holds' });
    }
    const decision = (await call(tminus, 'getDecision', { sessionId })).decision!;
    expect(decision).toMatchObject({ level: 3, title: 'Critical Issues', verdict: 'Immediate Rollback' });
    expect(decision.stepIds).toEqual(runbook.decisionLevels.find((l) => l.level === 3)!.stepIds);
    const opened = await call(tminus, 'openSession', { sessionId });
    expect(opened.state.metrics.level).toMatchObject({ to: 3, title: 'Critical Issues' });
    const severities = Object.values(opened.state.metrics.alerts).map((a) => a.severity);
    expect(severities).toContain('page');
    expect(severities).toContain('escalate');

    service.set({ errorRate: 0 });
    await waitUntil(async () => (await call(tminus, 'getDecision', { sessionId })).decision?.level === 0, 'level back to 0', 90_000);
    const rises = levelEvents().filter((e) => e.payload.to > e.payload.from).map((e) => e.payload.to);
    expect(rises).toEqual([1, 2, 3]);
    expect(levelEvents().at(-1)!.payload).toMatchObject({ to: 0 });
    await waitUntil(async () => Object.keys((await call(tminus, 'openSession', { sessionId })).state.metrics.alerts).length === 0, 'alerts cleared');
  }, 180_000);

  it('a gate decision stores the evidence snapshot the console took: values, queries, verdicts and 15 minutes of series; HOLD then GO on the same gate', async () => {
    const gate = runbook.gates[0]!;
    const live = await call(tminus, 'evaluateGate', { sessionId, gateId: gate.id });
    expect(live.reading).toBe('live');
    expect(live.evaluation.criteria.map((c) => c.metric)).toEqual(['Error rate', 'p95 latency']);
    await call(tminus, 'decideGate', { sessionId, actor: ada, gateId: gate.id, decision: 'HOLD', reason: 'errors were at 20 % ten minutes ago' });
    const decided = tminus.workspace.log.read(sessionId).at(-1) as LoggedEventOf<'metrics.gateDecided'>;
    expect(decided).toMatchObject({ actor: ada, type: 'metrics.gateDecided', payload: { gateId: gate.id, decision: 'HOLD', reason: 'errors were at 20 % ten minutes ago' } });
    const { evidence } = decided.payload;
    expect(evidence.gate!.criteria.map((c) => c.query)).toEqual([QUERIES.error_rate, QUERIES.p95_latency]);
    const errorSeries = evidence.metrics.find((m) => m.metricKey === 'error_rate')!;
    expect(errorSeries.query).toBe(QUERIES.error_rate);
    // Every poll since monitoring started (one a second) is in it.
    const polled = (await snapshot()).metrics.find((m) => m.metricKey === 'error_rate')!.series.length;
    expect(errorSeries.series.length).toBeGreaterThanOrEqual(Math.min(polled - 2, 900));
    expect(errorSeries.series.length).toBeGreaterThan(10);
    // The 20 % spike is in the evidence.
    expect(Math.max(...errorSeries.series.map(([, v]) => (typeof v === 'number' ? v : 0)))).toBeGreaterThan(10);
    expect(evidence.takenAt - errorSeries.series[0]![0]).toBeLessThanOrEqual(evidence.windowMs);
    expect(tminus.workspace.log.verify(sessionId)).toMatchObject({ ok: true });
    const opened = await call(tminus, 'openSession', { sessionId });
    expect(opened.state.metrics.gateDecisions).toEqual([expect.objectContaining({ gateId: gate.id, decision: 'HOLD', actor: ada })]);

    // Re-evaluated after the fix: GO on the same gate is taken, the latest decides, and the whole
    // sequence reads as one line with what the metrics said each time.
    const bea = { name: 'Bea', role: 'Engineering Lead' };
    await call(tminus, 'decideGate', { sessionId, actor: bea, gateId: gate.id, decision: 'GO', reason: null });
    const after = (await call(tminus, 'openSession', { sessionId })).state;
    const status = gateStatusOf(gate, after.metrics, Date.parse(after.header.t0), Date.now());
    expect(status.outcome).toBe('go');
    expect(status.history.map((d) => [d.decision, d.actor.name])).toEqual([
      ['HOLD', 'Ada'],
      ['GO', 'Bea'],
    ]);
    expect(gateHistoryLine(status.history)).toMatch(/^HOLD \d\d:\d\d by Ada — .+ → GO \d\d:\d\d by Bea/);
  }, 120_000);

  it('stopping Prometheus marks every metric stale within two intervals, without errors; restarting resumes', async () => {
    await prometheus.stop();
    const stale = await waitUntil(async () => {
      const panel = await snapshot();
      return panel.metrics.every((m) => m.status === 'stale') && panel;
    }, 'every metric stale');
    for (const m of stale.metrics) expect(m.message).toMatch(/^no answer for \d+ s/);
    expect(stale.metrics.find((m) => m.metricKey === 'error_rate')).toMatchObject({ value: expect.any(Number), ageMs: expect.any(Number) });
    expect(stale.decision!.certain).toBe(false);
    expect(errors).toEqual([]);

    await prometheus.start();
    await waitUntil(async () => (await metric('error_rate'))?.status === 'ok' && (await metric('p95_latency'))?.status === 'ok', 'metrics flowing again', 90_000);
    await call(tminus, 'stopMonitoring', { sessionId, actor: ada, reason: 'test done' });
    expect((await snapshot()).monitoring).toBe(false);
    expect(errors).toEqual([]);
  }, 180_000);
});
