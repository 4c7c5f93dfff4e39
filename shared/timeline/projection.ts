// The projected end of the launch, from the actual progress so far.
//
// The forward plan (steps with a planned time, rollback steps left out) is walked in planned order
// (start, then source line). For each step:
//  - finished (latest run ended, whatever the outcome): it took what it took — actual start and end.
//  - running: actual start; it ends at its planned duration after that start, or now if it is
//    already past that (an overrunning step is assumed to finish any moment, never in the past).
//  - not yet run: it starts at the latest of
//      (a) its planned start shifted by the accumulated delay — the previous step's projected end
//          minus its planned end, so a late step pushes what follows and an early finish pulls it
//          in (the delay can be negative);
//      (b) the projected end of its predecessors — the earlier steps whose planned window ended by
//          this one's planned start (steps the plan runs side by side do not wait for each other);
//      (c) now — a step that has not started cannot start in the past.
//    and it lasts its planned duration.
// The launch's projected end is the latest projected step end; the plan's end the latest planned
// step end. A start-only step (no end, no duration) counts as an instant.

import type { Runbook } from '../runbook/model';
import { plannedForwardSteps } from './plan';
import { latestRunByStep, type StepRun } from './runs';
import { wholeMinutes } from './minutes';

export interface ProjectedStep {
  stepId: string;
  plannedStartAtMs: number;
  plannedEndAtMs: number;
  projectedStartAtMs: number;
  projectedEndAtMs: number;
  /** `actual`: finished; `running`: started, end projected; `projected`: not started. */
  basis: 'actual' | 'running' | 'projected';
}

export interface LaunchProjection {
  steps: ProjectedStep[];
  /** Null when no forward step is placed in time. */
  plannedEndAtMs: number | null;
  projectedEndAtMs: number | null;
  /** Projected − planned end; positive = the launch runs late. */
  deltaMs: number | null;
  deltaMinutes: number | null;
}

export function projectLaunch(runbook: Runbook, t0Ms: number, nowMs: number, runs: readonly StepRun[]): LaunchProjection {
  const latest = latestRunByStep(runs);
  const plan = plannedForwardSteps(runbook.steps);
  const projected: ProjectedStep[] = [];
  let delayMs = 0;
  plan.forEach(({ step, span }, i) => {
    const plannedStartAtMs = t0Ms + span.startOffsetMs;
    const plannedEndAtMs = t0Ms + span.endOffsetMs;
    const durationMs = Math.max(0, span.endOffsetMs - span.startOffsetMs);
    const run = latest.get(step.id);
    let start: number;
    let end: number;
    let basis: ProjectedStep['basis'];
    if (run && run.status !== 'running' && run.endedAtMs != null) {
      [start, end, basis] = [run.startedAtMs, run.endedAtMs, 'actual'];
    } else if (run) {
      [start, end, basis] = [run.startedAtMs, Math.max(run.startedAtMs + durationMs, nowMs), 'running'];
    } else {
      let predecessorsEnd = -Infinity;
      for (let j = 0; j < i; j++) {
        const before = plan[j];
        const done = projected[j];
        if (before && done && before.span.endOffsetMs <= span.startOffsetMs) {
          predecessorsEnd = Math.max(predecessorsEnd, done.projectedEndAtMs);
        }
      }
      start = Math.max(plannedStartAtMs + delayMs, predecessorsEnd, nowMs);
      [end, basis] = [start + durationMs, 'projected'];
    }
    delayMs = end - plannedEndAtMs;
    projected.push({ stepId: step.id, plannedStartAtMs, plannedEndAtMs, projectedStartAtMs: start, projectedEndAtMs: end, basis });
  });
  if (!projected.length) return { steps: [], plannedEndAtMs: null, projectedEndAtMs: null, deltaMs: null, deltaMinutes: null };
  const plannedEndAtMs = Math.max(...projected.map((p) => p.plannedEndAtMs));
  const projectedEndAtMs = Math.max(...projected.map((p) => p.projectedEndAtMs));
  const deltaMs = projectedEndAtMs - plannedEndAtMs;
  return { steps: projected, plannedEndAtMs, projectedEndAtMs, deltaMs, deltaMinutes: wholeMinutes(deltaMs) };
}
