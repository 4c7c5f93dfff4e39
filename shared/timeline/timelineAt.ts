// Everything the clock display and the timeline strip show at one instant, computed from the
// runbook, T0, "now" and the step runs. Pure: the caller ticks it with its injected clock.

import type { Gate, Milestone, Runbook, TOffsetMs } from '../runbook/model';
import { formatCountdown, tCounter, type TCounter } from './format';
import { phaseAt, phaseBands, type PhaseBand, type PhasePosition } from './phases';
import { plannedSpanOf } from './plan';
import { planVsActual, type StepProgress } from './planVsActual';
import { forecastOf, projectLaunch, type LaunchProjection } from './projection';
import type { GateOutcome, PlanForecast } from '../plan/forecast';
import { latestSafeRollback, type LatestSafeRollback } from './rollback';
import type { StepRun } from './runs';

export interface Upcoming<T> {
  item: T;
  offsetMs: TOffsetMs;
  atMs: number;
  /** Time left until it (0 once reached). */
  inMs: number;
  /** `00:05:00`, rounded up like the big counter. */
  countdown: string;
}

export interface StripMarker {
  kind: 'milestone' | 'gate';
  id: string;
  label: string;
  offsetMs: TOffsetMs;
  atMs: number;
  passed: boolean;
}

export interface StripSpan {
  startOffsetMs: TOffsetMs;
  endOffsetMs: TOffsetMs;
  /** `planned`: from the runbook's milestones, windows, gates and phases; `default`: nothing is timed. */
  basis: 'planned' | 'default';
}

/** Shown when a runbook has no times at all: the IC's usual window around T0, T-30 … T+180. */
export const DEFAULT_STRIP_SPAN: StripSpan = { startOffsetMs: -30 * 60_000, endOffsetMs: 180 * 60_000, basis: 'default' };

export interface TimelineOptions {
  /** Phase band sections, overriding the automatic choice (see phases.ts). */
  phaseSectionIds?: readonly string[];
  /** Gates already decided (GO / NO-GO recorded): no longer "next" or "due". */
  decidedGateIds?: ReadonlySet<string>;
  /** Gate decisions with their time: a GO releases what waits for the gate (the forecast). */
  gateOutcomes?: readonly GateOutcome[];
  /** Start tolerance for late/early. Default 0. */
  toleranceMs?: number;
  /** End of the launch window for the rollback deadline, relative to T0. Default: last phase end. */
  windowEndOffsetMs?: number | null;
  defaultRollbackStepMs?: number;
  rollbackSoonMs?: number;
}

export interface TimelineState {
  t0Ms: number;
  nowMs: number;
  /** now − T0. */
  offsetMs: number;
  counter: TCounter;
  phase: PhasePosition;
  bands: PhaseBand[];
  /** The next milestone strictly after now (one reached this instant is no longer "next"). */
  nextMilestone: Upcoming<Milestone> | null;
  /** The next undecided gate strictly after now. */
  nextGate: Upcoming<Gate> | null;
  /** Undecided gates whose time has come, oldest first: the prompts to show now. */
  dueGates: Upcoming<Gate>[];
  markers: StripMarker[];
  /** Everything planned: first milestone … last, widened to all windows, gates and phases. */
  span: StripSpan;
  /**
   * The launch itself: phases, step windows and gates, without far-off milestones (`72 Hours
   * Before`, `1 Week Post-Launch` headings) — the strip's initial zoom, T-30 … T+180 for the seed.
   * Equal to `span` when nothing but milestones is timed.
   */
  focusSpan: StripSpan;
  steps: StepProgress[];
  projection: LaunchProjection;
  /** Every step, gate and milestone with its forecast start and end, and the critical path. */
  forecast: PlanForecast;
  rollback: LatestSafeRollback;
}

function upcoming<T>(item: T, offsetMs: number, t0Ms: number, nowMs: number): Upcoming<T> {
  const atMs = t0Ms + offsetMs;
  const inMs = Math.max(0, atMs - nowMs);
  return { item, offsetMs, atMs, inMs, countdown: formatCountdown(inMs) };
}

const byTimeThenLine = <T extends { line: number }>(offset: (x: T) => number) => (a: T, b: T) =>
  offset(a) - offset(b) || a.line - b.line;

