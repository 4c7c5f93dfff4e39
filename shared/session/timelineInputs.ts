// What the timeline needs from a session's state: the step runs (plan vs actual, projection) and
// the gates already decided (no longer prompted). Each feature's projection feeds these.
import type { GateOutcome } from '../plan/forecast';
import type { StepRun } from '../timeline/runs';
import type { SessionState } from './sessionState';
import { timelineRuns } from './stepRunsState';

/** Every run of every step, as the timeline reads them. */
export function stepRunsOf(state: SessionState): StepRun[] {
  return timelineRuns(state.steps);
}

/** Gates with a recorded GO / NO-GO. */
export function decidedGateIdsOf(state: SessionState): Set<string> {
  return new Set(state.metrics.gateDecisions.map((decision) => decision.gateId));
}

/** Every gate decision with its time, for the forecast (a GO releases what waits for the gate). */
export function gateOutcomesOf(state: SessionState): GateOutcome[] {
  return state.metrics.gateDecisions.map((d) => ({ gateId: d.gateId, decision: d.decision, atMs: Date.parse(d.at) }));
}
