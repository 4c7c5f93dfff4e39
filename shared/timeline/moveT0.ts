// Moving T0. The plan is stored as offsets from T0, so a move shifts every planned time — phases,
// step windows, milestones, gates, the rollback deadline — by the same amount. Actual runs are
// wall-clock facts and do not move: after a move, a step that already ran is judged late or early
// against the new plan. The session log records every move (from, to, reason); this module only
// decides whether a move is acceptable and what it means.

import type { StepRun } from './runs';
import { formatDuration, formatUtc } from './format';
import type { TimelineIssue } from './validate';

/**
 * A launch is "running" from 30 minutes before T0 (the war room opens at T-30 in the runbooks this
 * console is for) or as soon as any step has run, even earlier (a pre-flight step run early).
 * From then on, moving T0 changes what people in the room are counting down to, so it needs a reason.
 */
export const LAUNCH_RUNNING_LEAD_MS = 30 * 60_000;

export function isLaunchRunning(t0Ms: number, nowMs: number, runs: readonly StepRun[]): boolean {
  return nowMs >= t0Ms - LAUNCH_RUNNING_LEAD_MS || runs.length > 0;
}

/** Whether moving T0 now must carry a reason (judged on the T0 in force before the move). */
export function t0MoveNeedsReason(currentT0Ms: number, nowMs: number, runs: readonly StepRun[]): boolean {
  return isLaunchRunning(currentT0Ms, nowMs, runs);
}

export interface T0MoveRequest {
  currentT0Ms: number;
  newT0Ms: number;
  nowMs: number;
  runs: readonly StepRun[];
  reason?: string | null;
}

export interface T0Move {
  fromT0Ms: number;
  toT0Ms: number;
  /** toT0Ms − fromT0Ms: how far every planned time moves (positive = later). */
  shiftMs: number;
  /** Trimmed; null when none was given (only allowed before the launch runs). */
  reason: string | null;
  /** The launch was running when T0 was moved. */
  launchRunning: boolean;
  /** Shown with the confirmation, not blocking: e.g. the new T0 is already in the past. */
  warnings: TimelineIssue[];
}

export type T0MoveError = { code: 'invalid-t0' | 'unchanged' | 'reason-required'; message: string };

export type T0MoveResult = { ok: true; move: T0Move } | { ok: false; error: T0MoveError };

export function moveT0(request: T0MoveRequest): T0MoveResult {
  const { currentT0Ms, newT0Ms, nowMs, runs } = request;
  if (!Number.isFinite(newT0Ms)) return { ok: false, error: { code: 'invalid-t0', message: 'The new T0 is not a valid time.' } };
  if (newT0Ms === currentT0Ms) return { ok: false, error: { code: 'unchanged', message: 'The new T0 is the current T0.' } };
  const launchRunning = isLaunchRunning(currentT0Ms, nowMs, runs);
  const reason = request.reason?.trim() || null;
  if (launchRunning && !reason) {
    return {
      ok: false,
      error: { code: 'reason-required', message: 'The launch is running (T-30 reached or a step has run): moving T0 needs a reason.' },
    };
  }
  const warnings: TimelineIssue[] = [];
  if (newT0Ms < nowMs && !launchRunning) {
    warnings.push({
      kind: 't0-in-past',
      severity: 'warning',
      message: `The new T0 (${formatUtc(newT0Ms, true)}) is ${formatDuration(nowMs - newT0Ms)} in the past for a launch that has not begun.`,
    });
  }
  return { ok: true, move: { fromT0Ms: currentT0Ms, toT0Ms: newT0Ms, shiftMs: newT0Ms - currentT0Ms, reason, launchRunning, warnings } };
}
