// Start-up recovery of step runs on a temp workspace: a run the log shows as running when the
// console stopped is closed at the next start — session.interrupted, each unfinished host
// `interrupted` with the digest of the output that was stored, the run `interrupted` — by the
// system, before anything is served, and only once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { OutputStore } from '../../../electron/steps/outputStore';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';

const RUNBOOK = `---
hosts:
  - name: app1
    groups: [app]
  - name: app2
    groups: [app]
targets:
  Sleep long: app
---

# Recovery

### Sleep long

\`\`\`bash
sleep 300
\`\`\`
`;

const ada = { name: 'Ada', role: 'Incident Commander' };
let dir: string;
let service: ConsoleService | null = null;

const open = (): ConsoleService => {
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, ssh: { configPath: join(dir, 'no-config'), knownHostsFiles: [], agentSocket: null } });
  return service;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-step-recovery-'));
});
afterEach(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up recovery of step runs', () => {
  it('closes a run left running as interrupted, with the stored output digest, once', async () => {
    const first = open();
    const created = await first.router.dispatch('createSession', { name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'steps.md', content: RUNBOOK } }, { access: 'write' });
    if (!created.ok) throw new Error(created.error.message);
    const sessionId = (created.result as { id: string }).id;
    const runId = '6a1f0000-0000-4000-8000-000000000001';
    // What a console that died mid-run leaves behind: a start, one host started with some output.
    first.workspace.log.appendMany([
      {
        sessionId,
        actor: ada,
        type: 'step.runStarted',
        payload: { runId, stepId: 'x', stepTitle: 'Sleep long', scriptSha256: '0'.repeat(64), targets: ['app1', 'app2'], policy: { kind: 'rolling', batchSize: 1 }, concurrency: 1, timeoutMs: null, secretNames: [], confirmation: null, rerunOf: null },
      },
      { sessionId, actor: SYSTEM_ACTOR, type: 'step.hostStarted', payload: { runId, target: 'app1' } },
    ]);
    new OutputStore(first.workspace.db).write([{ sessionId, runId, target: 'app1', chunks: [{ seq: 0, stream: 'stdout', at: '2025-10-21T12:00:01.000Z', text: 'started on app1\n' }] }]);
    const headBefore = first.workspace.log.head(sessionId)!.seq;
    await first.close();

    const second = open();
    const written = second.workspace.log.read(sessionId).slice(headBefore);
    expect(written.map((e) => [e.type, e.actor])).toEqual([
      ['session.interrupted', SYSTEM_ACTOR],
      ['step.hostFinished', SYSTEM_ACTOR],
      ['step.hostFinished', SYSTEM_ACTOR],
      ['step.runFinished', SYSTEM_ACTOR],
    ]);
    expect(written[0]!.payload).toMatchObject({ what: 'step run', ref: runId, detail: expect.stringMatching(/"Sleep long" .* was running when T-Minus stopped; its outcome on app1 is unknown/) });
    expect(written[1]!.payload).toMatchObject({ target: 'app1', status: 'interrupted', outputChunks: 1, outputBytes: 16, reason: expect.stringMatching(/outcome is unknown/) });
    expect(written[2]!.payload).toMatchObject({ target: 'app2', status: 'interrupted', outputChunks: 0, reason: 'T-Minus stopped before the command started on this host' });
    const opened = await second.router.dispatch('openSession', { sessionId }, { access: 'read' });
    expect(opened.ok && (opened.result as { state: { steps: { runs: Record<string, { status: string }> } } }).state.steps.runs[runId]!.status).toBe('interrupted');
    const head = second.workspace.log.head(sessionId)!.seq;
    await second.close();

    const third = open();
    expect(third.workspace.log.head(sessionId)!.seq).toBe(head);
  });
});
