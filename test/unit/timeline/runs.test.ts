import { describe, expect, it } from 'vitest';
import { latestRunByStep, runDurationMs, stepRunSchema } from '../../../shared/timeline';
import { doneRun, runningRun } from './runbookBuilder';

describe('step runs', () => {
  it('accept a well-formed run at the boundary and refuse inconsistent ones', () => {
    expect(stepRunSchema.safeParse(doneRun('s1', 1000, 2000)).success).toBe(true);
    expect(stepRunSchema.safeParse(runningRun('s1', 1000)).success).toBe(true);
    expect(stepRunSchema.safeParse({ stepId: 's1', startedAtMs: 1000, endedAtMs: 2000, status: 'running' }).success).toBe(false);
    expect(stepRunSchema.safeParse({ stepId: 's1', startedAtMs: 1000, endedAtMs: null, status: 'failed' }).success).toBe(false);
    expect(stepRunSchema.safeParse(doneRun('s1', 2000, 1000)).success).toBe(false);
    expect(stepRunSchema.safeParse({ ...doneRun('s1', 1000, 2000), status: 'skipped' }).success).toBe(false);
  });

  it('pick the latest run of each step, the later one in log order on a tie', () => {
    const latest = latestRunByStep([doneRun('a', 5, 6), doneRun('a', 1, 2), doneRun('b', 3, 4, 'failed'), doneRun('b', 3, 9)]);
    expect(latest.get('a')).toEqual(doneRun('a', 5, 6));
    expect(latest.get('b')).toEqual(doneRun('b', 3, 9));
  });

  it('measure a running run up to now', () => {
    expect(runDurationMs(runningRun('a', 1000), 4000)).toBe(3000);
    expect(runDurationMs(doneRun('a', 1000, 1500), 4000)).toBe(500);
  });
});
