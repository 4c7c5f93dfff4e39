// Rehearsal vs live: a production session can pick a rehearsal (a session on staging) and show,
// per step, how long the step took there against how long it has been running, or took, now.
// Steps are matched by id, which is stable across re-imports of the same runbook.

import type { Step } from '../runbook/model';
import { runHistoryByStep, runDurationMs, type StepRun, type StepRunStatus } from './runs';
import { wholeSeconds } from './minutes';

export interface RehearsalDuration {
  durationMs: number;
  status: Exclude<StepRunStatus, 'running'>;
}

/**
 * One duration per step from a rehearsal's runs: the last run that succeeded, or when none did the
 * last one that ended (its status says how it ended). Runs still open in the rehearsal count for nothing.
 */
export function rehearsalDurations(runs: readonly StepRun[]): Map<string, RehearsalDuration> {
  const out = new Map<string, RehearsalDuration>();
  for (const [stepId, history] of runHistoryByStep(runs)) {
    const ended = history.filter((r) => r.status !== 'running' && r.endedAtMs != null);
    const pick = ended.filter((r) => r.status === 'succeeded').pop() ?? ended.pop();
    if (pick && pick.status !== 'running') out.set(stepId, { durationMs: runDurationMs(pick, pick.startedAtMs), status: pick.status });
  }
  return out;
}

export interface RehearsalComparison {
  stepId: string;
  title: string;
  rehearsal: RehearsalDuration | null;
  live: 'not-started' | 'running' | 'finished';
  /** Elapsed so far while running, actual length once finished, null before it starts. */
  liveDurationMs: number | null;
  /** live − rehearsal; positive = slower than the rehearsal. Null if either side is missing. */
  deltaMs: number | null;
  deltaSeconds: number | null;
  /** Running and already longer than it took in the rehearsal. */
  overRehearsal: boolean;
}

/** Per step of the runbook, in runbook order, the live run (latest) against the rehearsal's duration. */
export function compareWithRehearsal(
  steps: readonly Step[],
  rehearsalRuns: readonly StepRun[],
  liveRuns: readonly StepRun[],
  nowMs: number,
): RehearsalComparison[] {
  const rehearsal = rehearsalDurations(rehearsalRuns);
  const live = runHistoryByStep(liveRuns);
  return steps.map((step) => {
    const history = live.get(step.id) ?? [];
    const run = history[history.length - 1];
    const r = rehearsal.get(step.id) ?? null;
    const liveDurationMs = run ? runDurationMs(run, nowMs) : null;
    const deltaMs = liveDurationMs != null && r ? liveDurationMs - r.durationMs : null;
    return {
      stepId: step.id,
      title: step.title,
      rehearsal: r,
      live: !run ? 'not-started' : run.status === 'running' ? 'running' : 'finished',
      liveDurationMs,
      deltaMs,
      deltaSeconds: deltaMs == null ? null : wholeSeconds(deltaMs),
      overRehearsal: run?.status === 'running' && deltaMs != null && deltaMs > 0,
    };
  });
}
