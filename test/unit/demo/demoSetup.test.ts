// Setting up the demo on a temp folder with the real console, service and SQLite log: where its
// data lives (never the real workspace), that it starts fresh, what the session looks like, that
// the metrics react to chaos without any Prometheus, and that closing it leaves nothing running.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/contract';
import { DEMO_FOLDER_MARK, DemoFolderError, defaultDemoDataDir, demoT0, resetDemoDataDir, startDemo, type RunningDemo } from '../../../electron/demo/demoSetup';

const temps: string[] = [];
let demo: RunningDemo | null = null;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), `tminus-demo-setup-${process.pid}-`));
  temps.push(dir);
  return dir;
}

afterEach(async () => {
  await demo?.close();
  demo = null;
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call<T>(running: RunningDemo, name: string, input: unknown, access: 'read' | 'write' = 'write'): Promise<T> {
  const envelope = await running.console.router.dispatch(name, input, { access });
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

describe('where the demo keeps its data', () => {
  it('beside the real workspace, never inside it', () => {
    expect(defaultDemoDataDir('/home/ada/.config/T-Minus')).toBe('/home/ada/.config/T-Minus-demo');
    expect(defaultDemoDataDir('/srv/launch/')).toBe('/srv/launch-demo');
  });

  it('T0 is at least four minutes ahead, on a whole minute', () => {
    expect(demoT0(Date.parse('2026-03-01T12:00:00Z'))).toBe('2026-03-01T12:04:00.000Z');
    expect(demoT0(Date.parse('2026-03-01T12:00:00.001Z'))).toBe('2026-03-01T12:05:00.000Z');
    expect(demoT0(Date.parse('2026-03-01T23:58:30Z'))).toBe('2026-03-02T00:03:00.000Z');
  });

  it('refuses the real workspace, a folder with someone else\'s files, and a file', () => {
    const root = tempDir();
    const real = join(root, 'T-Minus');
    expect(() => resetDemoDataDir(real, real)).toThrow(DemoFolderError);
    expect(() => resetDemoDataDir(`${real}/`, real)).toThrow(/your real workspace/);
    const foreign = join(root, 'photos');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'holiday.jpg'), 'not a demo');
    expect(() => resetDemoDataDir(foreign, real)).toThrow(/not empty and is not a demo folder/);
    expect(readdirSync(foreign)).toEqual(['holiday.jpg']);
    writeFileSync(join(root, 'a-file'), 'x');
    expect(() => resetDemoDataDir(join(root, 'a-file'), real)).toThrow(/not a folder/);
  });

  it('creates a missing folder, accepts an empty one, and empties its own on every start', () => {
    const root = tempDir();
    const dir = join(root, 'demo');
    resetDemoDataDir(dir, join(root, 'real'));
    expect(readdirSync(dir)).toEqual([DEMO_FOLDER_MARK]);
    writeFileSync(join(dir, 'tminus.db'), 'old demo');
    mkdirSync(join(dir, 'secrets'));
    resetDemoDataDir(dir, join(root, 'real'));
    expect(readdirSync(dir)).toEqual([DEMO_FOLDER_MARK]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    resetDemoDataDir(empty, join(root, 'real'));
    expect(readdirSync(empty)).toEqual([DEMO_FOLDER_MARK]);
  });
});

describe('the running demo', () => {
  it('creates the staging session "Demo launch" as the demo IC, with its metrics bound and monitored', async () => {
    const root = tempDir();
    const before = Date.now();
    demo = await startDemo({ dataDir: join(root, 'demo'), realDataDir: join(root, 'real'), version: 'test', validateResults: true });
    const sessions = await call<Array<{ id: string; name: string; environment: string; t0: string; createdBy: { name: string; role: string } }>>(demo, 'listSessions', {}, 'read');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: demo.sessionId, name: 'Demo launch', environment: 'staging', createdBy: { name: 'Demo IC', role: 'Incident Commander' } });
    const t0 = Date.parse(sessions[0]!.t0);
    expect(t0 % 60_000).toBe(0);
    expect(t0 - before).toBeGreaterThanOrEqual(4 * 60_000);
    expect(t0 - before).toBeLessThanOrEqual(5 * 60_000 + 1_000);
    expect(readFileSync(demo.runbookFile, 'utf8')).toContain(`t0: ${sessions[0]!.t0}`);

    const config = await call<{ monitoring: boolean; config: { sources: { pollIntervalMs: number }; bindings: Array<{ metricKey: string; source: string }> } }>(
      demo,
      'getMetricsConfig',
      { sessionId: demo.sessionId },
      'read',
    );
    expect(config.monitoring).toBe(true);
    expect(config.config.sources.pollIntervalMs).toBe(2_000);
    expect(config.config.bindings.map((b) => `${b.metricKey}:${b.source}`)).toEqual(['error_rate:scrape', 'p95_latency:scrape', 'request_rate:scrape', 'service_health:health']);

    const status = await call<{ demo: boolean; sessionId: string; actor: { name: string }; serviceUrl: string; chaos: { down: boolean } }>(demo, 'demoStatus', {}, 'read');
    expect(status).toMatchObject({ demo: true, sessionId: demo.sessionId, actor: { name: 'Demo IC' }, serviceUrl: demo.service.url, chaos: { down: false } });
  });

  it('reads the demo service without Prometheus: level 0, then level 2 once chaos raises the error rate', async () => {
    const root = tempDir();
    demo = await startDemo({ dataDir: join(root, 'demo'), realDataDir: join(root, 'real'), version: 'test' });
    const running = demo;
    const decision = () => call<{ decision: { level: number } | null }>(running, 'getDecision', { sessionId: running.sessionId }, 'read');
    const errorRate = async () => {
      const snapshot = await call<{ metrics: Array<{ metricKey: string; status: string }> }>(running, 'getMetricsSnapshot', { sessionId: running.sessionId }, 'read');
      return snapshot.metrics.find((m) => m.metricKey === 'error_rate')?.status;
    };
    await expect.poll(errorRate, { timeout: 30_000, interval: 500 }).toBe('ok');
    expect((await decision()).decision?.level).toBe(0);
    await call(demo, 'setDemoChaos', { errorRatePercent: 6 });
    await expect.poll(async () => (await decision()).decision?.level, { timeout: 60_000, interval: 500 }).toBe(2);
  });

  it('pushes every chaos change to the clients, a rollback step\'s too; viewers cannot change it', async () => {
    const root = tempDir();
    demo = await startDemo({ dataDir: join(root, 'demo'), realDataDir: join(root, 'real'), version: 'test', service: { loadRps: 0 } });
    const heard: ApiEventMessage[] = [];
    demo.console.hub.subscribe((message) => {
      if (message.event === 'demo.chaos') heard.push(message);
    });
    expect(await call(demo, 'setDemoChaos', { down: true })).toEqual({ errorRatePercent: 0, addedLatencyMs: 0, down: true });
    await fetch(demo.service.rollbackUrl, { method: 'POST' });
    expect(heard.map((m) => m.payload)).toEqual([
      { chaos: { errorRatePercent: 0, addedLatencyMs: 0, down: true }, cause: 'control' },
      { chaos: { errorRatePercent: 0, addedLatencyMs: 0, down: false }, cause: 'rollback' },
    ]);
    await expect(call(demo, 'setDemoChaos', { down: true }, 'read')).rejects.toThrow(/^forbidden:/);
    await expect(call(demo, 'setDemoChaos', { errorRatePercent: 101 })).rejects.toThrow(/^invalid_input:/);
  });

  it('closing stops the service and its traffic; the next start begins fresh on the same folder', async () => {
    const root = tempDir();
    const options = { dataDir: join(root, 'demo'), realDataDir: join(root, 'real'), version: 'test' };
    const first = await startDemo(options);
    await call(first, 'checkItem', { sessionId: first.sessionId, itemId: (await firstItemId(first)), actor: { name: 'Demo IC', role: null } });
    const url = first.service.url;
    await first.close();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    demo = await startDemo(options);
    const sessions = await call<Array<{ id: string; eventCount: number }>>(demo, 'listSessions', {}, 'read');
    expect(sessions.map((s) => s.id)).toEqual([demo.sessionId]);
    expect(sessions[0]!.id).not.toBe(first.sessionId);
    expect(existsSync(join(root, 'real'))).toBe(false);
  });
});

async function firstItemId(running: RunningDemo): Promise<string> {
  const opened = await call<{ runbook: { checklistItems: Array<{ id: string }> } }>(running, 'openSession', { sessionId: running.sessionId }, 'read');
  return opened.runbook.checklistItems[0]!.id;
}
