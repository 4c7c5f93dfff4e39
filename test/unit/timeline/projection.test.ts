import { describe, expect, it } from 'vitest';
import { projectLaunch } from '../../../shared/timeline';
import { doneRun, goLiveRunbook, MIN, RunbookBuilder, runningRun } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);
const at = (min: number) => T0 + min * MIN;
const byId = (p: ReturnType<typeof projectLaunch>) => new Map(p.steps.map((s) => [s.stepId, s]));

describe('projected end of the launch', () => {
  const rb = goLiveRunbook(); // s1 0-5, s2 5-15, s3 15-20, s4 20-25; rollback steps are not part of it

  it('is the planned end when nothing has run and it is before T0', () => {
    const p = projectLaunch(rb, T0, at(-10), []);
    expect(p).toMatchObject({ plannedEndAtMs: at(25), projectedEndAtMs: at(25), deltaMs: 0, deltaMinutes: 0 });
    expect(p.steps.map((s) => s.stepId)).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('carries a delay forward to the remaining steps', () => {
    // s1 started 3 min late and took its 5 minutes.
    const p = projectLaunch(rb, T0, at(8), [doneRun('s1', at(3), at(8))]);
    const s = byId(p);
    expect(s.get('s2')).toMatchObject({ projectedStartAtMs: at(8), projectedEndAtMs: at(18), basis: 'projected' });
    expect(s.get('s4')).toMatchObject({ projectedStartAtMs: at(23), projectedEndAtMs: at(28) });
    expect(p).toMatchObject({ projectedEndAtMs: at(28), deltaMinutes: 3 });
  });

  it('pulls the remaining steps in after an early finish', () => {
    // s1 and s2 on time, s2 done in 7 of its 10 minutes.
    const p = projectLaunch(rb, T0, at(12), [doneRun('s1', at(0), at(5)), doneRun('s2', at(5), at(12))]);
    expect(byId(p).get('s3')).toMatchObject({ projectedStartAtMs: at(12), projectedEndAtMs: at(17) });
    expect(p).toMatchObject({ projectedEndAtMs: at(22), deltaMs: -3 * MIN, deltaMinutes: -3 });
  });

  it('does not start a remaining step before now', () => {
    // Nothing has run and it is already T+7: s1 starts now at the earliest.
    const p = projectLaunch(rb, T0, at(7), []);
    expect(byId(p).get('s1')).toMatchObject({ projectedStartAtMs: at(7), projectedEndAtMs: at(12) });
    expect(p).toMatchObject({ projectedEndAtMs: at(32), deltaMinutes: 7 });
  });

  it('lets a running step end at its planned duration, or now when it is overrunning', () => {
    const onTrack = projectLaunch(rb, T0, at(8), [doneRun('s1', at(0), at(5)), runningRun('s2', at(6))]);
    expect(byId(onTrack).get('s2')).toMatchObject({ projectedEndAtMs: at(16), basis: 'running' });
    expect(onTrack.projectedEndAtMs).toBe(at(26));
    const overrunning = projectLaunch(rb, T0, at(19), [doneRun('s1', at(0), at(5)), runningRun('s2', at(6))]);
    expect(byId(overrunning).get('s2')?.projectedEndAtMs).toBe(at(19));
    expect(overrunning).toMatchObject({ projectedEndAtMs: at(29), deltaMinutes: 4 });
  });

  it('keeps planned gaps: an early step does not start before its planned start minus the delay', () => {
    const gapped = new RunbookBuilder()
      .step('a', 'Deploy', { start: 0, end: 10 })
      .step('b', 'Canary', { start: 30, end: 40 })
      .build();
    const p = projectLaunch(gapped, T0, at(12), [doneRun('a', at(2), at(12))]);
    // a finished 2 minutes late: b moves by those 2 minutes, not to right after a.
    expect(byId(p).get('b')).toMatchObject({ projectedStartAtMs: at(32), projectedEndAtMs: at(42) });
  });

  it('does not make steps planned side by side wait for each other', () => {
    const parallel = new RunbookBuilder()
      .step('a', 'Deploy EU', { start: 0, end: 10 })
      .step('b', 'Deploy US', { start: 0, end: 10 })
      .step('c', 'Verify', { start: 10, end: 15 })
      .build();
    const p = projectLaunch(parallel, T0, at(-5), []);
    expect(byId(p).get('b')).toMatchObject({ projectedStartAtMs: at(0) });
    expect(byId(p).get('c')).toMatchObject({ projectedStartAtMs: at(10) });
  });

  it('waits for every predecessor that overruns', () => {
    const parallel = new RunbookBuilder()
      .step('a', 'Deploy EU', { start: 0, end: 10 })
      .step('b', 'Deploy US', { start: 0, end: 10 })
      .step('c', 'Verify', { start: 10, end: 15 })
      .build();
    const p = projectLaunch(parallel, T0, at(14), [runningRun('a', at(0)), doneRun('b', at(0), at(9))]);
    // b finished early (delay −1 as seen from c), but a is still running at T+14.
    expect(byId(p).get('c')).toMatchObject({ projectedStartAtMs: at(14), projectedEndAtMs: at(19) });
  });

  it('uses a step’s planned duration when only its start and duration are written', () => {
    const rb2 = new RunbookBuilder().step('a', 'Deploy', { start: 0, durationMin: 10 }).build();
    expect(projectLaunch(rb2, T0, at(-1), []).projectedEndAtMs).toBe(at(10));
  });

  it('has nothing to project without timed steps', () => {
    expect(projectLaunch(new RunbookBuilder().step('a', 'Deploy').build(), T0, T0, [])).toEqual({
      steps: [],
      plannedEndAtMs: null,
      projectedEndAtMs: null,
      deltaMs: null,
      deltaMinutes: null,
    });
  });
});
