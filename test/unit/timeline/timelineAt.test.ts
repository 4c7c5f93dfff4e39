import { describe, expect, it } from 'vitest';
import { createTestClock, formatUtc, timelineAt, DEFAULT_STRIP_SPAN } from '../../../shared/timeline';
import { doneRun, goLiveRunbook, MIN, RunbookBuilder, SEC } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);

describe('the clock display at T-00:05:00 (fixed clock)', () => {
  const clock = createTestClock(T0 - 5 * MIN);
  const state = timelineAt(goLiveRunbook(), T0, clock.now(), []);

  it('shows the counter and the current phase', () => {
    expect(state.counter.text).toBe('T-00:05:00');
    expect(state.phase).toMatchObject({ kind: 'phase', band: { title: 'Phase 1: Preparation' } });
  });

  it('takes the milestone reached this instant as passed and counts down to the next one', () => {
    expect(state.nextMilestone).toMatchObject({ item: { text: 'DEPLOYMENT BEGINS' }, inMs: 5 * MIN, countdown: '00:05:00', atMs: T0 });
    expect(state.markers.find((m) => m.id === 'm-5')).toMatchObject({ passed: true });
  });

  it('counts down to the next gate', () => {
    expect(state.nextGate).toMatchObject({ item: { id: 'g1' }, offsetMs: 35 * MIN, countdown: '00:40:00' });
    expect(state.dueGates).toEqual([]);
  });
});

describe('countdowns as the clock runs', () => {
  it('rounds the next milestone countdown up, like the big counter', () => {
    const state = timelineAt(goLiveRunbook(), T0, T0 - 7 * MIN - 500, []);
    expect(state.counter.text).toBe('T-00:07:01');
    expect(state.nextMilestone).toMatchObject({ item: { id: 'm-5' }, inMs: 2 * MIN + 500, countdown: '00:02:01' });
  });

  it('has no next milestone after the last one', () => {
    expect(timelineAt(goLiveRunbook(), T0, T0, []).nextMilestone).toBeNull();
  });

  it('makes a gate due at its time, until it is decided', () => {
    const rb = goLiveRunbook();
    const atGate = timelineAt(rb, T0, T0 + 35 * MIN, []);
    expect(atGate.dueGates.map((g) => g.item.id)).toEqual(['g1']);
    expect(atGate.nextGate?.item.id).toBe('g2');
    const decided = timelineAt(rb, T0, T0 + 36 * MIN, [], { decidedGateIds: new Set(['g1']) });
    expect(decided.dueGates).toEqual([]);
    expect(decided.nextGate).toMatchObject({ item: { id: 'g2' }, countdown: '00:09:00' });
  });
});

describe('the strip', () => {
  it('spans the first milestone to the last, widened to every window, gate and phase', () => {
    expect(timelineAt(goLiveRunbook(), T0, T0, []).span).toEqual({ startOffsetMs: -30 * MIN, endOffsetMs: 180 * MIN, basis: 'planned' });
    const rb = new RunbookBuilder().milestone('a', 'Start', 0).milestone('b', 'End', 30).step('late', 'Cleanup', { start: 40, end: 55 }).build();
    expect(timelineAt(rb, T0, T0, []).span).toMatchObject({ startOffsetMs: 0, endOffsetMs: 55 * MIN });
  });

  it('focuses on the launch itself, leaving far-off milestones to the full span', () => {
    const rb = new RunbookBuilder()
      .milestone('early', '72 Hours Before', -72 * 60)
      .phase('p', 'Deployment', 0, 30)
      .gate('g', 'Go/No-Go', 35)
      .milestone('late', '1 Week Post-Launch', 7 * 24 * 60)
      .build();
    const state = timelineAt(rb, T0, T0, []);
    expect(state.span).toMatchObject({ startOffsetMs: -72 * 60 * MIN, endOffsetMs: 7 * 24 * 60 * MIN });
    expect(state.focusSpan).toMatchObject({ startOffsetMs: 0, endOffsetMs: 35 * MIN });
    const onlyMilestones = new RunbookBuilder().milestone('a', 'Start', -10).milestone('b', 'End', 20).build();
    expect(timelineAt(onlyMilestones, T0, T0, []).focusSpan).toEqual(timelineAt(onlyMilestones, T0, T0, []).span);
  });

  it('falls back to T-30 … T+180 for a runbook without any times', () => {
    expect(timelineAt(new RunbookBuilder().step('s', 'Deploy').build(), T0, T0, []).span).toEqual(DEFAULT_STRIP_SPAN);
  });

  it('lists milestones and gates as markers in time order', () => {
    const markers = timelineAt(goLiveRunbook(), T0, T0 + 40 * MIN, []).markers;
    expect(markers.map((m) => `${m.kind}:${m.id}:${m.passed}`)).toEqual([
      'milestone:m-30:true',
      'milestone:m-25:true',
      'milestone:m-20:true',
      'milestone:m-15:true',
      'milestone:m-5:true',
      'milestone:m0:true',
      'gate:g1:true',
      'gate:g2:false',
    ]);
  });
});

describe('across midnight, in UTC', () => {
  // T0 at 23:50 UTC: the deployment steps run into the next day.
  const lateT0 = Date.UTC(2025, 9, 21, 23, 50, 0);
  const rb = new RunbookBuilder()
    .phase('p', 'Deployment', 0, 30)
    .milestone('m0', 'Go', 0)
    .milestone('m20', 'Half-time', 20)
    .step('a', 'Deploy', { start: 5, end: 15 })
    .step('b', 'Migrate', { start: 15, end: 25 })
    .build();

  it('places planned windows after midnight on the next day', () => {
    const state = timelineAt(rb, lateT0, lateT0, []);
    const deploy = state.steps.find((s) => s.stepId === 'a');
    expect(formatUtc(deploy!.planned!.startAtMs, true)).toBe('2025-10-21 23:55:00 UTC');
    expect(formatUtc(deploy!.planned!.endAtMs, true)).toBe('2025-10-22 00:05:00 UTC');
  });

  it('counts the next milestone down over midnight', () => {
    const state = timelineAt(rb, lateT0, Date.UTC(2025, 9, 21, 23, 59, 30), []);
    expect(state.counter.text).toBe('T+00:09:30');
    expect(state.nextMilestone).toMatchObject({ item: { id: 'm20' }, countdown: '00:10:30' });
    expect(formatUtc(state.nextMilestone!.atMs, true)).toBe('2025-10-22 00:10:00 UTC');
  });

  it('measures lateness over midnight to the minute', () => {
    const runs = [doneRun('b', Date.UTC(2025, 9, 22, 0, 12, 0), Date.UTC(2025, 9, 22, 0, 20, 30))];
    const migrate = timelineAt(rb, lateT0, Date.UTC(2025, 9, 22, 0, 30), runs).steps.find((s) => s.stepId === 'b')!;
    // Planned 00:05, started 00:12: 7 min late; planned end 00:15, ended 00:20:30: 5 min late.
    expect(migrate).toMatchObject({ timing: 'late', startDeltaMinutes: 7, endDeltaMinutes: 5, endDeltaMs: 5 * MIN + 30 * SEC });
  });
});
