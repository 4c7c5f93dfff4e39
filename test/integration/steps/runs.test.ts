// Running steps through the console API on real sshd hosts: group fan-out with output stored and
// pushed, policies, cancel, timeout, production confirmation, re-running the failed hosts, a
// dropped connection, one run per step, and a step without a target.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, grace, loggedOf, openStepsConsole, pushedOutput, TEST_HOSTS, type StepsConsole } from './stepsHarness';

let cluster: SshdCluster;
let tm: StepsConsole;
let sessionId: string;

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: TEST_HOSTS });
  console.log(`sshd harness mode: ${cluster.mode} (${cluster.modeReason})`);
  tm = await openStepsConsole(cluster);
  sessionId = await tm.createSession('staging');
});

afterAll(async () => {
  await tm?.close();
  await cluster?.stop();
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('running a step through the console', () => {
  it("runs a step on a group: each host's output stored and pushed, exit codes and digests in the log", async () => {
    const run = await tm.run(sessionId, 'Say hello');
    expect(run.status).toBe('succeeded');
    expect(run.targets).toEqual(['app1', 'app2']);
    expect(run.startedBy).toEqual(ada);
    for (const host of ['app1', 'app2']) {
      expect(run.hosts[host]).toMatchObject({ status: 'succeeded', exitCode: 0 });
      const stored = await tm.output(sessionId, run.runId, host);
      expect(stored).toContain(`hello from ${host}`);
      expect(stored).toContain(`warn from ${host}`);
      expect(pushedOutput(tm.events, run.runId, host)).toBe(stored);
      const finished = loggedOf(tm.service, sessionId, 'step.hostFinished', run.runId).find((e) => (e.payload as { target: string }).target === host)!;
      expect(finished.actor).toEqual(SYSTEM_ACTOR);
      expect(finished.payload).toMatchObject({ status: 'succeeded', exitCode: 0, outputSha256: sha256(stored), outputBytes: Buffer.byteLength(stored) });
    }
    const page = await tm.call('getRunOutput', { sessionId, runId: run.runId, target: 'app1' });
    expect(page.complete).toBe(true);
    expect(page.chunks.map((c) => c.stream)).toContain('stderr');
    const types = tm.service.workspace.log.read(sessionId).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('step.'))).toEqual(['step.runStarted', 'step.hostStarted', 'step.hostStarted', 'step.hostFinished', 'step.hostFinished', 'step.runFinished']);
  });

  it('records exit codes per host and re-runs only the failed ones', async () => {
    const first = await tm.run(sessionId, 'Exit per host');
    expect(first.status).toBe('failed');
    expect(Object.values(first.hosts).map((h) => [h.target, h.status, h.exitCode])).toEqual([
      ['app1', 'succeeded', 0],
      ['app2', 'failed', 4],
      ['db1', 'failed', 3],
    ]);
    expect(first.hosts.db1!.reason).toBe('exit code 3');
    const again = await tm.call('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Exit per host'), rerunOf: first.runId });
    expect(again.targets).toEqual(['app2', 'db1']);
    const rerun = await tm.waitForRun(sessionId, again.runId);
    expect(rerun.rerunOf).toBe(first.runId);
    expect(Object.keys(rerun.hosts)).toEqual(['app2', 'db1']);
    expect(await tm.output(sessionId, rerun.runId, 'db1')).toContain('ran on db1');
  });

  it('stop on first failure: nothing new starts after the first failure', async () => {
    const run = await tm.run(sessionId, 'Exit per host', { targets: ['app2', 'app1', 'db1'], policy: { kind: 'stop-on-first-failure' }, concurrency: 1 });
    // Inventory order: app1 succeeds, app2 fails, db1 is never started.
    expect(Object.values(run.hosts).map((h) => [h.target, h.status])).toEqual([
      ['app1', 'succeeded'],
      ['app2', 'failed'],
      ['db1', 'skipped'],
    ]);
    expect(run.hosts.db1!.reason).toMatch(/app2 failed first/);
    expect(loggedOf(tm.service, sessionId, 'step.hostStarted', run.runId).map((e) => (e.payload as { target: string }).target)).toEqual(['app1', 'app2']);
  });

  it('rolling: one host at a time, halted after a failing batch', async () => {
    const run = await tm.run(sessionId, 'Exit per host', { policy: { kind: 'rolling', batchSize: 1 } });
    expect(Object.values(run.hosts).map((h) => h.status)).toEqual(['succeeded', 'failed', 'skipped']);
    const [a, b] = [run.hosts.app1!, run.hosts.app2!];
    expect(Date.parse(b.startedAt!)).toBeGreaterThanOrEqual(Date.parse(a.endedAt!));
    expect(run.hosts.db1!.reason).toMatch(/rolling rollout halted/);
  });

  it('runs a local step on the workstation', async () => {
    const run = await tm.run(sessionId, 'Local check');
    expect(run.hosts.local).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(await tm.output(sessionId, run.runId, 'local')).toBe('local ok\n');
  });

  it('runs on a host behind a jump host', async () => {
    const run = await tm.run(sessionId, 'Internal hello');
    expect(run.hosts.dbint).toMatchObject({ status: 'succeeded' });
    expect(await tm.output(sessionId, run.runId, 'dbint')).toContain('inside dbint');
  });

  it('cancel: the request is logged by who asked, the hosts end cancelled, and a second run of the step waits for it', async () => {
    const stepId = await tm.stepId(sessionId, 'Sleep long');
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId });
    await waitFor(() => pushedOutput(tm.events, started.runId, 'app2').includes('started on app2') && pushedOutput(tm.events, started.runId, 'app1').includes('started'), 'both hosts to start');
    const second = await tm.callError('runStep', { sessionId, actor: ada, stepId });
    expect(second.code).toBe('conflict');
    expect(second.message).toMatch(/already running/);
    const cancelled = await tm.call('cancelRun', { sessionId, actor: grace, runId: started.runId, reason: 'wrong window' });
    expect(cancelled.changed).toBe(true);
    const run = await tm.waitForRun(sessionId, started.runId);
    expect(run.status).toBe('cancelled');
    expect(run.cancelRequested).toBe(true);
    for (const host of ['app1', 'app2']) expect(run.hosts[host]!.status).toBe('cancelled');
    const request = loggedOf(tm.service, sessionId, 'step.cancelRequested', started.runId);
    expect(request.map((e) => [e.actor, e.payload])).toEqual([[grace, { runId: started.runId, reason: 'wrong window' }]]);
    // Over: cancelling again changes nothing.
    expect((await tm.call('cancelRun', { sessionId, actor: grace, runId: started.runId })).changed).toBe(false);
  });

  it('timeout: a host that runs too long ends timed-out', async () => {
    const run = await tm.run(sessionId, 'Sleep long', { targets: ['app1'], timeoutMs: 1_500 });
    expect(run.status).toBe('failed');
    expect(run.hosts.app1).toMatchObject({ status: 'timed-out' });
    expect(run.hosts.app1!.reason).toMatch(/timed out after 1.5 s/);
    expect(loggedOf(tm.service, sessionId, 'step.runStarted', run.runId)[0]!.payload).toMatchObject({ timeoutMs: 1_500 });
  });

  it('a dropped connection leaves that host outcome unknown (not failed), with the reason; the rest of the run and the console carry on', async () => {
    const stepId = await tm.stepId(sessionId, 'Begin then finish');
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId });
    await waitFor(() => pushedOutput(tm.events, started.runId, 'app1').includes('begin') && pushedOutput(tm.events, started.runId, 'app2').includes('begin'), 'both hosts to begin');
    expect(cluster.killSessions('app1')).toBeGreaterThan(0);
    const run = await tm.waitForRun(sessionId, started.runId);
    expect(run.hosts.app1).toMatchObject({ status: 'interrupted', errorKind: 'connection-lost' });
    expect(run.hosts.app1!.reason).toMatch(/outcome unknown — connection (lost|to .* lost)/);
    expect(run.status).toBe('interrupted');
    expect(run.hosts.app2).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(loggedOf(tm.service, sessionId, 'step.hostFinished', started.runId).find((e) => (e.payload as { target: string }).target === 'app1')!.payload).toMatchObject({
      errorKind: 'connection-lost',
    });
    // The console keeps working, and app1 is reached again on the next run.
    const next = await tm.run(sessionId, 'Say hello');
    expect(next.status).toBe('succeeded');
    expect(await tm.output(sessionId, next.runId, 'app1')).toContain('hello from app1');
  });

  it('refuses a step without a target, unknown targets and an unknown step, writing nothing', async () => {
    const before = tm.service.workspace.log.head(sessionId)!.seq;
    const none = await tm.callError('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Nowhere') });
    expect(none.code).toBe('invalid_input');
    expect(none.message).toMatch(/"Nowhere" has no target.*hosts, a group or "local"/);
    const unknown = await tm.callError('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Nowhere'), targets: ['web', 'ghost'] });
    expect(unknown.message).toMatch(/"ghost" is not in this session's inventory \(it has app1, app2, db1, dbint, group app/);
    expect((await tm.callError('runStep', { sessionId, actor: ada, stepId: 'no-such-step' })).code).toBe('not_found');
    expect(tm.service.workspace.log.head(sessionId)!.seq).toBe(before);
  });

  it('runs on an inventory edited in the session (groups from the new hosts)', async () => {
    const own = await tm.createSession('staging');
    await tm.call('setInventory', {
      sessionId: own,
      actor: ada,
      hosts: [{ name: 'db1', address: null, port: null, user: null, groups: ['app'], identityFile: null, proxyJump: null }],
    });
    const inventory = await tm.call('getInventory', { sessionId: own });
    expect(inventory.groups).toEqual(['app']);
    expect(inventory.hosts[0]).toMatchObject({ name: 'db1', source: 'session', sshConfig: { hostName: cluster.host('db1').address, user: 'root' } });
    const run = await tm.run(own, 'Say hello');
    expect(run.targets).toEqual(['db1']);
    expect(await tm.output(own, run.runId, 'db1')).toContain('hello from db1');
  });
});

