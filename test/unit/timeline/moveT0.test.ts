import { describe, expect, it } from 'vitest';
import { isLaunchRunning, moveT0, t0MoveNeedsReason, timelineAt } from '../../../shared/timeline';
import { doneRun, goLiveRunbook, MIN } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);

describe('when a launch is running', () => {
  it('is running from T-30 on, or as soon as any step has run', () => {
    expect(isLaunchRunning(T0, T0 - 30 * MIN - 1, [])).toBe(false);
    expect(isLaunchRunning(T0, T0 - 30 * MIN, [])).toBe(true);
    expect(isLaunchRunning(T0, T0 - 2 * 60 * MIN, [doneRun('s1', T0 - 3 * 60 * MIN, T0 - 3 * 60 * MIN + MIN)])).toBe(true);
    expect(t0MoveNeedsReason(T0, T0 - 60 * MIN, [])).toBe(false);
    expect(t0MoveNeedsReason(T0, T0 - 10 * MIN, [])).toBe(true);
  });
});

describe('moving T0', () => {
  it('needs no reason before the launch runs', () => {
    const r = moveT0({ currentT0Ms: T0, newT0Ms: T0 + 60 * MIN, nowMs: T0 - 2 * 60 * MIN, runs: [] });
    expect(r).toEqual({
      ok: true,
      move: { fromT0Ms: T0, toT0Ms: T0 + 60 * MIN, shiftMs: 60 * MIN, reason: null, launchRunning: false, warnings: [] },
    });
  });

  it('refuses a move during a running launch without a reason (blank does not count)', () => {
    const r = moveT0({ currentT0Ms: T0, newT0Ms: T0 + 15 * MIN, nowMs: T0 - 5 * MIN, runs: [], reason: '   ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'reason-required' } });
  });

  it('accepts a move during a running launch with a reason, trimmed', () => {
    const r = moveT0({ currentT0Ms: T0, newT0Ms: T0 + 15 * MIN, nowMs: T0 - 5 * MIN, runs: [], reason: '  CDN vendor late  ' });
    expect(r).toMatchObject({ ok: true, move: { reason: 'CDN vendor late', launchRunning: true, shiftMs: 15 * MIN } });
  });

  it('refuses an invalid or unchanged T0', () => {
    expect(moveT0({ currentT0Ms: T0, newT0Ms: Number.NaN, nowMs: T0, runs: [] })).toMatchObject({ ok: false, error: { code: 'invalid-t0' } });
    expect(moveT0({ currentT0Ms: T0, newT0Ms: T0, nowMs: T0, runs: [], reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unchanged' },
    });
  });

  it('warns when a new launch is moved into the past', () => {
    const r = moveT0({ currentT0Ms: T0 + 24 * 60 * MIN, newT0Ms: T0 - 10 * MIN, nowMs: T0, runs: [] });
    expect(r.ok && r.move.warnings.map((w) => w.kind)).toEqual(['t0-in-past']);
  });

  it('shifts everything planned and leaves actual runs where they happened', () => {
    const rb = goLiveRunbook();
    const runs = [doneRun('s1', T0 + 2 * MIN, T0 + 7 * MIN)];
    const now = T0 + 8 * MIN;
    const r = moveT0({ currentT0Ms: T0, newT0Ms: T0 + 30 * MIN, nowMs: now, runs, reason: 'Vendor outage' });
    if (!r.ok) throw new Error(r.error.message);
    const before = timelineAt(rb, T0, now, runs);
    const after = timelineAt(rb, r.move.toT0Ms, now, runs);
    expect(after.counter.text).toBe('T-00:22:00');
    expect(after.nextGate!.atMs - before.nextGate!.atMs).toBe(30 * MIN);
    expect(after.rollback.latestSafeAtMs! - before.rollback.latestSafeAtMs!).toBe(30 * MIN);
    const s1Before = before.steps.find((s) => s.stepId === 's1')!;
    const s1After = after.steps.find((s) => s.stepId === 's1')!;
    expect(s1After.planned!.startAtMs - s1Before.planned!.startAtMs).toBe(30 * MIN);
    expect(s1After.actualStartAtMs).toBe(s1Before.actualStartAtMs);
    expect([s1Before.startDeltaMinutes, s1After.startDeltaMinutes]).toEqual([2, -28]);
  });
});
