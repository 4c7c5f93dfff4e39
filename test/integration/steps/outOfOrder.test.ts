// Running a step before what it waits for is done: the console refuses without a reason and logs
// the reason and what was pending in step.runStarted. Real console on a temp SQLite file; the steps
// run on the local workstation (no SSH needed for what this checks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { CallInput, CallName, CallResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { waitFor } from '../../support/sshTestbed';

const ada = { name: 'Ada', role: 'Incident Commander' };
const RUNBOOK = `---
targets:
  "*": local
---
# Release

## Phase 1: Release (T+0 to T+30 min)

### Step 1: Deploy (10 min)
\`\`\`bash
echo deployed
\`\`\`

### Step 2: Verify (5 min)
\`\`\`bash
echo verified
\`\`\`
`;

let dir: string;
let service: ConsoleService;
let sessionId: string;
const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
  const envelope = await service.router.dispatch(name, input, { access: 'write' });
  if (!envelope.ok) throw ApiError.from(envelope.error);
  return envelope.result as CallResult<N>;
};
const stepId = async (title: string) => (await call('openSession', { sessionId })).runbook!.steps.find((s) => s.title === title)!.id;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-order-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, clock: { now: () => Date.parse('2025-10-21T12:01:00Z') } });
  sessionId = (await call('createSession', { name: 'Order', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'r.md', content: RUNBOOK } })).id;
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a step whose predecessors are not done', () => {
  it('is refused without a reason, naming what it waits for, and nothing is logged', async () => {
    const before = (await call('openSession', { sessionId })).state.headSeq;
    const refused = await call('runStep', { sessionId, actor: ada, stepId: await stepId('Verify') }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toContain('waits for the step “Deploy” (not succeeded yet)');
    expect((await call('openSession', { sessionId })).state.headSeq).toBe(before);
  });

  it('runs with a reason, and step.runStarted records the reason and what was pending', async () => {
    const { runId } = await call('runStep', { sessionId, actor: ada, stepId: await stepId('Verify'), outOfOrderReason: 'Deploy was done by hand' });
    const run = await waitFor(async () => {
      const r = (await call('openSession', { sessionId })).state.steps.runs[runId];
      return r && r.status !== 'running' ? r : null;
    }, 'the run to end', 20_000);
    expect(run.outOfOrder).toEqual({ reason: 'Deploy was done by hand', waitingFor: [{ id: await stepId('Deploy'), kind: 'step', title: 'Deploy' }] });
  });

  it('needs no reason once the predecessor succeeded', async () => {
    const { runId } = await call('runStep', { sessionId, actor: ada, stepId: await stepId('Deploy') });
    await waitFor(async () => ((await call('openSession', { sessionId })).state.steps.runs[runId]?.status === 'succeeded' ? true : null), 'deploy', 20_000);
    const { runId: again } = await call('runStep', { sessionId, actor: ada, stepId: await stepId('Verify') });
    const run = await waitFor(async () => (await call('openSession', { sessionId })).state.steps.runs[again] ?? null, 'verify', 20_000);
    expect(run.outOfOrder).toBeNull();
  });
});

describe('rehearse now', () => {
  it('creates a staging session with the same frozen runbook and T0 = now + N minutes', async () => {
    const created = await call('rehearseNow', { sessionId, actor: ada, minutes: 10 });
    expect(created).toMatchObject({ environment: 'staging', t0: '2025-10-21T12:11:00.000Z' });
    const [launch, rehearsal] = await Promise.all([call('openSession', { sessionId }), call('openSession', { sessionId: created.id })]);
    expect(rehearsal.state.header.runbook).toEqual(launch.state.header.runbook);
    expect(rehearsal.state.steps.order).toEqual([]);
  });
});
