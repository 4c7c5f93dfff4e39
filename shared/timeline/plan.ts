// A step's planned window, completed from what the runbook gives. A runbook may give a window
// (`**Target**: 12:05 - 12:15 PM UTC`), a duration (`Step 2: Deploy New Code (10 min)`), or a start
// time only (`Canary: 5% of Traffic (12:30 PM)`); the plan math needs a start and an end.

import type { Step, TOffsetMs } from '../runbook/model';

export interface PlannedSpan {
  startOffsetMs: TOffsetMs;
  endOffsetMs: TOffsetMs;
  /**
   * `window`: both ends written; `start+duration` / `end-duration`: one end from the planned
   * duration; `start-only`: no end and no duration, so the step is planned as an instant.
   */
  basis: 'window' | 'start+duration' | 'end-duration' | 'start-only';
}

/** The planned span of a step relative to T0, or null when the runbook places it nowhere in time. */
export function plannedSpanOf(step: Step): PlannedSpan | null {
  const { startOffsetMs: start, endOffsetMs: end } = step.window;
  const duration = step.plannedDurationMs;
  if (start != null && end != null) return { startOffsetMs: start, endOffsetMs: end, basis: 'window' };
  if (start != null && duration != null) return { startOffsetMs: start, endOffsetMs: start + duration, basis: 'start+duration' };
  if (end != null && duration != null) return { startOffsetMs: end - duration, endOffsetMs: end, basis: 'end-duration' };
  if (start != null) return { startOffsetMs: start, endOffsetMs: start, basis: 'start-only' };
  return null;
}

/** Planned duration: the written window's length, else the heading's `(N min)`, else null. */
export function plannedDurationOf(step: Step): number | null {
  const { startOffsetMs: start, endOffsetMs: end } = step.window;
  if (start != null && end != null && end >= start) return end - start;
  return step.plannedDurationMs;
}

/** Steps of the forward plan (not rollback), placed in time, in planned order (start, then source line). */
export function plannedForwardSteps(steps: readonly Step[]): Array<{ step: Step; span: PlannedSpan }> {
  const placed: Array<{ step: Step; span: PlannedSpan }> = [];
  for (const step of steps) {
    if (step.rollback) continue;
    const span = plannedSpanOf(step);
    if (span) placed.push({ step, span });
  }
  return placed.sort((a, b) => a.span.startOffsetMs - b.span.startOffsetMs || a.step.line - b.step.line);
}
