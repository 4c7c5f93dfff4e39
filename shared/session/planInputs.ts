// The plan forecast of a session at an instant, and what a step still waits for — the same
// answer for the console (which refuses an out-of-order run without a reason) and the UI (which asks
// for one before sending it).
import { forecastPlan, unmetPredecessors, type PlanForecast } from '../plan/forecast';
import { planGraph } from '../plan/graph';
import type { Runbook } from '../runbook/model';
import type { SessionState } from './sessionState';
import { gateOutcomesOf, stepRunsOf } from './timelineInputs';

export function sessionForecast(runbook: Runbook, state: SessionState, nowMs: number): PlanForecast {
  return forecastPlan(planGraph(runbook), { t0Ms: Date.parse(state.header.t0), nowMs, runs: stepRunsOf(state), gateOutcomes: gateOutcomesOf(state, runbook.gates) });
}

export interface WaitingFor {
  id: string;
  kind: 'step' | 'gate' | 'milestone';
  title: string;
}

/** Steps not succeeded and gates without a GO that a step waits for (milestones looked through). */
export function waitingFor(runbook: Runbook, state: SessionState, stepId: string, nowMs: number): WaitingFor[] {
  const forecast = sessionForecast(runbook, state, nowMs);
  return unmetPredecessors(planGraph(runbook), forecast, stepId).map((n) => ({ id: n.id, kind: n.kind, title: n.title }));
}

/** "the gate “Go/No-Go…” (no GO yet), the step “Deploy” (not succeeded)" */
export function describeWaitingFor(list: readonly WaitingFor[]): string {
  const why = { step: 'not succeeded yet', gate: 'no GO yet', milestone: 'its time has not come' } as const;
  return list.map((w) => `the ${w.kind} “${w.title}” (${why[w.kind]})`).join(', ');
}
