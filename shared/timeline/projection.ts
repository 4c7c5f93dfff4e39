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

/**
 * The running maximum of projected ends over the steps whose planned end is at or before a given
 * planned start. Queried with non-decreasing starts (the plan is walked in start order), so a step
 * that has become a predecessor stays one: each step enters and leaves the queue once.
 */
class PredecessorEnds {
  /** Processed steps not yet predecessors, sorted by planned end, latest first (pop() gives the earliest). */
  private readonly pending: Array<{ plannedEndOffsetMs: number; projectedEndAtMs: number }> = [];
  private maxEnd = -Infinity;

  add(plannedEndOffsetMs: number, projectedEndAtMs: number): void {
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.pending[mid]?.plannedEndOffsetMs ?? 0) > plannedEndOffsetMs) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, { plannedEndOffsetMs, projectedEndAtMs });
  }

  endBefore(plannedStartOffsetMs: number): number {
    for (let last = this.pending.at(-1); last && last.plannedEndOffsetMs <= plannedStartOffsetMs; last = this.pending.at(-1)) {
      this.maxEnd = Math.max(this.maxEnd, last.projectedEndAtMs);
      this.pending.pop();
    }
    return this.maxEnd;
  }
}

export function projectLaunch(runbook: Runbook, t0Ms: number, nowMs: number, runs: readonly StepRun[]): LaunchProjection {
  const latest = latestRunByStep(runs);
  const projected: ProjectedStep[] = [];
  const predecessors = new PredecessorEnds();
  let delayMs = 0;
  for (const { step, span } of plannedForwardSteps(runbook.steps)) {
    const plannedStartAtMs = t0Ms + span.startOffsetMs;
    const plannedEndAtMs = t0Ms + span.endOffsetMs;
    const durationMs = Math.max(0, span.endOffsetMs - span.startOffsetMs);
    const run = latest.get(step.id);
    const predecessorsEnd = predecessors.endBefore(span.startOffsetMs);
    let start: number;
    let end: number;
    let basis: ProjectedStep['basis'];
    if (run && run.status !== 'running' && run.endedAtMs != null) {
      [start, end, basis] = [run.startedAtMs, run.endedAtMs, 'actual'];
    } else if (run) {
      [start, end, basis] = [run.startedAtMs, Math.max(run.startedAtMs + durationMs, nowMs), 'running'];
    } else {
      start = Math.max(plannedStartAtMs + delayMs, predecessorsEnd, nowMs);
      [end, basis] = [start + durationMs, 'projected'];
    }
    delayMs = end - plannedEndAtMs;
    predecessors.add(span.endOffsetMs, end);
    projected.push({ stepId: step.id, plannedStartAtMs, plannedEndAtMs, projectedStartAtMs: start, projectedEndAtMs: end, basis });
  }
  if (!projected.length) return { steps: [], plannedEndAtMs: null, projectedEndAtMs: null, deltaMs: null, deltaMinutes: null };
  const plannedEndAtMs = Math.max(...projected.map((p) => p.plannedEndAtMs));
  const projectedEndAtMs = Math.max(...projected.map((p) => p.projectedEndAtMs));
  const deltaMs = projectedEndAtMs - plannedEndAtMs;
  return { steps: projected, plannedEndAtMs, projectedEndAtMs, deltaMs, deltaMinutes: wholeMinutes(deltaMs) };
}
