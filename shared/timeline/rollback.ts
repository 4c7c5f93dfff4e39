// The latest safe rollback time: the last moment a rollback can start and still be complete before
// the launch window closes. It is the end of the window minus the rollback steps' own planned
// durations, added up (steps flagged `rollback`, which the runbook's decision tree links). Adding
// them all is deliberately pessimistic: the runbook may list a "prepare" and an "immediate" path,
// and the console cannot know which one the IC will take.

import type { Runbook, Step } from '../runbook/model';
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
  rollbackDurationMs: number;
  latestSafeAtMs: number | null;
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
}

function costOf(step: Step, defaultStepMs: number): RollbackStepCost {
  const { startOffsetMs: start, endOffsetMs: end } = step.window;
  const duration = plannedDurationOf(step);
  const basis = start != null && end != null && end >= start ? 'window' : duration != null ? 'planned-duration' : 'default';
  return { stepId: step.id, title: step.title, durationMs: duration ?? defaultStepMs, basis };
}

export function latestSafeRollback(runbook: Runbook, t0Ms: number, nowMs: number, options: RollbackOptions = {}): LatestSafeRollback {
  const steps = runbook.steps.filter((s) => s.rollback).map((s) => costOf(s, options.defaultStepMs ?? DEFAULT_ROLLBACK_STEP_MS));
  const rollbackDurationMs = steps.reduce((sum, s) => sum + s.durationMs, 0);
  let windowEndOffset: number | null = null;
  let windowEndBasis: LatestSafeRollback['windowEndBasis'] = 'none';
  if (options.windowEndOffsetMs != null) {
    [windowEndOffset, windowEndBasis] = [options.windowEndOffsetMs, 'explicit'];
  } else {
    const bands = phaseBands(runbook, options.phaseSectionIds);
    if (bands.length) [windowEndOffset, windowEndBasis] = [Math.max(...bands.map((b) => b.endOffsetMs)), 'last-phase-end'];
  }
  if (windowEndOffset == null) {
    return { windowEndAtMs: null, windowEndBasis, steps, rollbackDurationMs, latestSafeAtMs: null, remainingMs: null, warning: 'unknown' };
  }
  const windowEndAtMs = t0Ms + windowEndOffset;
  const latestSafeAtMs = windowEndAtMs - rollbackDurationMs;
  const remainingMs = latestSafeAtMs - nowMs;
  // Starting exactly at the deadline still finishes in time, so it is `passed` only after it.
  const warning: RollbackWarning = remainingMs < 0 ? 'passed' : remainingMs <= (options.soonMs ?? ROLLBACK_SOON_MS) ? 'soon' : 'ok';
  return { windowEndAtMs, windowEndBasis, steps, rollbackDurationMs, latestSafeAtMs, remainingMs, warning };
}