/**
 * The strip runs from the first milestone to the last, widened to take in every step window, gate
 * and phase band, so nothing planned is drawn off the edge.
 */
export function stripSpan(runbook: Runbook, bands: readonly PhaseBand[]): StripSpan {
  return spanOver(runbook.milestones.map((m) => m.offsetMs), runbook, bands) ?? DEFAULT_STRIP_SPAN;
}

/** The launch's own span: phases, step windows and gates (see `TimelineState.focusSpan`). */
export function focusSpan(runbook: Runbook, bands: readonly PhaseBand[]): StripSpan {
  return spanOver([], runbook, bands) ?? stripSpan(runbook, bands);
}

function spanOver(seed: number[], runbook: Runbook, bands: readonly PhaseBand[]): StripSpan | null {
  const points = [...seed];
  for (const g of runbook.gates) if (g.offsetMs != null) points.push(g.offsetMs);
  for (const b of bands) points.push(b.startOffsetMs, b.endOffsetMs);
  for (const step of runbook.steps) {
    const span = plannedSpanOf(step);
    if (span) points.push(span.startOffsetMs, span.endOffsetMs);
  }
  if (!points.length) return null;
  return { startOffsetMs: Math.min(...points), endOffsetMs: Math.max(...points), basis: 'planned' };
}

export function timelineAt(
  runbook: Runbook,
  t0Ms: number,
  nowMs: number,
  runs: readonly StepRun[],
  options: TimelineOptions = {},
): TimelineState {
  const offsetMs = nowMs - t0Ms;
  const bands = phaseBands(runbook, options.phaseSectionIds);
  const decided = options.decidedGateIds ?? new Set<string>();
  const milestones = [...runbook.milestones].sort(byTimeThenLine((m: Milestone) => m.offsetMs));
  const timedGates = runbook.gates
    .filter((g): g is Gate & { offsetMs: number } => g.offsetMs != null)
    .sort(byTimeThenLine((g: Gate & { offsetMs: number }) => g.offsetMs));
  const openGates = timedGates.filter((g) => !decided.has(g.id));
  const nextMilestone = milestones.find((m) => m.offsetMs > offsetMs);
  const nextGate = openGates.find((g) => g.offsetMs > offsetMs);
  const markers: StripMarker[] = [
    ...milestones.map((m) => ({ kind: 'milestone' as const, id: m.id, label: m.text, offsetMs: m.offsetMs })),
    ...timedGates.map((g) => ({ kind: 'gate' as const, id: g.id, label: g.title, offsetMs: g.offsetMs })),
  ]
    .sort((a, b) => a.offsetMs - b.offsetMs)
    .map((m) => ({ ...m, atMs: t0Ms + m.offsetMs, passed: m.offsetMs <= offsetMs }));
  const forecast = forecastOf(runbook, t0Ms, nowMs, runs, options.gateOutcomes);
  const projection = projectLaunch(runbook, t0Ms, nowMs, runs, forecast);
  return {
    t0Ms,
    nowMs,
    offsetMs,
    counter: tCounter(nowMs, t0Ms),
    phase: phaseAt(bands, offsetMs),
    bands,
    nextMilestone: nextMilestone ? upcoming(nextMilestone, nextMilestone.offsetMs, t0Ms, nowMs) : null,
    nextGate: nextGate ? upcoming(nextGate, nextGate.offsetMs, t0Ms, nowMs) : null,
    dueGates: openGates.filter((g) => g.offsetMs <= offsetMs).map((g) => upcoming(g, g.offsetMs, t0Ms, nowMs)),
    markers,
    span: stripSpan(runbook, bands),
    focusSpan: focusSpan(runbook, bands),
    steps: planVsActual(runbook, t0Ms, nowMs, runs, { toleranceMs: options.toleranceMs }),
    projection,
    forecast,
    rollback: latestSafeRollback(runbook, t0Ms, nowMs, {
      projectedEndAtMs: projection.projectedEndAtMs,
      windowEndOffsetMs: options.windowEndOffsetMs,
      phaseSectionIds: options.phaseSectionIds,
      defaultStepMs: options.defaultRollbackStepMs,
      soonMs: options.rollbackSoonMs,
    }),
  };
}
