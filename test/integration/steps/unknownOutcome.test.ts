// A host's link cut mid-command (real sshd in its own network namespace, the link taken down with
// `ip link set … down`): the console reports the host's outcome as unknown — not failed — with the
// remote process group it had reported; "check the host" reconnects and tells whether that group
// is still running; running the step there again is refused until the person acknowledges the
// unknown outcome, and the acknowledgement is in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, grace, loggedOf, openStepsConsole, pushedOutput, type StepsConsole } from './stepsHarness';

let cluster: SshdCluster | null = null;
let tm: StepsConsole | null = null;
let skipReason: string | null = null;

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }] });
  if (cluster.mode !== 'netns') {
    skipReason = `needs network namespaces to cut a link (${cluster.modeReason})`;
    return;
  }
  // Keepalive every 300 ms, 2 missed: the lost link is noticed in about a second instead of 40 s.
  tm = await openStepsConsole(cluster, { ssh: { connect: { readyTimeoutMs: 5_000, keepaliveIntervalMs: 300, keepaliveCountMax: 2 } } });
});

afterAll(async () => {
  await tm?.close();
  await cluster?.stop();
});

describe('a link cut while a command runs', () => {
  it('is outcome unknown (not failed); check-host finds the process; a re-run needs a logged acknowledgement', async (context) => {
    if (skipReason || !tm || !cluster) {
      console.log(`skipped: ${skipReason}`);
      context.skip();
      return;
    }
    const sessionId = await tm.createSession('staging');
    const stepId = await tm.stepId(sessionId, 'Sleep long');
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId, targets: ['app2'] });
    await waitFor(() => pushedOutput(tm!.events, started.runId, 'app2').includes('started on app2'), 'app2 to start');

    cluster.setReachable('app2', false);
    let run;
    try {
      run = await tm.waitForRun(sessionId, started.runId, 30_000);
    } finally {
      cluster.setReachable('app2', true);
    }
    expect(run.status).toBe('interrupted');
    expect(run.hosts.app2).toMatchObject({ status: 'interrupted', errorKind: 'connection-lost' });
    expect(run.hosts.app2!.reason).toMatch(/outcome unknown.*may have finished or may still be running/);
    const pgid = run.hosts.app2!.processGroup;
    expect(pgid).toBeGreaterThan(1);
    expect(loggedOf(tm.service, sessionId, 'step.hostFinished', started.runId)[0]!.payload).toMatchObject({ status: 'interrupted', remoteProcessGroup: pgid });

    // Running it there again without the acknowledgement is refused and writes nothing.
    const runsBefore = loggedOf(tm.service, sessionId, 'step.runStarted').length;
    const refused = await tm.callError('runStep', { sessionId, actor: ada, stepId, targets: ['app2'] });
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/outcome of the last run of "Sleep long" on app2 is unknown/);
    expect(loggedOf(tm.service, sessionId, 'step.runStarted')).toHaveLength(runsBefore);
    // Another host of the step has no unknown outcome: no acknowledgement asked there.
    const other = await tm.call('runStep', { sessionId, actor: ada, stepId, targets: ['app1'] });
    await tm.call('cancelRun', { sessionId, actor: ada, runId: other.runId, reason: null });
    await tm.waitForRun(sessionId, other.runId);

    // The check reconnects over the restored link: the host's sshd never saw the cut, the command still runs.
    const check = await tm.call('checkRunHost', { sessionId, actor: grace, runId: started.runId, target: 'app2' });
    expect(check).toMatchObject({ reachable: true, stillRunning: true });
    expect(check.processes.join('\n')).toMatch(/sleep 300/);
    const checked = loggedOf(tm.service, sessionId, 'step.hostChecked', started.runId);
    expect(checked).toHaveLength(1);
    expect(checked[0]!.actor).toEqual(grace);
    expect(checked[0]!.payload).toMatchObject({ target: 'app2', reachable: true, stillRunning: true, processGroup: pgid });

    // Once the remote session is gone, the check says so — without claiming how the command ended.
    // (Namespaces here are network-only: the host's process group is this machine's too.)
    process.kill(-pgid!, 'SIGKILL');
    let after = await tm.call('checkRunHost', { sessionId, actor: grace, runId: started.runId, target: 'app2' });
    // The kernel reaps a killed group at once, but allow a moment before calling it a failure.
    for (let i = 0; i < 20 && after.stillRunning !== false; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await tm.call('checkRunHost', { sessionId, actor: grace, runId: started.runId, target: 'app2' });
    }
    expect(after.stillRunning).toBe(false);
    expect(after.detail).toMatch(/no longer running; how the command ended is not known/);

    // With the acknowledgement, it runs, and the log says who acknowledged what.
    const rerun = await tm.call('runStep', { sessionId, actor: ada, stepId, targets: ['app2'], rerunOf: started.runId, acknowledgedUnknown: ['app2'] });
    const startedEvent = loggedOf(tm.service, sessionId, 'step.runStarted', rerun.runId)[0]!;
    expect(startedEvent.actor).toEqual(ada);
    expect(startedEvent.payload).toMatchObject({ targets: ['app2'], rerunOf: started.runId, acknowledgedUnknown: ['app2'] });
    await tm.call('cancelRun', { sessionId, actor: ada, runId: rerun.runId, reason: 'test over' });
    await tm.waitForRun(sessionId, rerun.runId);
  }, 120_000);
});
