// A real HTTP health endpoint bound to the seed's "Service completely down" (Level 3), through the
// console (real SQLite log, real HTTP): when the endpoint answers 503 the console pages and puts the
// launch at Level 3 naming the check; when it is back both clear; when nothing listens any more
// (connection refused) it is Level 3 again — a failed check is a value, never "no data".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { healthCheckBindings } from '../../../shared/metrics/bindings';
import { conditionThresholdId, suggestConditionBindings } from '../../../shared/metrics/conditionBindings';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { LoggedEventOf } from '../../../shared/log/eventTypes';
import type { Runbook } from '../../../shared/runbook/model';
import { ada, call, seedRunbook } from '../../support/logWorkspace';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { waitUntil } from '../../support/promWait';

let service: MetricsService;
let dir: string;
let tminus: ConsoleService;
let sessionId: string;
let runbook: Runbook;

beforeAll(async () => {
  service = await startMetricsService();
  dir = mkdtempSync(join(tmpdir(), `tminus-health-condition-${process.pid}-`));
  tminus = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, metrics: { clearAfterMs: 2000, backfillMs: 0 } });
  const created = await call(tminus, 'createSession', { name: 'Launch', environment: 'staging', t0: new Date(Date.now() - 40 * 60_000).toISOString(), actor: ada, runbook: seedRunbook() });
  sessionId = created.id;
  runbook = (await call(tminus, 'openSession', { sessionId })).runbook!;
}, 60_000);

afterAll(async () => {
  await tminus?.close();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const events = () => tminus.workspace.log.read(sessionId);
const levelEvents = () => events().filter((e): e is LoggedEventOf<'metrics.levelChanged'> => e.type === 'metrics.levelChanged');
const raised = () => events().filter((e): e is LoggedEventOf<'metrics.alertRaised'> => e.type === 'metrics.alertRaised');
const level = async () => (await call(tminus, 'getDecision', { sessionId })).decision?.level;
const metric = async (key: string) => (await call(tminus, 'getMetricsSnapshot', { sessionId })).metrics.find((m) => m.metricKey === key);

describe('a health check bound to "Service completely down"', () => {
  it('503 → page alert and Level 3 naming the check; back up → both clear; connection refused → Level 3 again', async () => {
    const sources = { healthChecks: [{ name: 'API health', url: service.healthUrl }], pollIntervalMs: 1000 };
    const [suggested] = suggestConditionBindings(runbook.decisionLevels, healthCheckBindings(sources));
    expect(suggested!.binding.condition).toBe('Service completely down');
    await call(tminus, 'setMetricsConfig', { sessionId, actor: ada, config: { sources, bindings: [], conditions: [suggested!.binding] } });
    expect((await call(tminus, 'getMetricsConfig', { sessionId })).config!.conditions).toEqual([suggested!.binding]);
    await call(tminus, 'startMonitoring', { sessionId, actor: ada });

    // Up: the card has the status code and the response time; the availability is 100 %.
    const up = await waitUntil(async () => {
      const m = await metric('health_api_health');
      return m?.status === 'ok' && m;
    }, 'the health check answering');
    expect(up).toMatchObject({ unit: 'ms', http: { status: 200, latencyMs: expect.any(Number) } });
    expect(await metric('health_api_health_up')).toMatchObject({ status: 'ok', value: 100, unit: '%' });
    expect(await level()).toBe(0);

    service.set({ up: false });
    await waitUntil(async () => (await level()) === 3, 'Level 3 while the health endpoint answers 503');
    const change = levelEvents().at(-1)!;
    expect(change.actor).toEqual(SYSTEM_ACTOR);
    expect(change.payload).toMatchObject({ to: 3, title: 'Critical Issues', verdict: 'Immediate Rollback' });
    expect(change.payload.why).toEqual([expect.objectContaining({ text: 'Service completely down', metric: 'API health up', state: 'holds' })]);
    const thresholdId = conditionThresholdId(suggested!.binding);
    await waitUntil(() => raised().some((e) => e.payload.thresholdId === thresholdId), 'the page alert');
    expect(raised().find((e) => e.payload.thresholdId === thresholdId)!.payload).toMatchObject({ severity: 'page', metric: 'API health up', value: 0 });
    expect(await metric('health_api_health')).toMatchObject({ status: 'down', http: { status: 503 }, message: expect.stringContaining('HTTP 503') });

    service.set({ up: true });
    await waitUntil(async () => (await level()) === 0, 'Level 0 once the check passes again');
    await waitUntil(async () => !(thresholdId in (await call(tminus, 'openSession', { sessionId })).state.metrics.alerts), 'the page alert cleared');

    await service.stop();
    await waitUntil(async () => (await level()) === 3, 'Level 3 when the connection is refused');
    expect(await metric('health_api_health')).toMatchObject({ status: 'down', http: { status: null }, message: expect.stringContaining('ECONNREFUSED') });
    expect(levelEvents().filter((e) => e.payload.from < 3 && e.payload.to === 3)).toHaveLength(2);
  }, 120_000);
});
