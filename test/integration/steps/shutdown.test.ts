// Stopping the real browser shell (`tminus serve`, built) while a production step runs on a real
// sshd host (issue 14): the terminal names the run and waits for it; a second stop, or --force,
// cancels it, and the log says the console's shutdown did it (system actor), never a user.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callConsole, startConsole, type RunningConsole } from '../../support/consoleServer';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, writeSshConfig } from './stepsHarness';

let cluster: SshdCluster;
let scratch: string;
let env: Record<string, string>;
const consoles: RunningConsole[] = [];

const runbook = (goFile: string) => `---
title: Shutdown test
hosts:
  - name: app1
targets:
  Migrate: app1
  Sleep long: app1
---

# Shutdown test

## Work

### Migrate

\`\`\`bash
echo "migration started"
while [ ! -f ${goFile} ]; do sleep 0.1; done
echo "migration done"
\`\`\`

### Sleep long

\`\`\`bash
echo "sleep started"
sleep 300
\`\`\`
`;

const api = callConsole;

type Run = { status: string; hosts: Record<string, { status: string; reason: string | null }> };
type Opened = { runbook: { steps: Array<{ id: string; title: string }> }; state: { steps: { runs: Record<string, Run> } } };
type FileEvent = { type: string; actor: { name: string }; payload: { runId?: string; reason?: string | null } };

async function start(dataDir: string, args: string[] = []): Promise<RunningConsole> {
  const running = await startConsole({ dataDir, env, cleanUp: false, args });
  consoles.push(running);
  return running;
}

/** A production session with the step started (typed confirmation) and its first line stored. */
async function startProductionStep(running: RunningConsole, goFile: string, title: 'Migrate' | 'Sleep long') {
  const session = await api<{ id: string }>(running, 'createSession', { name: 'Cutover', environment: 'production', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'shutdown.md', content: runbook(goFile) } });
  const opened = await api<Opened>(running, 'openSession', { sessionId: session.id });
  const stepId = opened.runbook.steps.find((s) => s.title === title)!.id;
  const started = await api<{ runId: string }>(running, 'runStep', { sessionId: session.id, actor: ada, stepId, confirmation: { method: 'typed', text: title } });
  await waitFor(async () => {
    const page = await api<{ chunks: Array<{ text: string }> }>(running, 'getRunOutput', { sessionId: session.id, runId: started.runId, target: 'app1' });
    return page.chunks.some((c) => c.text.includes('started'));
  }, 'the step to start on app1');
  const otherStepId = opened.runbook.steps.find((s) => s.title !== title)!.id;
  return { sessionId: session.id, runId: started.runId, otherStepId };
}

const exited = (running: RunningConsole) =>
  new Promise<number | null>((resolve) => {
    if (running.process.exitCode !== null) resolve(running.process.exitCode);
    else running.process.once('exit', (code) => resolve(code));
  });

/** The log after the fact, read by a fresh console on the same data dir. */
async function afterRestart(dataDir: string, sessionId: string, runId: string) {
  const again = await start(dataDir);
  const run = (await api<Opened>(again, 'openSession', { sessionId })).state.steps.runs[runId]!;
  const file = JSON.parse((await api<{ content: string }>(again, 'exportSessionFile', { sessionId })).content) as { events: FileEvent[] };
  await again.stop();
  return { run, events: file.events.filter((e) => e.payload.runId === runId) };
}

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  scratch = mkdtempSync(join(tmpdir(), `tminus-shutdown-${process.pid}-`));
  const knownHosts = join(cluster.dir, 'known_hosts-shutdown');
  writeFileSync(knownHosts, `${cluster.hosts().map((h) => cluster.knownHostsLine(h.name)).join('\n')}\n`);
  env = { TMINUS_SSH_CONFIG: writeSshConfig(cluster), TMINUS_KNOWN_HOSTS: knownHosts, SSH_AUTH_SOCK: '' };
});

afterAll(async () => {
  for (const running of consoles) await running.stop('SIGKILL');
  await cluster?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('SIGTERM while a production step runs (tminus serve, real sshd)', () => {
  it('names the run in flight, waits for it to finish, refuses new runs meanwhile, then stops', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(scratch, 'wait-'));
    const goFile = join(scratch, 'go-wait');
    const running = await start(dataDir);
    const { sessionId, runId, otherStepId } = await startProductionStep(running, goFile, 'Migrate');
    const stopped = exited(running);

    running.process.kill('SIGTERM');
    await waitFor(() => running.output().includes('Stopping: waiting for 1 step run(s) in flight to finish'), 'the waiting message');
    expect(running.output()).toContain('Migrate — session "Cutover" — on app1');
    expect(running.output()).toContain('Press Ctrl+C again (or send SIGTERM again) to cancel them now');
    expect(running.process.exitCode).toBeNull();
    await expect(api(running, 'runStep', { sessionId, actor: ada, stepId: otherStepId, confirmation: { method: 'typed', text: 'Sleep long' } })).rejects.toThrow(/shutting down; no new runs start/);

    writeFileSync(goFile, '');
    expect(await stopped).toBe(0);
    expect(running.output()).toContain('The runs in flight have finished.');
    const { run, events } = await afterRestart(dataDir, sessionId, runId);
    expect(run.status).toBe('succeeded');
    expect(events.map((e) => e.type)).not.toContain('step.cancelRequested');
  });

  it('a second SIGTERM cancels the run, logged as the console shutting down by the system actor', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(scratch, 'twice-'));
    const running = await start(dataDir);
    const { sessionId, runId } = await startProductionStep(running, join(scratch, 'never'), 'Sleep long');
    const stopped = exited(running);
    running.process.kill('SIGTERM');
    await waitFor(() => running.output().includes('Stopping: waiting for 1 step run(s)'), 'the waiting message');
    running.process.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(running.output()).toContain('Cancelling the runs in flight: the console is shutting down.');
    const { run, events } = await afterRestart(dataDir, sessionId, runId);
    expect(run.status).toBe('cancelled');
    expect(run.hosts.app1!.reason).toMatch(/^cancelled because the console shut down/);
    const cancel = events.find((e) => e.type === 'step.cancelRequested')!;
    expect([cancel.actor.name, cancel.payload.reason]).toEqual(['T-Minus', 'cancelled because the console shut down']);
    expect(JSON.stringify(events)).not.toContain('cancelled by the user');
  });

  it('with --force, one SIGTERM cancels the run and the log names the shutdown', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(scratch, 'force-'));
    const running = await start(dataDir, ['--force']);
    const { sessionId, runId } = await startProductionStep(running, join(scratch, 'never'), 'Sleep long');
    const stopped = exited(running);
    running.process.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(running.output()).toContain('Stopping (--force): cancelling 1 step run(s) in flight:');
    const { run, events } = await afterRestart(dataDir, sessionId, runId);
    expect(run.status).toBe('cancelled');
    expect(run.hosts.app1!.reason).toMatch(/^cancelled because the console shut down/);
    const cancel = events.find((e) => e.type === 'step.cancelRequested')!;
    expect([cancel.actor.name, cancel.payload.reason]).toEqual(['T-Minus', 'cancelled because the console shut down']);
  });
});
