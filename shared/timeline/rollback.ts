// The latest safe rollback time: the last moment a rollback can start and still be complete before
// the launch window closes. It is the end of the window minus the time the rollback steps take
// (steps flagged `rollback`, which the runbook's decision tree links), following the dependency
// graph: the longest chain of rollback steps, where steps that wait for each other add up and steps
// the runbook says run side by side (front matter `after`) count once. By default the rollback steps
// form one chain in document order, so they all add up — deliberately pessimistic: the runbook may
// list a "prepare" and an "immediate" path, and the console cannot know which one the IC will take.
// When the forecast end of the launch is past that moment, a problem found at the end could no
// longer be rolled back inside the window: `forecastPastDeadline` says so.

import type { Runbook, Step } from '../runbook/model';
import { planGraph } from '../plan/graph';
import { plannedDurationOf } from './plan';
import { phaseBands } from './phases';

/**
 * Assumed length of a rollback step the runbook gives no duration for. Five minutes: the seed's
 * emergency rollback says "about 60-90 seconds" plus "monitor for stability (5 minutes)", and an
 * unknown step should move the deadline earlier, not be counted as free.
 */
export const DEFAULT_ROLLBACK_STEP_MS = 5 * 60_000;

/** How close to the deadline the warning turns to `soon`. */
export const ROLLBACK_SOON_MS = 15 * 60_000;

/** `unknown`: no window end to count back from. */
export type RollbackWarning = 'ok' | 'soon' | 'passed' | 'unknown';

export interface RollbackStepCost {
  stepId: string;
  title: string;
  durationMs: number;
  basis: 'window' | 'planned-duration' | 'default';
}

export interface LatestSafeRollback {
  windowEndAtMs: number | null;
  windowEndBasis: 'explicit' | 'last-phase-end' | 'none';
  steps: RollbackStepCost[];
  /** The longest chain of rollback steps through the dependency graph. */
  rollbackDurationMs: number;
  latestSafeAtMs: number | null;
  /** The launch's forecast end (when given) is after the latest safe rollback. */
  forecastPastDeadline: boolean;
  /** Time left to start a rollback (negative once passed); null when unknown. */
  remainingMs: number | null;
  warning: RollbackWarning;
}

export interface RollbackOptions {
  /**
   * End of the launch window relative to T0; default: the latest phase band end (an open last
   * phase, such as hypercare, counts with its start: the window closes when it begins).
   */
  windowEndOffsetMs?: number | null;
  /** Phase band sections when the caller overrides the automatic choice. */
  phaseSectionIds?: readonly string[];
  defaultStepMs?: number;
  soonMs?: number;
  /** The launch's forecast end, to tell whether it finishes after the latest safe rollback. */
  projectedEndAtMs?: number | null;
}

function costOf(step: Step, defaultStepMs: number): RollbackStepCost {
  const { startOffsetMs: start, endOffsetMs: end } = step.window;
  const duration = plannedDurationOf(step);
  const basis = start != null && end != null && end >= start ? 'window' : duration != null ? 'planned-duration' : 'default';
  return { stepId: step.id, title: step.title, durationMs: duration ?? defaultStepMs, basis };
}

/** The longest path through the rollback steps, each weighing its cost. */
function longestChainMs(runbook: Runbook, costs: readonly RollbackStepCost[]): number {
  if (!costs.length) return 0;
  const cost = new Map(costs.map((c) => [c.stepId, c.durationMs]));
  const graph = planGraph(runbook);
  const finish = new Map<string, number>();
  for (const id of graph.order) {
    const own = cost.get(id);
    if (own == null) continue;
    const before = (graph.predecessors.get(id) ?? []).reduce((max, p) => Math.max(max, finish.get(p) ?? 0), 0);
    finish.set(id, before + own);
  }
  return Math.max(0, ...finish.values());
}

export function latestSafeRollback(runbook: Runbook, t0Ms: number, nowMs: number, options: RollbackOptions = {}): LatestSafeRollback {
  const steps = runbook.steps.filter((s) => s.rollback).map((s) => costOf(s, options.defaultStepMs ?? DEFAULT_ROLLBACK_STEP_MS));
  const rollbackDurationMs = longestChainMs(runbook, steps);
  let windowEndOffset: number | null = null;
  let windowEndBasis: LatestSafeRollback['windowEndBasis'] = 'none';
  if (options.windowEndOffsetMs != null) {
    [windowEndOffset, windowEndBasis] = [options.windowEndOffsetMs, 'explicit'];
  } else {
    const bands = phaseBands(runbook, options.phaseSectionIds);
    if (bands.length) [windowEndOffset, windowEndBasis] = [Math.max(...bands.map((b) => b.endOffsetMs)), 'last-phase-end'];
  }
  if (windowEndOffset == null) {
    return { windowEndAtMs: null, windowEndBasis, steps, rollbackDurationMs, latestSafeAtMs: null, forecastPastDeadline: false, remainingMs: null, warning: 'unknown' };
  }
  const windowEndAtMs = t0Ms + windowEndOffset;
  const latestSafeAtMs = windowEndAtMs - rollbackDurationMs;
  const remainingMs = latestSafeAtMs - nowMs;
  // Starting exactly at the deadline still finishes in time, so it is `passed` only after it.
  const warning: RollbackWarning = remainingMs < 0 ? 'passed' : remainingMs <= (options.soonMs ?? ROLLBACK_SOON_MS) ? 'soon' : 'ok';
  const forecastPastDeadline = options.projectedEndAtMs != null && options.projectedEndAtMs > latestSafeAtMs;
  return { windowEndAtMs, windowEndBasis, steps, rollbackDurationMs, latestSafeAtMs, forecastPastDeadline, remainingMs, warning };
}
