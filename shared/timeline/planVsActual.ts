// Plan vs actual per step: the planned window for this T0, what actually ran, and how late or
// early it was. Actual runs are absolute wall times; the plan is T0 + offsets, so moving T0 moves
// the plan under runs that stay where they happened. A run is judged against the plan in force
// when it started (`StepRun.planT0Ms`): a step that ran on time stays on time when T0 moves later.

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
  /** Null when the runbook places the step nowhere in time. The current plan (current T0). */
  planned: PlannedWindowAt | null;
  /**
   * The window the counting run is judged against: the plan in force when it started. Equal to
   * `planned` unless T0 moved since; null without a run or a window.
   */
  judgedPlan: PlannedWindowAt | null;
  /** T0 moved after the counting run started: its timing is against the earlier plan. */
  planMovedSinceRun: boolean;
  plannedDurationMs: number | null;
  /** The run that counts (started last), or null. */
  run: StepRun | null;
  /** Every run of the step, oldest first (includes `run`). */
  history: StepRun[];
  actualStartAtMs: number | null;
  actualEndAtMs: number | null;
  /** Actual start − planned start (of the plan in force then); positive = late. */
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
  const runT0Ms = run?.planT0Ms ?? t0Ms;
  const judgedPlan = run ? plannedWindowAt(step, runT0Ms) : null;
  const startDeltaMs = run && judgedPlan ? run.startedAtMs - judgedPlan.startAtMs : null;
  const endDeltaMs = run?.endedAtMs != null && judgedPlan ? run.endedAtMs - judgedPlan.endAtMs : null;
  const overrunning = run?.status === 'running' && judgedPlan != null && nowMs > judgedPlan.endAtMs;
  const overrunMs = overrunning && judgedPlan ? nowMs - judgedPlan.endAtMs : null;
  return {
    stepId: step.id,
    title: step.title,
    rollback: step.rollback,
    planned,
    judgedPlan,
    planMovedSinceRun: run != null && runT0Ms !== t0Ms,
    plannedDurationMs: plannedDurationOf(step),
    run,
    history: sorted,
    actualStartAtMs: run?.startedAtMs ?? null,
    actualEndAtMs: run?.endedAtMs ?? null,
    startDeltaMs,
    startDeltaMinutes: startDeltaMs == null ? null : wholeMinutes(startDeltaMs),
    endDeltaMs,
    endDeltaMinutes: endDeltaMs == null ? null : wholeMinutes(endDeltaMs),
    timing: timingOf(run ? judgedPlan : planned, run, nowMs, options.toleranceMs ?? 0),
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
