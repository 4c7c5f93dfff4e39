// Moving T0 later must not turn a step that already ran on time into "late": each run is judged
// against the plan in force when it started, which the log holds (every `session.t0Moved`).
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { foldSessionState } from '../../../shared/session/sessionState';
import { stepRunsOf } from '../../../shared/session/timelineInputs';
import { planVsActual } from '../../../shared/timeline';
import { ada, EventBuilder, seedContent } from '../report/sessionFixture';

const runbook = importMarkdown(seedContent(), 'seed.md');
const step = (title: string) => runbook.steps.find((s) => s.title === title)!;
const maintenance = step('Enable Maintenance Mode'); // T+0 … T+5
const deploy = step('Deploy New Code'); // T+5 … T+15

function run(b: EventBuilder, runId: string, s: typeof maintenance, startIso: string, endIso: string) {
  b.at(startIso).add(ada, 'step.runStarted', { runId, stepId: s.id, stepTitle: s.title, scriptSha256: 'x', targets: ['local'], policy: { kind: 'all' }, concurrency: 1, timeoutMs: null, secretNames: [], confirmation: null, rerunOf: null });
  b.at(endIso).add(SYSTEM_ACTOR, 'step.runFinished', { runId, status: 'succeeded', durationMs: 1000 });
}

function session() {
  const b = new EventBuilder('2025-10-21T11:00:00.000Z');
  b.add(ada, 'session.created', { name: 'Move', environment: 'production', t0: '2025-10-21T12:00:00.000Z', runbook: null });
  run(b, 'r1', maintenance, '2025-10-21T12:00:00.000Z', '2025-10-21T12:03:00.000Z');
  b.at('2025-10-21T12:04:00.000Z').add(ada, 'session.t0Moved', { from: '2025-10-21T12:00:00.000Z', to: '2025-10-21T12:30:00.000Z', reason: 'CDN purge' });
  return b;
}

describe('a T0 move judged per run', () => {
  it('keeps a step that ran on time before T0 moved later on time, and says the plan moved since', () => {
    const state = foldSessionState(session().events)!;
    const [s] = planVsActual(runbook, Date.parse(state.header.t0), Date.parse('2025-10-21T12:10:00.000Z'), stepRunsOf(state));
    expect(s).toMatchObject({ stepId: maintenance.id, timing: 'on-time', startDeltaMs: 0, planMovedSinceRun: true });
    // The current plan is still shown as it is now.
    expect(s!.planned!.startAtMs).toBe(Date.parse('2025-10-21T12:30:00.000Z'));
    expect(s!.judgedPlan!.startAtMs).toBe(Date.parse('2025-10-21T12:00:00.000Z'));
  });

  it('judges a run after the move against the new plan', () => {
    const b = session();
    run(b, 'r2', deploy, '2025-10-21T12:38:00.000Z', '2025-10-21T12:40:00.000Z');
    const state = foldSessionState(b.events)!;
    const list = planVsActual(runbook, Date.parse(state.header.t0), Date.parse('2025-10-21T12:41:00.000Z'), stepRunsOf(state));
    expect(list.find((s) => s.stepId === deploy.id)).toMatchObject({ timing: 'late', startDeltaMinutes: 3, planMovedSinceRun: false });
  });

  it('without the log (no plan T0 on the run) falls back to the current T0', () => {
    const [s] = planVsActual(runbook, Date.parse('2025-10-21T12:30:00.000Z'), Date.parse('2025-10-21T12:40:00.000Z'), [
      { stepId: maintenance.id, startedAtMs: Date.parse('2025-10-21T12:00:00.000Z'), endedAtMs: Date.parse('2025-10-21T12:03:00.000Z'), status: 'succeeded' },
    ]);
    expect(s).toMatchObject({ timing: 'early', planMovedSinceRun: false });
  });
});
