// The real browser shell (`tminus serve`, built) SIGKILLed while a long step runs on real sshd
// hosts: after the restart the run is `interrupted` — each host with the digest of the output that
// reached the database, a session.interrupted event saying why — the chain verifies, and the
// console runs steps again. Needs `npm run build` (the test runs the bundled CLI).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callConsole, REPO_ROOT, startConsole, type RunningConsole } from '../../support/consoleServer';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, STEPS_RUNBOOK, writeSshConfig } from './stepsHarness';

let cluster: SshdCluster;
let dataDir: string;
let env: Record<string, string>;
const consoles: RunningConsole[] = [];

const api = callConsole;

async function start(): Promise<RunningConsole> {
  const running = await startConsole({ dataDir, env, cleanUp: false });
  consoles.push(running);
  return running;
}

type Run = { runId: string; status: string; hosts: Record<string, { status: string; reason: string | null; outputSha256: string | null; outputBytes: number }> };
type Opened = { runbook: { steps: Array<{ id: string; title: string }> }; state: { steps: { runs: Record<string, Run> } } };

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }] });
  dataDir = mkdtempSync(join(tmpdir(), `tminus-steps-crash-${process.pid}-`));
  const knownHosts = join(cluster.dir, 'known_hosts-crash');
  writeFileSync(knownHosts, `${cluster.hosts().map((h) => cluster.knownHostsLine(h.name)).join('\n')}\n`);
  env = { TMINUS_SSH_CONFIG: writeSshConfig(cluster), TMINUS_KNOWN_HOSTS: knownHosts, SSH_AUTH_SOCK: '' };
});

afterAll(async () => {
  for (const running of consoles) await running.stop('SIGKILL');
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a console killed while a step runs (tminus serve, SIGKILL)', () => {
  it('marks the run interrupted after the restart, keeps the stored output, and runs again', { timeout: 120_000 }, async () => {
    const first = await start();
    const session = await api<{ id: string }>(first, 'createSession', { name: 'Crash', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'steps.md', content: STEPS_RUNBOOK } });
    const opened = await api<Opened>(first, 'openSession', { sessionId: session.id });
    const stepId = (title: string) => opened.runbook.steps.find((s) => s.title === title)!.id;
    const started = await api<{ runId: string; targets: string[] }>(first, 'runStep', { sessionId: session.id, actor: ada, stepId: stepId('Sleep long') });
    expect(started.targets).toEqual(['app1', 'app2']);
    // Output stored for both hosts (it is written within ~100 ms of arriving), then the kill.
    for (const target of started.targets) {
      await waitFor(async () => {
        const page = await api<{ chunks: Array<{ text: string }> }>(first, 'getRunOutput', { sessionId: session.id, runId: started.runId, target });
        return page.chunks.some((c) => c.text.includes(`started on ${target}`));
      }, `stored output of ${target}`);
    }
    await first.stop('SIGKILL');

    const second = await start();
    const after = await api<Opened>(second, 'openSession', { sessionId: session.id });
    const run = after.state.steps.runs[started.runId]!;
    expect(run.status).toBe('interrupted');
    for (const target of started.targets) {
      const host = run.hosts[target]!;
      expect(host.status).toBe('interrupted');
      expect(host.reason).toMatch(/T-Minus stopped while the command ran; its outcome is unknown/);
      const page = await api<{ chunks: Array<{ text: string }>; complete: boolean }>(second, 'getRunOutput', { sessionId: session.id, runId: started.runId, target });
      const text = page.chunks.map((c) => c.text).join('');
      expect(text).toBe(`started on ${target}\n`);
      expect(page.complete).toBe(true);
      expect(host.outputSha256).toBe(createHash('sha256').update(text).digest('hex'));
    }
    const exported = await api<{ content: string }>(second, 'exportSessionFile', { sessionId: session.id });
    const file = JSON.parse(exported.content) as { events: Array<{ type: string; actor: { name: string }; payload: { what?: string; ref?: string; status?: string } }> };
    const closing = file.events.slice(file.events.findIndex((e) => e.type === 'session.interrupted'));
    expect(closing.map((e) => [e.type, e.actor.name])).toEqual([
      ['session.interrupted', 'T-Minus'],
      ['step.hostFinished', 'T-Minus'],
      ['step.hostFinished', 'T-Minus'],
      ['step.runFinished', 'T-Minus'],
    ]);
    expect(closing[0]!.payload).toMatchObject({ what: 'step run', ref: started.runId });

    // The console works on: the same step runs again (nothing left "running" blocks it).
    const again = await api<{ runId: string }>(second, 'runStep', { sessionId: session.id, actor: ada, stepId: stepId('Say hello') });
    await waitFor(async () => (await api<Opened>(second, 'openSession', { sessionId: session.id })).state.steps.runs[again.runId]?.status === 'succeeded', 'the next run');
    await second.stop('SIGTERM');

    const verify = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'tminus.js'), 'verify', '--data', dataDir], { encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });
});
