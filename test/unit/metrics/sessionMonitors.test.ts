// The console's metrics wiring (SessionMonitors through the API), with a fake Prometheus (no
// network), a hand-driven fake timer and a fixed metrics clock, on a temp SQLite workspace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { Scheduler } from '../../../electron/metrics/poller';
import type { MetricsUpdate } from '../../../shared/api/metrics';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { LoggedEvent } from '../../../shared/log/eventTypes';
import { ada, call, callError, seedRunbook } from '../../support/logWorkspace';
import { fakePrometheus, type FakePrometheus } from './fakePrometheus';

/** A timer driven by the test: `tick()` runs every live interval callback once. */
function fakeScheduler() {
  const live = new Map<number, () => void>();
  let next = 1;
  const scheduler: Scheduler = {
    setInterval: (callback) => {
      live.set(next, callback);
      return next++;
    },
    clearInterval: (handle) => {
      live.delete(handle as number);
    },
  };
  return { scheduler, live, tick: () => [...live.values()].forEach((callback) => callback()) };
}

/** Lets the fake requests (promises, no I/O) settle. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

const START = Date.parse('2025-10-21T12:30:00Z');

let dir: string;
let service: ConsoleService | null;
let prometheus: FakePrometheus;
let timer: ReturnType<typeof fakeScheduler>;
let now: number;
let updates: MetricsUpdate[];

function open(): ConsoleService {
  timer = fakeScheduler();
  service = createConsole({
    dataDir: dir,
    version: '0.0.0-test',
    shell: 'browser',
    validateResults: true,
    clock: { now: () => now },
    metrics: { fetch: prometheus.fetch, scheduler: timer.scheduler, now: () => now, clearAfterMs: 2000, backfillMs: 0, onError: (_id, message) => errors.push(message) },
  });
  service.hub.subscribe((message) => {
    if (message.event === 'metrics.update') updates.push(message.payload);
  });
  return service;
}
let errors: string[];

const config = {
  sources: { prometheus: { url: 'http://prom.test:9090' }, pollIntervalMs: 1000 },
  bindings: [
    { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus' as const, query: 'err', unit: 'percent' },
    { metricKey: 'p95_latency', name: 'p95 latency', source: 'prometheus' as const, query: 'p95', unit: 'ms' },
  ],
};

/** One poll at the next second with these answers. */
async function poll(errorRate: number | null, p95 = 120): Promise<void> {
  if (errorRate === null) prometheus.answers.delete('err');
  else prometheus.answers.set('err', { value: errorRate });
  prometheus.answers.set('p95', { value: p95 });
  now += 1000;
  timer.tick();
  await settle();
}

async function monitoredSession(svc: ConsoleService): Promise<string> {
  const session = await call(svc, 'createSession', { name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: seedRunbook() });
  await call(svc, 'setMetricsConfig', { sessionId: session.id, actor: ada, config, fromSuggestions: [] });
  prometheus.answers.set('err', { value: 0.2 });
  prometheus.answers.set('p95', { value: 120 });
  await call(svc, 'startMonitoring', { sessionId: session.id, actor: ada });
  await settle();
  return session.id;
}

