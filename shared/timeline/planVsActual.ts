// Plan vs actual per step: the planned window for this T0, what actually ran, and how late or
// early it was. Actual runs are absolute wall times; the plan is T0 + offsets, so moving T0 moves
// the plan under runs that stay where they happened.

import type { Runbook, Step } from '../runbook/model';
import { plannedDurationOf, plannedSpanOf, type PlannedSpan } from './plan';
import { runHistoryByStep, type StepRun } from './runs';
import { wholeMinutes } from './minutes';

/**
 * `late` / `early` / `on-time`: started after / before / exactly at the planned start (beyond the
 * tolerance, 0 by default). `not-started`: no run yet and the planned end not passed. `missed`: the
 * planned end has passed and the step never started. `unplanned`: it ran, but the runbook gives it
 * no time, so it cannot be late or early.
 */
export type StepTiming = 'late' | 'on-time' | 'early' | 'not-started' | 'missed' | 'unplanned';

export interface PlannedWindowAt extends PlannedSpan {
  startAtMs: number;
  endAtMs: number;
}

export interface StepProgress {
  stepId: string;
  title: string;
  rollback: boolean;
  /** Null when the runbook places the step nowhere in time. */
  planned: PlannedWindowAt | null;
  plannedDurationMs: number | null;
  /** The run that counts (started last), or null. */
  run: StepRun | null;
  /** Every run of the step, oldest first (includes `run`). */
  history: StepRun[];
  actualStartAtMs: number | null;
  actualEndAtMs: number | null;
  /** Actual start − planned start; positive = late. */
  startDeltaMs: number | null;
  startDeltaMinutes: number | null;
  /** Actual end − planned end; positive = finished late. */
  endDeltaMs: number | null;
  endDeltaMinutes: number | null;
  timing: StepTiming;
  /** Not started although its planned start has passed (and its end has not: then it is `missed`). */
  startOverdue: boolean;
  /** Still running after its planned end. */
  overrunning: boolean;
  /** How far past the planned end a running step is; null unless overrunning. */
  overrunMs: number | null;
  overrunMinutes: number | null;
}

export interface PlanVsActualOptions {
  /** A start within this many ms of the planned start is on time. Default 0. */
  toleranceMs?: number;
}

export function plannedWindowAt(step: Step, t0Ms: number): PlannedWindowAt | null {
  const span = plannedSpanOf(step);
  if (!span) return null;
  const { startOffsetMs, endOffsetMs, basis } = span;
  return { startOffsetMs, endOffsetMs, basis, startAtMs: t0Ms + startOffsetMs, endAtMs: t0Ms + endOffsetMs };
}

/**
 * Past its planned end and never started. A step planned at an instant (a start time and neither
 * end nor duration) has no real end, so it is overdue from its start on but never "missed".
 */
function endPassedUnstarted(planned: PlannedWindowAt | null, nowMs: number): boolean {
  return planned != null && planned.basis !== 'start-only' && nowMs > planned.endAtMs;
}

function timingOf(planned: PlannedWindowAt | null, run: StepRun | null, nowMs: number, toleranceMs: number): StepTiming {
  if (!run) return endPassedUnstarted(planned, nowMs) ? 'missed' : 'not-started';
  if (!planned) return 'unplanned';
  const delta = run.startedAtMs - planned.startAtMs;
  if (delta > toleranceMs) return 'late';
  if (delta < -toleranceMs) return 'early';
  return 'on-time';
}

export function stepProgress(
  step: Step,
  t0Ms: number,
  nowMs: number,
  history: readonly StepRun[],
  options: PlanVsActualOptions = {},
): StepProgress {
  const planned = plannedWindowAt(step, t0Ms);
  const sorted = [...history].sort((a, b) => a.startedAtMs - b.startedAtMs);
  const run = sorted[sorted.length - 1] ?? null;
  const startDeltaMs = run && planned ? run.startedAtMs - planned.startAtMs : null;
  const endDeltaMs = run?.endedAtMs != null && planned ? run.endedAtMs - planned.endAtMs : null;
  const overrunning = run?.status === 'running' && planned != null && nowMs > planned.endAtMs;
  const overrunMs = overrunning && planned ? nowMs - planned.endAtMs : null;
  return {
    stepId: step.id,
    title: step.title,
    rollback: step.rollback,
    planned,
    plannedDurationMs: plannedDurationOf(step),
    run,
    history: sorted,
    actualStartAtMs: run?.startedAtMs ?? null,
    actualEndAtMs: run?.endedAtMs ?? null,
    startDeltaMs,
    startDeltaMinutes: startDeltaMs == null ? null : wholeMinutes(startDeltaMs),
    endDeltaMs,
    endDeltaMinutes: endDeltaMs == null ? null : wholeMinutes(endDeltaMs),
    timing: timingOf(planned, run, nowMs, options.toleranceMs ?? 0),
    startOverdue: !run && planned != null && nowMs > planned.startAtMs && !endPassedUnstarted(planned, nowMs),
    overrunning,
    overrunMs,
    overrunMinutes: overrunMs == null ? null : wholeMinutes(overrunMs),
  };
}

/** Plan vs actual for every step of the runbook, in runbook order. Runs of unknown steps are ignored. */
export function planVsActual(
  runbook: Runbook,
  t0Ms: number,
  nowMs: number,
  runs: readonly StepRun[],
  options: PlanVsActualOptions = {},
): StepProgress[] {
  const byStep = runHistoryByStep(runs);
  return runbook.steps.map((step) => stepProgress(step, t0Ms, nowMs, byStep.get(step.id) ?? [], options));
}
