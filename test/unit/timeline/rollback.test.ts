import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLBACK_STEP_MS, latestSafeRollback } from '../../../shared/timeline';
import { goLiveRunbook, MIN, RunbookBuilder } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);
const at = (min: number) => T0 + min * MIN;

describe('latest safe rollback time', () => {
  // Window ends with the last phase at T+180; rollback steps: 10 min (duration) + default 5 min.
  const rb = goLiveRunbook();

  it('is the end of the window minus the rollback steps’ own durations', () => {
    const r = latestSafeRollback(rb, T0, at(60));
    expect(r).toMatchObject({
      windowEndAtMs: at(180),
      windowEndBasis: 'last-phase-end',
      rollbackDurationMs: 15 * MIN,
      latestSafeAtMs: at(165),
      remainingMs: 105 * MIN,
      warning: 'ok',
    });
    expect(r.steps).toEqual([
      { stepId: 'rb2', title: 'Prepare rollback', durationMs: 10 * MIN, basis: 'planned-duration' },
      { stepId: 'rb3', title: 'Emergency rollback', durationMs: DEFAULT_ROLLBACK_STEP_MS, basis: 'default' },
    ]);
  });

  it('warns "soon" within 15 minutes, and "passed" after the deadline', () => {
    expect(latestSafeRollback(rb, T0, at(150) - 1).warning).toBe('ok');
    expect(latestSafeRollback(rb, T0, at(150)).warning).toBe('soon');
    expect(latestSafeRollback(rb, T0, at(165))).toMatchObject({ warning: 'soon', remainingMs: 0 });
    expect(latestSafeRollback(rb, T0, at(165) + 1)).toMatchObject({ warning: 'passed', remainingMs: -1 });
  });

  it('takes an explicit window end, relative to T0 so it moves with T0', () => {
    const r = latestSafeRollback(rb, T0 + 60 * MIN, at(60), { windowEndOffsetMs: 120 * MIN, soonMs: 5 * MIN });
    expect(r).toMatchObject({ windowEndBasis: 'explicit', windowEndAtMs: at(180), latestSafeAtMs: at(165) });
  });

  it('uses a rollback step’s window length, then its planned duration, then the default', () => {
    const r = latestSafeRollback(
      new RunbookBuilder()
        .phase('p', 'Launch', 0, 60)
        .step('a', 'Switch back', { rollback: true, start: 30, end: 32 })
        .step('b', 'Restore DB', { rollback: true, durationMin: 20 })
        .step('c', 'Verify', { rollback: true })
        .build(),
      T0,
      at(0),
      { defaultStepMs: 3 * MIN },
    );
    expect(r.steps.map((s) => [s.stepId, s.durationMs / MIN, s.basis])).toEqual([
      ['a', 2, 'window'],
      ['b', 20, 'planned-duration'],
      ['c', 3, 'default'],
    ]);
    expect(r.latestSafeAtMs).toBe(at(35));
  });

  it('is the window end itself when the runbook has no rollback steps', () => {
    const r = latestSafeRollback(new RunbookBuilder().phase('p', 'Launch', 0, 60).build(), T0, at(0));
    expect(r).toMatchObject({ steps: [], rollbackDurationMs: 0, latestSafeAtMs: at(60) });
  });

  it('is unknown without a window end', () => {
    const r = latestSafeRollback(new RunbookBuilder().step('rb', 'Rollback', { rollback: true }).build(), T0, at(0));
    expect(r).toMatchObject({ windowEndBasis: 'none', latestSafeAtMs: null, remainingMs: null, warning: 'unknown' });
  });
});
