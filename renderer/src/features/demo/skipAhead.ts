// "Skip to the next gate": in a five-minute demo nobody waits ten minutes for T+6. Moving T0 is the
// console's own, logged way of changing when things are due, so skipping ahead is one T0 move with
// a reason — the timeline, the gate prompt and the report all see it as what it is.
import type { Gate, Runbook } from '../../../../shared/runbook/model';
import { gateDecisionOf } from '../../../../shared/session/metricsState';
import type { SessionState } from '../../../../shared/session/sessionState';

export interface SkipAhead {
  gate: Gate;
  /** T0 that makes the gate due now (whole seconds, never after the gate's moment). */
  t0Ms: number;
  reason: string;
}

/** The first undecided gate not yet due, and the T0 that makes it due now; null when none is left. */
export function skipToNextGate(runbook: Runbook, state: SessionState, t0Ms: number, nowMs: number): SkipAhead | null {
  const gate = runbook.gates
    .filter((candidate) => candidate.offsetMs !== null && !gateDecisionOf(state.metrics, candidate.id))
    .sort((a, b) => a.offsetMs! - b.offsetMs!)
    .find((candidate) => t0Ms + candidate.offsetMs! > nowMs);
  if (!gate) return null;
  return {
    gate,
    t0Ms: Math.floor((nowMs - gate.offsetMs!) / 1000) * 1000,
    reason: `Demo: skipped ahead so that "${gate.title}" is due now.`,
  };
}
