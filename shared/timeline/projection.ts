// The projected end of the launch, from the actual progress so far, following the dependency graph
// (shared/plan): a late step moves everything that waits for it, and only that.
//
// This is the forward-plan view of the plan forecast (shared/plan/forecast.ts, where the rules are):
// steps with a planned time, rollback steps left out, in planned order (start, then source line).
// The launch's projected end is the latest projected step end; the plan's end the latest planned
// step end. A start-only step (no end, no duration) counts as an instant.

import type { Runbook } from '../runbook/model';
import { forecastPlan, type GateOutcome, type PlanForecast } from '../plan/forecast';
import { planGraph } from '../plan/graph';
import { plannedForwardSteps } from './plan';
import type { StepRun } from './runs';
import { wholeMinutes } from './minutes';

export interface ProjectedStep {
  stepId: string;
  plannedStartAtMs: number;
  plannedEndAtMs: number;
  projectedStartAtMs: number;
  projectedEndAtMs: number;
  /** `actual`: finished; `running`: started, end projected; `projected`: not started. */
  basis: 'actual' | 'running' | 'projected';
}

export interface LaunchProjection {
  steps: ProjectedStep[];
  /** Null when no forward step is placed in time. */
  plannedEndAtMs: number | null;
  projectedEndAtMs: number | null;
  /** Projected − planned end; positive = the launch runs late. */
  deltaMs: number | null;
  deltaMinutes: number | null;
}

/** The whole plan's forecast (steps, gates, milestones, critical path) for this instant. */
export function forecastOf(runbook: Runbook, t0Ms: number, nowMs: number, runs: readonly StepRun[], gateOutcomes: readonly GateOutcome[] = []): PlanForecast {
  return forecastPlan(planGraph(runbook), { t0Ms, nowMs, runs, gateOutcomes });
}

export function projectLaunch(
  runbook: Runbook,
  t0Ms: number,
  nowMs: number,
  runs: readonly StepRun[],
  forecast: PlanForecast = forecastOf(runbook, t0Ms, nowMs, runs),
): LaunchProjection {
  const projected: ProjectedStep[] = [];
  for (const { step, span } of plannedForwardSteps(runbook.steps)) {
    const f = forecast.byId.get(step.id);
    if (!f || f.startAtMs == null || f.endAtMs == null) continue;
    const basis = f.basis === 'actual' ? 'actual' : f.basis === 'running' ? 'running' : 'projected';
    projected.push({
      stepId: step.id,
      plannedStartAtMs: t0Ms + span.startOffsetMs,
      plannedEndAtMs: t0Ms + span.endOffsetMs,
      projectedStartAtMs: f.startAtMs,
      projectedEndAtMs: f.endAtMs,
      basis,
    });
  }
  if (!projected.length) return { steps: [], plannedEndAtMs: null, projectedEndAtMs: null, deltaMs: null, deltaMinutes: null };
  const plannedEndAtMs = Math.max(...projected.map((p) => p.plannedEndAtMs));
  const projectedEndAtMs = Math.max(...projected.map((p) => p.projectedEndAtMs));
  const deltaMs = projectedEndAtMs - plannedEndAtMs;
  return { steps: projected, plannedEndAtMs, projectedEndAtMs, deltaMs, deltaMinutes: wholeMinutes(deltaMs) };
}
