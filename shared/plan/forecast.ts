// The live forecast: when each step, gate and milestone not yet done will start and end, from the
// actual durations so far and the planned durations ahead, following the dependency graph.
//
// Walked in dependency order. A node
//  - done or finished keeps what happened: a step's last run (whatever its outcome), a gate's GO at
//    the moment it was given, a milestone whose time has come at that time;
//  - running starts when it started and ends at its planned duration after that, or now when it is
//    already past that (an overrunning step may finish any moment, never in the past);
//  - a gate not passed (still voting: not every required approver said GO; on HOLD; ROLLBACK) waits
//    for a new decision: it ends now at the earliest;
//  - not yet begun starts at the latest of
//      (a) its planned start shifted by the delay its predecessors carry (their forecast end minus
//          their planned end, the largest among them; an early finish pulls it in),
//      (b) the end of its predecessors,
//      (c) now,
//    and lasts its planned duration (gates and milestones: an instant). A node with no planned
//    time starts when its predecessors end; with no predecessors either, its forecast is unknown
//    (shown as unknown, never guessed).
// The critical path is what drives the projected end: from the forward step or gate that ends last,
// back through the predecessor that set each start, until a start is set by the plan or by now.

import type { StepRun } from '../timeline/runs';
import { latestRunByStep } from '../timeline/runs';
import type { PlanGraph, PlanNodeKind } from './graph';

export interface GateOutcome {
  gateId: string;
  /** GO (the gate passed: every required approver said GO) releases its successors; anything else (VOTING, HOLD, ROLLBACK) holds them. */
  decision: string;
  atMs: number;
}

/**
 * `actual`: it happened (finished, decided GO, reached); `running`; `held`: a gate decided
 * otherwise than GO; `forecast`: not begun; `unknown`: nothing places it in time.
 */
export type ForecastBasis = 'actual' | 'running' | 'held' | 'forecast' | 'unknown';

export interface NodeForecast {
  id: string;
  kind: PlanNodeKind;
  title: string;
  rollback: boolean;
  plannedStartAtMs: number | null;
  plannedEndAtMs: number | null;
  startAtMs: number | null;
  endAtMs: number | null;
  basis: ForecastBasis;
  /** Succeeded (step), GO (gate), its time reached (milestone): what releases its successors. */
  done: boolean;
  /** On the path that sets the projected end (never a node that already happened). */
  critical: boolean;
  /** What set the start: a predecessor's id, `planned`, `now`, or null when it already happened / is unknown. */
  drivenBy: string | null;
}

export interface PlanForecast {
  nodes: NodeForecast[];
  byId: Map<string, NodeForecast>;
  /** Latest planned / forecast end over the forward steps and gates; null when none is placed. */
  plannedEndAtMs: number | null;
  projectedEndAtMs: number | null;
  /** Ids from the first not-yet-done node that sets the end to the one that ends last. */
  criticalPath: string[];
}

export interface ForecastInput {
  t0Ms: number;
  nowMs: number;
  runs: readonly StepRun[];
  gateOutcomes?: readonly GateOutcome[];
}

/** The latest decision per gate (a later one replaces an earlier one). */
function latestOutcomes(outcomes: readonly GateOutcome[]): Map<string, GateOutcome> {
  const latest = new Map<string, GateOutcome>();
  for (const o of outcomes) {
    const seen = latest.get(o.gateId);
    if (!seen || o.atMs >= seen.atMs) latest.set(o.gateId, o);
  }
  return latest;
}

