import { describe, expect, it } from 'vitest';
import { validateTimeline } from '../../../shared/timeline';
import { goLiveRunbook, MIN, RunbookBuilder } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);

describe('timeline validation (shown, never hidden)', () => {
  it('finds nothing wrong with a sound plan and a future T0', () => {
    expect(validateTimeline(goLiveRunbook(), T0, T0 - 60 * MIN, { newLaunch: true })).toEqual([]);
  });

  it('reports T0 in the past for a new launch, but not for one under way', () => {
    const issues = validateTimeline(goLiveRunbook(), T0, T0 + 2 * 60 * MIN + 5 * MIN, { newLaunch: true });
    expect(issues).toEqual([
      {
        kind: 't0-in-past',
        severity: 'warning',
        message: 'T0 (2025-10-21 12:00:00 UTC) is 02:05:00 in the past for a launch that has not begun.',
      },
    ]);
    expect(validateTimeline(goLiveRunbook(), T0, T0 + 5 * MIN, { newLaunch: false })).toEqual([]);
  });

  it('reports an invalid T0', () => {
    expect(validateTimeline(goLiveRunbook(), Number.NaN, T0, { newLaunch: true })[0]).toMatchObject({ kind: 't0-invalid', severity: 'error' });
  });

  it('lists every timing problem of the runbook with the step it belongs to', () => {
    const rb = new RunbookBuilder()
      .milestone('m1', 'War room opened', -30)
      .milestone('m2', 'Deployment begins', 0)
      .milestone('m3', 'Team briefed', -5)
      .step('a', 'Deploy', { start: 5, end: 15 })
      .step('b', 'Migrate', { start: 10, end: 20 })
      .step('c', 'Smoke test', { durationMin: 5 })
      .step('d', 'Swap', { start: 30, end: 25 })
      .step('e', 'Canary 5%', { start: 40 })
      .step('rb', 'Emergency rollback', { rollback: true })
      .phase('p', 'Broken phase', 60, 50)
      .gate('g', 'Go/No-Go', null)
      .build();
    const issues = validateTimeline(rb, T0, T0 - 60 * MIN, { newLaunch: true });
    expect(issues.map((i) => [i.kind, i.severity, i.stepId ?? i.milestoneId ?? i.sectionId ?? i.gateId])).toEqual([
      ['step-without-window', 'warning', 'c'],
      ['window-end-before-start', 'error', 'd'],
      ['window-without-end', 'warning', 'e'],
      ['overlapping-windows', 'warning', 'a'],
      ['milestones-out-of-order', 'warning', 'm3'],
      ['phase-end-before-start', 'error', 'p'],
      ['gate-without-time', 'warning', 'g'],
    ]);
    expect(issues.find((i) => i.kind === 'overlapping-windows')).toMatchObject({
      otherStepId: 'b',
      message: 'Steps "Deploy" (T+5m..T+15m) and "Migrate" (T+10m..T+20m) have overlapping windows.',
    });
    expect(issues.find((i) => i.kind === 'step-without-window')?.message).toBe(
      'Step "Smoke test" has no planned window (it has a duration, 00:05:00, but no time): it cannot be late or early, and the projected end leaves it out.',
    );
    expect(issues.find((i) => i.kind === 'milestones-out-of-order')?.message).toBe(
      'Milestone "Team briefed" (T-5m, line 3) comes before "Deployment begins" (T+0m, line 2) in time but after it in the runbook.',
    );
    expect(issues.find((i) => i.kind === 'window-end-before-start')?.message).toBe(
      'Step "Swap": its window ends before it starts (T+30m..T+25m).',
    );
  });

  it('does not hold front-matter milestones (a list at the top of the file) to document order', () => {
    const rb = new RunbookBuilder()
      .milestone('fm', 'Traffic review with product', 90, 'front-matter')
      .milestone('prep', 'Preparation', -60, 'heading')
      .milestone('go', 'Release', 0, 'heading')
      .build();
    expect(validateTimeline(rb, T0, T0 - 2 * 60 * MIN, { newLaunch: true })).toEqual([]);
  });

  it('lets windows touch end to start without calling it an overlap', () => {
    const rb = new RunbookBuilder().step('a', 'Deploy', { start: 0, end: 5 }).step('b', 'Migrate', { start: 5, end: 10 }).build();
    expect(validateTimeline(rb, T0, T0 - MIN, { newLaunch: true })).toEqual([]);
  });

  it('reports each overlapping pair once, also when three steps share a window', () => {
    const rb = new RunbookBuilder()
      .step('a', 'One', { start: 0, end: 10 })
      .step('b', 'Two', { start: 2, end: 4 })
      .step('c', 'Three', { start: 3, end: 12 })
      .build();
    const pairs = validateTimeline(rb, T0, T0 - MIN, { newLaunch: true }).map((i) => `${i.stepId}/${i.otherStepId}`);
    expect(pairs).toEqual(['a/b', 'a/c', 'b/c']);
  });

  it('does not ask rollback steps for a window', () => {
    const rb = new RunbookBuilder().step('rb', 'Emergency rollback', { rollback: true }).build();
    expect(validateTimeline(rb, T0, T0 - MIN, { newLaunch: true })).toEqual([]);
  });
});
