// The timeline math on the team's real runbook, as the importer reads it (T0 2025-10-21 12:00 UTC).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { formatOffsetLabel, formatUtc, projectLaunch, timelineAt, validateTimeline, type StepRun } from '../../../shared/timeline';
import { MIN } from './runbookBuilder';

const seed = importMarkdown(readFileSync(new URL('../../fixtures/runbooks/seed.md', import.meta.url), 'utf8'), 'seed.md');
const T0 = Date.parse(seed.t0 ?? '');
const stepId = (title: string) => seed.steps.find((s) => s.title === title)!.id;

describe('the seed runbook on the timeline', () => {
  it('has T0 at 12:00 UTC on the target date', () => {
    expect(formatUtc(T0, true)).toBe('2025-10-21 12:00:00 UTC');
  });

  it('draws the four schedule phases as bands, T-30 … T+180', () => {
    const state = timelineAt(seed, T0, T0, []);
    expect(state.bands.map((b) => [b.title, formatOffsetLabel(b.startOffsetMs), formatOffsetLabel(b.endOffsetMs)])).toEqual([
      ['Phase 1: Preparation (T-30 minutes)', 'T-30m', 'T+0m'],
      ['Phase 2: Deployment (T+0 to T+30 min)', 'T+0m', 'T+30m'],
      ['Phase 3: Gradual Rollout (T+30 to T+60 min)', 'T+30m', 'T+1h'],
      ['Phase 4: Monitoring (T+60 to T+180 min)', 'T+1h', 'T+3h'],
    ]);
    expect(state.focusSpan).toMatchObject({ startOffsetMs: -30 * MIN, endOffsetMs: 180 * MIN });
    // The full span reaches the "72 Hours Before" and "1 Week Post-Launch" milestones.
    expect([formatOffsetLabel(state.span.startOffsetMs), formatOffsetLabel(state.span.endOffsetMs)]).toEqual(['T-3d', 'T+7d']);
  });

  it('at T-00:05:00 shows the counter, phase 1, and counts down to DEPLOYMENT BEGINS and the first gate', () => {
    const state = timelineAt(seed, T0, T0 - 5 * MIN, []);
    expect(state.counter.text).toBe('T-00:05:00');
    expect(state.phase).toMatchObject({ kind: 'phase', band: { title: 'Phase 1: Preparation (T-30 minutes)' } });
    expect(state.nextMilestone).toMatchObject({ item: { text: 'DEPLOYMENT BEGINS' }, countdown: '00:05:00' });
    expect(state.nextGate).toMatchObject({ offsetMs: 35 * MIN, countdown: '00:40:00' });
  });

  it('is in the deployment phase exactly at T0 and in the rollout phase exactly at T+30', () => {
    expect(timelineAt(seed, T0, T0, []).phase).toMatchObject({ band: { title: 'Phase 2: Deployment (T+0 to T+30 min)' } });
    expect(timelineAt(seed, T0, T0 + 30 * MIN, []).phase).toMatchObject({ band: { title: 'Phase 3: Gradual Rollout (T+30 to T+60 min)' } });
    expect(timelineAt(seed, T0, T0 + 180 * MIN, []).phase.kind).toBe('post-launch');
  });

  it('marks Deploy New Code started at 12:08 as 3 minutes late and projects the launch 3 minutes late', () => {
    const runs: StepRun[] = [
      { stepId: stepId('Enable Maintenance Mode'), startedAtMs: T0, endedAtMs: T0 + 5 * MIN, status: 'succeeded' },
      { stepId: stepId('Deploy New Code'), startedAtMs: T0 + 8 * MIN, endedAtMs: null, status: 'running' },
    ];
    const state = timelineAt(seed, T0, T0 + 9 * MIN, runs);
    expect(state.steps.find((s) => s.title === 'Deploy New Code')).toMatchObject({ timing: 'late', startDeltaMinutes: 3 });
    expect(projectLaunch(seed, T0, T0 + 9 * MIN, runs).deltaMinutes).toBe(3);
  });

  it('puts the latest safe rollback 15 minutes before T+180: three decision-tree steps at the default 5 minutes', () => {
    const { rollback } = timelineAt(seed, T0, T0 + 60 * MIN, []);
    expect(rollback.steps.map((s) => s.basis)).toEqual(['default', 'default', 'default']);
    expect(formatOffsetLabel(rollback.latestSafeAtMs! - T0)).toBe('T+2h45m');
    expect(rollback.warning).toBe('ok');
    expect(timelineAt(seed, T0, T0 + 155 * MIN, []).rollback.warning).toBe('soon');
  });

  it('lists what does not fit: the canaries have only a start, the health-check loop no time', () => {
    const issues = validateTimeline(seed, T0, T0 - 60 * MIN, { newLaunch: true });
    expect(issues.map((i) => [i.kind, seed.steps.find((s) => s.id === i.stepId)?.title])).toEqual([
      ['window-without-end', 'Canary: 5% of Traffic'],
      ['window-without-end', 'Canary: 25% of Traffic'],
      ['window-without-end', 'Full Rollout: 100% of Traffic'],
      ['step-without-window', 'Health Check Sequence'],
    ]);
  });
});