const systemEvents = (svc: ConsoleService, sessionId: string): LoggedEvent[] => svc.workspace.log.read(sessionId).filter((e) => e.actor.role === 'system');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), `tminus-monitors-${process.pid}-`));
  prometheus = fakePrometheus();
  now = START;
  updates = [];
  errors = [];
  service = null;
});
afterEach(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('session monitors (fake Prometheus, fake timer, fixed clock)', () => {
  it('logs level changes and alerts as the system, with reasons, and pushes an update after each poll', async () => {
    const svc = open();
    const sessionId = await monitoredSession(svc);
    expect(timer.live.size).toBe(1);
    expect(updates.at(-1)).toMatchObject({ sessionId, decision: { level: 0, certain: true } });
    expect(updates.at(-1)!.metrics.map((m) => [m.metricKey, m.status, m.value])).toEqual([
      ['error_rate', 'ok', 0.2],
      ['p95_latency', 'ok', 120],
    ]);

    await poll(12);
    const changed = systemEvents(svc, sessionId).filter((e) => e.type === 'metrics.levelChanged');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actor: SYSTEM_ACTOR, payload: { from: 0, to: 3, title: 'Critical Issues', verdict: 'Immediate Rollback' } });
    expect((changed[0]!.payload as { reason: string }).reason).toMatch(/^Level 0 → 3: .*Error rate 12% matches "Error rate > 10%" \[err\]/);
    expect((changed[0]!.payload as { why: Array<{ query: string; value: number }> }).why[0]).toMatchObject({ query: 'err', value: 12, metric: 'Error rate' });
    const raised = systemEvents(svc, sessionId).filter((e) => e.type === 'metrics.alertRaised');
    expect(raised.map((e) => (e.payload as { severity: string }).severity).sort()).toEqual(['escalate', 'page', 'warning', 'warning']);
    expect(updates.at(-1)).toMatchObject({ decision: { level: 3, stepIds: [expect.stringMatching(/^st_/)] } });
    expect(updates.at(-1)!.alerts).toHaveLength(4);
    // Each update carries the points that are new since the previous one.
    expect(updates.at(-1)!.metrics[0]!.points).toEqual([[now, 12]]);

    // Back to normal: the alerts clear and the level drops after 2 s within bounds.
    for (let i = 0; i < 4; i++) await poll(0.2);
    const opened = await call(svc, 'openSession', { sessionId });
    expect(opened.state.metrics.level).toMatchObject({ from: 3, to: 0 });
    expect(opened.state.metrics.alerts).toEqual({});
    expect(errors).toEqual([]);
  });

  it('stopping monitoring disposes the poller; closing the console disposes every monitor', async () => {
    const svc = open();
    const sessionId = await monitoredSession(svc);
    await call(svc, 'stopMonitoring', { sessionId, actor: ada, reason: 'canary done' });
    expect(timer.live.size).toBe(0);
    const before = svc.workspace.log.head(sessionId)!.seq;
    await poll(50);
    expect(svc.workspace.log.head(sessionId)!.seq).toBe(before);
    expect((await call(svc, 'getMetricsSnapshot', { sessionId })).monitoring).toBe(false);

    await call(svc, 'startMonitoring', { sessionId, actor: ada });
    await settle();
    expect(timer.live.size).toBe(1);
    await svc.close();
    expect(timer.live.size).toBe(0);
  });

  it('a restarted console resumes monitoring from the log, without announcing the level or alerts again', async () => {
    const first = open();
    const sessionId = await monitoredSession(first);
    await poll(7);
    expect(first.workspace.log.read(sessionId).filter((e) => e.type === 'metrics.levelChanged')).toHaveLength(1);
    await first.close();

    const second = open();
    await settle();
    expect(timer.live.size).toBe(1);
    // Still 7 %: level 2 and its alerts are already in the log; nothing new is written.
    const head = second.workspace.log.head(sessionId)!.seq;
    await poll(7);
    expect(second.workspace.log.head(sessionId)!.seq).toBe(head);
    expect(updates.at(-1)).toMatchObject({ sessionId, decision: { level: 2 } });
    for (let i = 0; i < 4; i++) await poll(0.2);
    const opened = await call(second, 'openSession', { sessionId });
    expect(opened.state.metrics.alerts).toEqual({});
    expect(opened.state.metrics.levelHistory.map((entry) => [entry.from, entry.to])).toEqual([
      [0, 2],
      [2, 0],
    ]);
  });

  it('alerts that ended while the console was closed clear on its first poll; the level lowers after its clear time', async () => {
    const first = open();
    const sessionId = await monitoredSession(first);
    await poll(7);
    await first.close();

    const second = open();
    await poll(0.2);
    const cleared = second.workspace.log.read(sessionId).filter((e) => e.type === 'metrics.alertCleared');
    expect(cleared).toHaveLength(3);
    expect((cleared[0]!.payload as { reason: string }).reason).toMatch(/within .* \(monitoring resumed\)$/);
    expect((await call(second, 'openSession', { sessionId })).state.metrics.alerts).toEqual({});
    expect((await call(second, 'openSession', { sessionId })).state.metrics.level).toMatchObject({ to: 2 });
    for (let i = 0; i < 3; i++) await poll(0.2);
    expect((await call(second, 'openSession', { sessionId })).state.metrics.level).toMatchObject({ from: 2, to: 0 });
  });

  it('lost data holds a restored level instead of lowering it', async () => {
    const first = open();
    const sessionId = await monitoredSession(first);
    await poll(12);
    await first.close();
    open();
    for (let i = 0; i < 4; i++) await poll(null);
    const changes = service!.workspace.log.read(sessionId).filter((e) => e.type === 'metrics.levelChanged').map((e) => e.payload as { to: number; toCertain: boolean; reason: string });
    expect(changes.at(-1)).toMatchObject({ to: 3, toCertain: false });
    expect(changes.at(-1)!.reason).toMatch(/holding level 3: cannot confirm it cleared — Error rate unknown — no data/);
  });

  it('a gate decision stores the evidence taken by the console; HOLD needs a reason, a GO may follow it; viewers only read', async () => {
    const svc = open();
    const sessionId = await monitoredSession(svc);
    await poll(4);
    const runbook = (await call(svc, 'openSession', { sessionId })).runbook!;
    const gate = runbook.gates[0]!;
    const live = await call(svc, 'evaluateGate', { sessionId, gateId: gate.id });
    expect(live).toMatchObject({ reading: 'live', decision: null, evaluation: { verdict: 'fail' } });
    expect(live.evaluation.criteria.map((c) => [c.metric, c.value, c.verdict])).toEqual([
      ['Error rate', 4, 'fail'],
      ['p95 latency', 120, 'pass'],
    ]);

    expect(await callError(svc, 'decideGate', { sessionId, actor: ada, gateId: gate.id, decision: 'HOLD' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('reason') });
    // NO-GO is only read from old logs now; a new one is refused with the words to use.
    expect(await svc.router.dispatch('decideGate', { sessionId, actor: ada, gateId: gate.id, decision: 'NO-GO', reason: 'x' }, { access: 'write' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const viewer = await svc.router.dispatch('decideGate', { sessionId, actor: ada, gateId: gate.id, decision: 'GO' }, { access: 'read' });
    expect(viewer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const name of ['setMetricsConfig', 'startMonitoring', 'stopMonitoring', 'testMetricsSources'] as const) {
      expect(await svc.router.dispatch(name, {}, { access: 'read' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await svc.router.dispatch('getMetricsSnapshot', { sessionId }, { access: 'read' })).toMatchObject({ ok: true });

    const decided = await call(svc, 'decideGate', { sessionId, actor: ada, gateId: gate.id, decision: 'HOLD', reason: 'error rate 4 % at the canary' });
    expect(decided).toMatchObject({ changed: true, verdict: 'fail', reading: 'live' });
    const event = svc.workspace.log.read(sessionId).at(-1)!;
    expect(event).toMatchObject({ actor: ada, type: 'metrics.gateDecided', payload: { gateId: gate.id, decision: 'HOLD', reason: 'error rate 4 % at the canary', verdict: 'fail' } });
    const evidence = (event.payload as { evidence: { metrics: Array<{ metricKey: string; query: string; value: number; series: unknown[] }>; gate: { criteria: unknown[] } } }).evidence;
    expect(evidence.metrics.find((m) => m.metricKey === 'error_rate')).toMatchObject({ query: 'err', value: 4 });
    expect(evidence.metrics.find((m) => m.metricKey === 'error_rate')!.series).toEqual([
      [START + 1000 - 1000, 0.2],
      [START + 1000, 4],
    ]);
    expect(evidence.gate.criteria).toHaveLength(2);
    // A HOLD is re-evaluated: a later GO on the same gate is taken, and the latest decides.
    expect(await call(svc, 'decideGate', { sessionId, actor: ada, gateId: gate.id, decision: 'GO' })).toMatchObject({ changed: true });
    expect((await call(svc, 'evaluateGate', { sessionId, gateId: gate.id })).decision).toMatchObject({ decision: 'GO', actor: ada });
  });

  it('with monitoring off a gate is read once for the answer, and a missing binding is no data, never a pass', async () => {
    const svc = open();
    const session = await call(svc, 'createSession', { name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: seedRunbook() });
    await call(svc, 'setMetricsConfig', { sessionId: session.id, actor: ada, config: { ...config, bindings: [config.bindings[0]!] } });
    prometheus.answers.set('err', { value: 0.5 });
    const runbook = (await call(svc, 'openSession', { sessionId: session.id })).runbook!;
    const result = await call(svc, 'evaluateGate', { sessionId: session.id, gateId: runbook.gates[0]!.id });
    expect(result.reading).toBe('one-shot');
    expect(result.evaluation.criteria.map((c) => c.verdict)).toEqual(['pass', 'no-data']);
    expect(result.evaluation.verdict).toBe('no-data');
    expect(timer.live.size).toBe(0);
  });

  it('suggests bindings from the runbook, lists unbound metrics and tests sources and queries once', async () => {
    const svc = open();
    const session = await call(svc, 'createSession', { name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: seedRunbook() });
    const initial = await call(svc, 'getMetricsConfig', { sessionId: session.id });
    expect(initial.config).toBeNull();
    expect(initial.draft.bindings.map((b) => b.metricKey)).toEqual(initial.suggestions.map((s) => s.binding.metricKey));
    expect(initial.suggestions.find((s) => s.binding.metricKey === 'error_rate')).toMatchObject({ basis: 'runbook-name', evidence: expect.stringContaining('dashboard_errors_total') });

    await call(svc, 'setMetricsConfig', { sessionId: session.id, actor: ada, config: { sources: { ...config.sources, prometheus: { url: 'http://prom.test:9090', auth: { secretName: 'PROM_TOKEN' } } }, bindings: [config.bindings[0]!] }, fromSuggestions: ['error_rate', 'cpu_usage'] });
    const after = await call(svc, 'getMetricsConfig', { sessionId: session.id });
    expect(after.unbound.map((u) => u.metricKey)).toContain('p95_latency');
    expect(after.unbound.map((u) => u.metricKey)).not.toContain('error_rate');
    expect(after.secrets).toEqual([{ name: 'PROM_TOKEN', source: null }]);
    const configured = svc.workspace.log.read(session.id).at(-1)!;
    expect(configured).toMatchObject({ type: 'metrics.configured', payload: { fromSuggestions: ['error_rate'] } });

    prometheus.answers.set('err', { error: 'parse error at char 5: unexpected "("', errorType: 'bad_data' });
    const tested = await call(svc, 'testMetricsSources', { sessionId: session.id, sources: config.sources, bindings: config.bindings });
    expect(tested.sources).toEqual([expect.objectContaining({ source: 'prometheus', ok: false })]);
    expect(tested.bindings).toEqual([
      { metricKey: 'error_rate', status: 'error', value: null, unit: '%', message: 'bad_data: parse error at char 5: unexpected "("' },
      { metricKey: 'p95_latency', status: 'no-data', value: null, unit: 'ms', message: 'the query returned no series' },
    ]);
  });
});
