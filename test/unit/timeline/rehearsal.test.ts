import { describe, expect, it } from 'vitest';
import { compareWithRehearsal, rehearsalDurations } from '../../../shared/timeline';
import { doneRun, goLiveRunbook, MIN, runningRun, SEC } from './runbookBuilder';

const REHEARSAL = Date.UTC(2025, 9, 14, 12, 0, 0);
const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);

describe('rehearsal durations', () => {
  it('take the last successful run, else the last finished one, and ignore open runs', () => {
    const d = rehearsalDurations([
      doneRun('s1', REHEARSAL, REHEARSAL + 4 * MIN),
      doneRun('s2', REHEARSAL + 5 * MIN, REHEARSAL + 6 * MIN, 'failed'),
      doneRun('s2', REHEARSAL + 7 * MIN, REHEARSAL + 15 * MIN),
      doneRun('s2', REHEARSAL + 16 * MIN, REHEARSAL + 17 * MIN, 'cancelled'),
      doneRun('s3', REHEARSAL + 20 * MIN, REHEARSAL + 21 * MIN, 'failed'),
      runningRun('s4', REHEARSAL + 30 * MIN),
    ]);
    expect(Object.fromEntries(d)).toEqual({
      s1: { durationMs: 4 * MIN, status: 'succeeded' },
      s2: { durationMs: 8 * MIN, status: 'succeeded' },
      s3: { durationMs: MIN, status: 'failed' },
    });
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
