import { describe, expect, it } from 'vitest';
import { planVsActual, type StepProgress } from '../../../shared/timeline';
import { doneRun, goLiveRunbook, MIN, RunbookBuilder, runningRun, SEC } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);
const at = (min: number, sec = 0) => T0 + min * MIN + sec * SEC;
const progressOf = (list: StepProgress[], id: string) => list.find((s) => s.stepId === id)!;

describe('late and early, to the minute', () => {
  it('marks a step started 3 minutes after its planned start as 3 minutes late', () => {
    const s2 = progressOf(planVsActual(goLiveRunbook(), T0, at(9), [runningRun('s2', at(8))]), 's2');
    expect(s2).toMatchObject({ timing: 'late', startDeltaMs: 3 * MIN, startDeltaMinutes: 3 });
    expect(s2.planned).toMatchObject({ startAtMs: at(5), endAtMs: at(15) });
  });

  it('counts whole minutes only: 3 min 59 s late is 3, a few ms of click latency do not add one', () => {
    const runs = [doneRun('s2', at(8, 59), at(12)), doneRun('s3', at(18) + 250, at(20))];
    const list = planVsActual(goLiveRunbook(), T0, at(21), runs);
    expect(progressOf(list, 's2').startDeltaMinutes).toBe(3);
    expect(progressOf(list, 's3')).toMatchObject({ timing: 'late', startDeltaMinutes: 3 });
  });

  it('marks a start 30 seconds late as late with 0 whole minutes (the tolerance is 0)', () => {
    const s1 = progressOf(planVsActual(goLiveRunbook(), T0, at(1), [runningRun('s1', at(0, 30))]), 's1');
    expect(s1).toMatchObject({ timing: 'late', startDeltaMs: 30 * SEC, startDeltaMinutes: 0 });
  });

  it('accepts a tolerance', () => {
    const s1 = progressOf(planVsActual(goLiveRunbook(), T0, at(1), [runningRun('s1', at(0, 30))], { toleranceMs: MIN }), 's1');
    expect(s1.timing).toBe('on-time');
  });

  it('marks an early start as early, in negative whole minutes', () => {
    const s2 = progressOf(planVsActual(goLiveRunbook(), T0, at(4), [runningRun('s2', at(2, 30))]), 's2');
    expect(s2).toMatchObject({ timing: 'early', startDeltaMs: -2.5 * MIN, startDeltaMinutes: -2 });
  });

  it('marks a start exactly on the planned minute as on time, with no negative zero', () => {
    const s2 = progressOf(planVsActual(goLiveRunbook(), T0, at(6), [runningRun('s2', at(5))]), 's2');
    expect(s2).toMatchObject({ timing: 'on-time', startDeltaMinutes: 0 });
    expect(Object.is(s2.startDeltaMinutes, -0)).toBe(false);
  });

  it('gives the end against the planned end', () => {
    const s2 = progressOf(planVsActual(goLiveRunbook(), T0, at(20), [doneRun('s2', at(5), at(13))]), 's2');
    expect(s2).toMatchObject({ timing: 'on-time', actualEndAtMs: at(13), endDeltaMs: -2 * MIN, endDeltaMinutes: -2 });
  });
});

describe('steps not started', () => {
  const rb = goLiveRunbook();

  it('are not started before their planned start, and overdue after it', () => {
    expect(progressOf(planVsActual(rb, T0, at(4), []), 's2')).toMatchObject({ timing: 'not-started', startOverdue: false });
    expect(progressOf(planVsActual(rb, T0, at(7), []), 's2')).toMatchObject({ timing: 'not-started', startOverdue: true });
  });

  it('are missed once the planned end has passed without a start', () => {
    expect(progressOf(planVsActual(rb, T0, at(15), []), 's2').timing).toBe('not-started');
    expect(progressOf(planVsActual(rb, T0, at(15) + 1, []), 's2')).toMatchObject({ timing: 'missed', startOverdue: false });
  });

  it('planned as an instant (start only) are overdue but never missed', () => {
    const canary = new RunbookBuilder().step('c', 'Canary 5%', { start: 30 }).build();
    expect(progressOf(planVsActual(canary, T0, at(45), []), 'c')).toMatchObject({ timing: 'not-started', startOverdue: true });
  });

  it('without any time are not started, and unplanned once run', () => {
    const rb2 = new RunbookBuilder().step('x', 'Ad hoc check').build();
    expect(progressOf(planVsActual(rb2, T0, at(10), []), 'x')).toMatchObject({ timing: 'not-started', planned: null });
    expect(progressOf(planVsActual(rb2, T0, at(10), [doneRun('x', at(1), at(2))]), 'x')).toMatchObject({
      timing: 'unplanned',
      startDeltaMs: null,
    });
  });
});

describe('running steps', () => {
  it('are overrunning once past their planned end', () => {
    const rb = goLiveRunbook();
    expect(progressOf(planVsActual(rb, T0, at(15), [runningRun('s2', at(5))]), 's2').overrunning).toBe(false);
    expect(progressOf(planVsActual(rb, T0, at(17, 30), [runningRun('s2', at(5))]), 's2')).toMatchObject({
      overrunning: true,
      overrunMs: 2.5 * MIN,
      overrunMinutes: 2,
    });
  });
});

describe('several runs of a step', () => {
  it('judges the latest run and keeps the earlier ones as history', () => {
    const runs = [runningRun('s2', at(11)), doneRun('s2', at(5), at(7), 'failed'), doneRun('s1', at(0), at(4))];
    const s2 = progressOf(planVsActual(goLiveRunbook(), T0, at(12), runs), 's2');
    expect(s2.history.map((r) => r.status)).toEqual(['failed', 'running']);
    expect(s2).toMatchObject({ run: { status: 'running' }, actualStartAtMs: at(11), startDeltaMinutes: 6, timing: 'late' });
  });

  it('ignores runs of steps the runbook does not have', () => {
    const list = planVsActual(goLiveRunbook(), T0, at(1), [doneRun('ghost', at(0), at(1))]);
    expect(list.map((s) => s.stepId)).toEqual(['s1', 's2', 's3', 's4', 'rb2', 'rb3']);
  });
});

describe('moving T0 under actual runs', () => {
  it('moves the plan, not the runs: the same run is judged against the new plan', () => {
    const runs = [doneRun('s1', at(0), at(5))];
    expect(progressOf(planVsActual(goLiveRunbook(), T0, at(10), runs), 's1').timing).toBe('on-time');
    const movedT0 = T0 + 10 * MIN;
    const s1 = progressOf(planVsActual(goLiveRunbook(), movedT0, at(10), runs), 's1');
    expect(s1).toMatchObject({ timing: 'early', startDeltaMinutes: -10, actualStartAtMs: at(0) });
    expect(s1.planned?.startAtMs).toBe(movedT0);
  });
});