export function forecastPlan(graph: PlanGraph, input: ForecastInput): PlanForecast {
  const { t0Ms, nowMs } = input;
  const runs = latestRunByStep(input.runs);
  const gates = latestOutcomes(input.gateOutcomes ?? []);
  const byId = new Map<string, NodeForecast>();
  for (const id of graph.order) {
    const node = graph.byId.get(id)!;
    const plannedStartAtMs = node.plannedStartOffsetMs == null ? null : t0Ms + node.plannedStartOffsetMs;
    const plannedEndAtMs = node.plannedEndOffsetMs == null ? null : t0Ms + node.plannedEndOffsetMs;
    const durationMs = Math.max(0, node.plannedDurationMs ?? 0);
    const base = { id, kind: node.kind, title: node.title, rollback: node.rollback, plannedStartAtMs, plannedEndAtMs, critical: false };
    const put = (f: Omit<NodeForecast, keyof typeof base>) => byId.set(id, { ...base, ...f });
    const run = node.kind === 'step' ? runs.get(id) : undefined;
    const outcome = node.kind === 'gate' ? gates.get(id) : undefined;
    if (run && run.endedAtMs != null) {
      put({ startAtMs: run.startedAtMs, endAtMs: run.endedAtMs, basis: 'actual', done: run.status === 'succeeded', drivenBy: null });
      continue;
    }
    if (run) {
      put({ startAtMs: run.startedAtMs, endAtMs: Math.max(run.startedAtMs + durationMs, nowMs), basis: 'running', done: false, drivenBy: null });
      continue;
    }
    if (outcome) {
      const go = outcome.decision === 'GO';
      put({ startAtMs: outcome.atMs, endAtMs: go ? outcome.atMs : Math.max(outcome.atMs, nowMs), basis: go ? 'actual' : 'held', done: go, drivenBy: null });
      continue;
    }
    if (node.kind === 'milestone' && plannedStartAtMs != null && plannedStartAtMs <= nowMs) {
      put({ startAtMs: plannedStartAtMs, endAtMs: plannedStartAtMs, basis: 'actual', done: true, drivenBy: null });
      continue;
    }
    // Not begun: (a) planned start + carried delay, (b) predecessors' end, (c) now.
    let predEnd = -Infinity;
    let predEndBy: string | null = null;
    let delay: number | null = null;
    let delayBy: string | null = null;
    for (const p of graph.predecessors.get(id) ?? []) {
      const f = byId.get(p);
      if (!f || f.endAtMs == null) continue;
      if (f.endAtMs > predEnd) [predEnd, predEndBy] = [f.endAtMs, p];
      if (f.plannedEndAtMs != null && (delay == null || f.endAtMs - f.plannedEndAtMs > delay)) [delay, delayBy] = [f.endAtMs - f.plannedEndAtMs, p];
    }
    const candidates: Array<[number, string]> = [];
    if (predEndBy) candidates.push([predEnd, predEndBy]);
    if (plannedStartAtMs != null) candidates.push([plannedStartAtMs + (delay ?? 0), delay ? delayBy! : 'planned']);
    if (!candidates.length) {
      put({ startAtMs: null, endAtMs: null, basis: 'unknown', done: false, drivenBy: null });
      continue;
    }
    candidates.push([nowMs, 'now']);
    // The latest wins; on a tie a predecessor is named before the plan, the plan before now.
    const [startAtMs, drivenBy] = candidates.reduce((best, c) => (c[0] > best[0] ? c : best));
    put({ startAtMs, endAtMs: startAtMs + durationMs, basis: 'forecast', done: false, drivenBy });
  }
  const nodes = graph.nodes.map((n) => byId.get(n.id)!);
  const forward = nodes.filter((n) => !n.rollback && n.kind !== 'milestone');
  const ends = forward.flatMap((n) => (n.endAtMs == null ? [] : [n]));
  const planned = forward.flatMap((n) => (n.plannedEndAtMs == null ? [] : [n.plannedEndAtMs]));
  const last = ends.reduce<NodeForecast | null>((a, b) => (!a || b.endAtMs! > a.endAtMs! ? b : a), null);
  const criticalPath: string[] = [];
  for (let at = last; at && at.basis !== 'actual'; at = at.drivenBy ? (byId.get(at.drivenBy) ?? null) : null) {
    if (criticalPath.includes(at.id)) break;
    at.critical = true;
    criticalPath.unshift(at.id);
  }
  return {
    nodes,
    byId,
    plannedEndAtMs: planned.length ? Math.max(...planned) : null,
    projectedEndAtMs: last?.endAtMs ?? null,
    criticalPath,
  };
}

/**
 * The steps and gates a node waits for that are not done yet — running it now would be out of
 * order. Milestones are looked through: they mark time, not work, so starting before one is early,
 * not out of order; what waits behind a milestone waits for what the milestone waits for.
 */
export function unmetPredecessors(graph: PlanGraph, forecast: PlanForecast, nodeId: string): NodeForecast[] {
  const found = new Map<string, NodeForecast>();
  const seen = new Set<string>();
  const visit = (id: string): void => {
    for (const p of graph.predecessors.get(id) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      const f = forecast.byId.get(p);
      if (!f) continue;
      if (f.kind === 'milestone') visit(p);
      else if (!f.done) found.set(p, f);
    }
  };
  visit(nodeId);
  return [...found.values()];
}
