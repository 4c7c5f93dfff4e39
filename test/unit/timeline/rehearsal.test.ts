import { describe, expect, it } from 'vitest';
import { compareWithRehearsal, rehearsalDurations } from '../../../shared/timeline';
import { doneRun, goLiveRunbook, MIN, runningRun, SEC } from './runbookBuilder';

const REHEARSAL = Date.UTC(2025, 9, 14, 12, 0, 0);
const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);

describe('rehearsal durations', () => {
  it('take the last complete run (succeeded, not a re-run of some hosts); failed, cancelled and open runs count for nothing', () => {
    const d = rehearsalDurations([
      doneRun('s1', REHEARSAL, REHEARSAL + 4 * MIN),
      doneRun('s2', REHEARSAL + 5 * MIN, REHEARSAL + 6 * MIN, 'failed'),
      doneRun('s2', REHEARSAL + 7 * MIN, REHEARSAL + 15 * MIN),
      doneRun('s2', REHEARSAL + 16 * MIN, REHEARSAL + 17 * MIN, 'cancelled'),
      doneRun('s3', REHEARSAL + 20 * MIN, REHEARSAL + 21 * MIN, 'failed'),
      runningRun('s4', REHEARSAL + 30 * MIN),
    ]);
    expect([...d.keys()]).toEqual(['s1', 's2']);
    expect(d.get('s2')).toMatchObject({ durationMs: 8 * MIN, status: 'succeeded', source: { startedAtMs: REHEARSAL + 7 * MIN } });
  });

  it('never takes a one-host re-run of a failed run as the step’s time (it was a 0 s rehearsal time before)', () => {
    const d = rehearsalDurations([
      { ...doneRun('s2', REHEARSAL, REHEARSAL + 3 * MIN, 'failed'), runId: 'full', targets: ['stg1', 'stg2', 'stg3'], rerunOf: null },
      { ...doneRun('s2', REHEARSAL + 5 * MIN, REHEARSAL + 5 * MIN), runId: 'one', targets: ['stg2'], rerunOf: 'full' },
    ]);
    expect(d.has('s2')).toBe(false);
    const rows = compareWithRehearsal(goLiveRunbook().steps, [
      { ...doneRun('s2', REHEARSAL, REHEARSAL + 3 * MIN, 'failed'), runId: 'full', targets: ['stg1'], rerunOf: null },
      { ...doneRun('s2', REHEARSAL + 5 * MIN, REHEARSAL + 5 * MIN), runId: 'one', targets: ['stg1'], rerunOf: 'full' },
    ], [], T0);
    expect(rows.find((r) => r.stepId === 's2')).toMatchObject({ rehearsal: null, noRehearsal: 'no-complete-run' });
    expect(rows.find((r) => r.stepId === 's1')).toMatchObject({ rehearsal: null, noRehearsal: 'not-rehearsed' });
  });

  it('prefers a complete run on the same targets as the live run, names it, and says when the hosts differ', () => {
    const rehearsal = [
      { ...doneRun('s2', REHEARSAL, REHEARSAL + 8 * MIN), runId: 'two', targets: ['web1', 'web2'], rerunOf: null, fanOut: 'all at once, 2 at a time' },
      { ...doneRun('s2', REHEARSAL + 10 * MIN, REHEARSAL + 12 * MIN), runId: 'one', targets: ['web1'], rerunOf: null, fanOut: 'all at once, 1 at a time' },
    ];
    const same = compareWithRehearsal(goLiveRunbook().steps, rehearsal, [{ ...runningRun('s2', T0 + 5 * MIN), targets: ['web1', 'web2'] }], T0 + 6 * MIN);
    expect(same.find((r) => r.stepId === 's2')).toMatchObject({
      targetsDiffer: false,
      rehearsal: { durationMs: 8 * MIN, source: { runId: 'two', targets: ['web1', 'web2'], fanOut: 'all at once, 2 at a time', startedAtMs: REHEARSAL } },
    });
    const other = compareWithRehearsal(goLiveRunbook().steps, rehearsal, [{ ...runningRun('s2', T0 + 5 * MIN), targets: ['prod1', 'prod2', 'prod3'] }], T0 + 6 * MIN);
    expect(other.find((r) => r.stepId === 's2')).toMatchObject({ targetsDiffer: true, rehearsal: { source: { runId: 'one' } } });
  });
});

describe('rehearsal vs live, per step', () => {
  const rehearsal = [doneRun('s1', REHEARSAL, REHEARSAL + 4 * MIN), doneRun('s2', REHEARSAL + 5 * MIN, REHEARSAL + 13 * MIN)];

  it('compares a finished step’s actual duration and a running step’s elapsed time, in seconds', () => {
    const live = [doneRun('s1', T0, T0 + 4 * MIN + 20 * SEC), runningRun('s2', T0 + 5 * MIN)];
    const rows = compareWithRehearsal(goLiveRunbook().steps, rehearsal, live, T0 + 12 * MIN + 30 * SEC);
    expect(rows.find((r) => r.stepId === 's1')).toMatchObject({ live: 'finished', deltaMs: 20 * SEC, deltaSeconds: 20, overRehearsal: false });
    expect(rows.find((r) => r.stepId === 's2')).toMatchObject({
      live: 'running',
      liveDurationMs: 7 * MIN + 30 * SEC,
      deltaSeconds: -30,
      overRehearsal: false,
    });
  });

  it('flags a running step once it takes longer than in the rehearsal', () => {
    const rows = compareWithRehearsal(goLiveRunbook().steps, rehearsal, [runningRun('s2', T0 + 5 * MIN)], T0 + 13 * MIN + 1 * SEC);
    expect(rows.find((r) => r.stepId === 's2')).toMatchObject({ deltaSeconds: 1, overRehearsal: true });
  });

  it('shows the rehearsal duration for steps not started, and nothing to compare for steps not rehearsed', () => {
    const rows = compareWithRehearsal(goLiveRunbook().steps, rehearsal, [doneRun('s3', T0, T0 + MIN)], T0 + 2 * MIN);
    expect(rows.find((r) => r.stepId === 's1')).toMatchObject({ live: 'not-started', rehearsal: { durationMs: 4 * MIN }, deltaMs: null });
    expect(rows.find((r) => r.stepId === 's3')).toMatchObject({ live: 'finished', rehearsal: null, deltaSeconds: null });
    expect(rows.map((r) => r.stepId)).toEqual(['s1', 's2', 's3', 's4', 'rb2', 'rb3']);
  });
});