describe('production confirmation', () => {
  it('refuses a run without the step title typed exactly, runs with it, and records it', async () => {
    const prod = await tm.createSession('production');
    const stepId = await tm.stepId(prod, 'Say hello');
    const before = tm.service.workspace.log.head(prod)!.seq;
    const missing = await tm.callError('runStep', { sessionId: prod, actor: ada, stepId });
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toMatch(/in production on app1, app2 needs a deliberate confirmation: type the step title exactly — "Say hello"/);
    const wrong = await tm.callError('runStep', { sessionId: prod, actor: ada, stepId, confirmation: { method: 'typed', text: 'say hello' } });
    expect(wrong.message).toMatch(/does not match/);
    expect(tm.service.workspace.log.head(prod)!.seq).toBe(before);

    const started = await tm.call('runStep', { sessionId: prod, actor: ada, stepId, confirmation: { method: 'typed', text: 'Say hello' } });
    const run = await tm.waitForRun(prod, started.runId);
    expect(run.status).toBe('succeeded');
    expect(run.confirmation).toEqual({ method: 'typed', text: 'Say hello' });
    expect(loggedOf(tm.service, prod, 'step.runStarted')[0]!.payload).toMatchObject({ confirmation: { method: 'typed', text: 'Say hello' }, targets: ['app1', 'app2'] });
  });
});
