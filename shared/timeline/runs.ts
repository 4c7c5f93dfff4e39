// Actual step runs as the session log records them. A step may run several times (a retry after a
// failure, a run interrupted by a crash and started again); the latest run is the one that counts
// for plan-vs-actual, the earlier ones stay visible as history.

import { z } from 'zod';

export const STEP_RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

export const stepRunSchema = z
  .object({
    stepId: z.string().min(1),
    startedAtMs: z.number().finite(),
    endedAtMs: z.number().finite().nullable(),
    status: z.enum(STEP_RUN_STATUSES),
    /**
     * T0 in force when the run started (the log has every T0 move). A run is judged late or early
     * against the plan of its own time: moving T0 later must not make a step that ran on time late.
     * Absent: judged against the current T0.
     */
    planT0Ms: z.number().finite().optional(),
  })
  .refine((r) => (r.status === 'running') === (r.endedAtMs === null), {
    message: 'a running step has no end time; a finished one has one',
  })
  .refine((r) => r.endedAtMs === null || r.endedAtMs >= r.startedAtMs, {
    message: 'a run cannot end before it started',
  });

export type StepRun = z.infer<typeof stepRunSchema>;

/** Runs of each step, oldest first (ties keep the order they were given in). */
export function runHistoryByStep(runs: readonly StepRun[]): Map<string, StepRun[]> {
  const byStep = new Map<string, StepRun[]>();
  runs.forEach((run) => {
    const list = byStep.get(run.stepId);
    if (list) list.push(run);
    else byStep.set(run.stepId, [run]);
  });
  // Array.prototype.sort is stable, so runs started in the same millisecond keep the log order.
  for (const list of byStep.values()) list.sort((a, b) => a.startedAtMs - b.startedAtMs);
  return byStep;
}

/** The run that counts for each step: the one started last. */
export function latestRunByStep(runs: readonly StepRun[]): Map<string, StepRun> {
  const latest = new Map<string, StepRun>();
  for (const [stepId, list] of runHistoryByStep(runs)) {
    const last = list[list.length - 1];
    if (last) latest.set(stepId, last);
  }
  return latest;
}

/** Length of a run: to its end, or to `nowMs` while it is still running (never negative). */
export function runDurationMs(run: StepRun, nowMs: number): number {
  return Math.max(0, (run.endedAtMs ?? nowMs) - run.startedAtMs);
}
