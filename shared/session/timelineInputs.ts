// What the timeline needs from a session's state: the step runs (plan vs actual, projection) and
// the gates already decided (no longer prompted). Each feature's projection feeds these.
import type { GateOutcome } from '../plan/forecast';
import type { RehearsalRun } from '../timeline/rehearsal';
import type { StepRun } from '../timeline/runs';
import { fanOutText } from './runPolicy';
import type { Gate } from '../runbook/model';
import { gateReleases, settledGateIds } from './gateStatus';
import type { SessionState } from './sessionState';
import { timelineRuns } from './stepRunsState';

/** Every run of every step, as the timeline reads them, each with the T0 in force when it started. */
export function stepRunsOf(state: SessionState): StepRun[] {
  const history = state.header.t0History.map((h) => ({ sinceMs: Date.parse(h.since), t0Ms: Date.parse(h.t0) }));
  return timelineRuns(state.steps).map((run) => ({ ...run, planT0Ms: t0InForceAt(history, run.startedAtMs, Date.parse(state.header.t0)) }));
}

/** The T0 in force at `atMs`: the last one set at or before it (the current T0 when none is known). */
export function t0InForceAt(history: ReadonlyArray<{ sinceMs: number; t0Ms: number }>, atMs: number, currentT0Ms: number): number {
  let t0Ms: number | null = null;
  for (const entry of history) if (entry.sinceMs <= atMs) t0Ms = entry.t0Ms;
  return t0Ms ?? history[0]?.t0Ms ?? currentT0Ms;
}

/** Gates no longer waiting for a decision: passed (GO) or stopped (ROLLBACK); a HOLD is re-evaluated, so it still waits. */
export function decidedGateIdsOf(state: SessionState, gates: readonly Gate[]): Set<string> {
  return settledGateIds(gates, state.metrics);
}

/**
 * Where each decided gate stands, for the forecast: its status (a GO releases what waits for the
 * gate only when every required approver said GO), not any single vote.
 */
export function gateOutcomesOf(state: SessionState, gates: readonly Gate[]): GateOutcome[] {
  return gateReleases(gates, state.metrics);
}

/** Every run with what makes it comparable to a rehearsal: its hosts, whether it re-ran some, its fan-out. */
export function rehearsalRunsOf(state: SessionState): RehearsalRun[] {
  const withPlan = stepRunsOf(state);
  return state.steps.order.map((runId, index) => {
    const run = state.steps.runs[runId]!;
    return { ...withPlan[index]!, runId, targets: run.targets, rerunOf: run.rerunOf, fanOut: fanOutText(run.policy, run.concurrency, run.targets.length) };
  });
}
