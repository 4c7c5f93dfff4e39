// The plan as a graph: steps, gates and milestones, each waiting for its predecessors.
//
// Dependencies come from two places:
//  - inferred from the document. Nodes are grouped by phase (the phase band they sit under; steps
//    outside every phase form one "unphased" group, rollback steps their own group). Inside a group,
//    in document order, a node waits for
//      - the node before it, when either of them has no planned time (order is all there is), else
//      - the earlier nodes whose planned end is at or before its planned start (steps the plan runs
//        side by side do not wait for each other), reduced to the latest of them;
//      - and always for the last gate above it: "If 5% canary successful, increase to 25%" — the
//        25 % step waits for the 5 % gate's GO even when the plan puts them at the same minute.
//    A phase's first nodes wait for the previous phase's last ones (phases in time order).
//    Outside every phase there is no order to go by but the times: an unphased node waits only for
//    the timed nodes that end before it starts (a list of untimed steps under `## Work` is a menu,
//    not a sequence).
//  - explicit: front matter `steps.<title or id>.after` lists what a step waits for; it replaces
//    what was inferred for that step (so a runbook can say two steps run side by side).
// Inferred edges only point forward (document order inside a phase, time order between phases), so
// only explicit ones can close a cycle; `resolveExplicit` reports that with the front matter line.

import type { Dependency, Runbook } from '../runbook/model';
import { plannedSpanOf } from '../timeline/plan';
import { phaseSectionIds } from '../timeline/phases';

export type PlanNodeKind = 'step' | 'gate' | 'milestone';

export interface PlanNode {
  id: string;
  kind: PlanNodeKind;
  title: string;
  line: number;
  column: number;
  /** The phase band section it belongs to, `rollback`, or `unphased`. */
  group: string;
  rollback: boolean;
  /** Offsets from T0; null when the runbook places the node nowhere in time. */
  plannedStartOffsetMs: number | null;
  plannedEndOffsetMs: number | null;
  /** Step: its planned length (0 for an instant); gates and milestones take no time. */
  plannedDurationMs: number | null;
}

/** `order`: document order in a phase; `gate`: held by a gate; `phase`: phase after phase; `explicit`: front matter `after`. */
export type DependencyBasis = Dependency['basis'];
export type { Dependency };

export interface PlanGraph {
  nodes: PlanNode[];
  byId: Map<string, PlanNode>;
  edges: Dependency[];
  predecessors: Map<string, string[]>;
  successors: Map<string, string[]>;
  /** Node ids in an order where every predecessor comes first (document order among equals). */
  order: string[];
}

const ROLLBACK_GROUP = 'rollback';
const UNPHASED_GROUP = 'unphased';

/** Every step, gate and milestone as a node, in document order. */
export function planNodes(runbook: Runbook): PlanNode[] {
  const bands = new Set(phaseSectionIds(runbook));
  const parentOf = new Map(runbook.sections.map((s) => [s.id, s.parentId]));
  const phaseOf = (sectionId: string | null): string => {
    const seen = new Set<string>();
    for (let id = sectionId; id != null && !seen.has(id); id = parentOf.get(id) ?? null) {
      seen.add(id);
      if (bands.has(id)) return id;
    }
    return UNPHASED_GROUP;
  };
  const nodes: PlanNode[] = [];
  for (const step of runbook.steps) {
    const span = plannedSpanOf(step);
    nodes.push({
      id: step.id,
      kind: 'step',
      title: step.title,
      line: step.line,
      column: step.column,
      group: step.rollback ? ROLLBACK_GROUP : phaseOf(step.sectionId),
      rollback: step.rollback,
      plannedStartOffsetMs: span?.startOffsetMs ?? null,
      plannedEndOffsetMs: span?.endOffsetMs ?? null,
      plannedDurationMs: span ? span.endOffsetMs - span.startOffsetMs : step.plannedDurationMs,
    });
  }
  for (const gate of runbook.gates) {
    nodes.push({
      id: gate.id,
      kind: 'gate',
      title: gate.title,
      line: gate.line,
      column: gate.column,
      group: phaseOf(gate.sectionId),
      rollback: false,
      plannedStartOffsetMs: gate.offsetMs,
      plannedEndOffsetMs: gate.offsetMs,
      plannedDurationMs: 0,
    });
  }
  for (const m of runbook.milestones) {
    nodes.push({
      id: m.id,
      kind: 'milestone',
      title: m.text,
      line: m.line,
      column: m.column,
      group: phaseOf(m.sectionId),
      rollback: false,
      plannedStartOffsetMs: m.offsetMs,
      plannedEndOffsetMs: m.offsetMs,
      plannedDurationMs: 0,
    });
  }
  return nodes.sort((a, b) => a.line - b.line || a.column - b.column);
}

const timed = (n: PlanNode): n is PlanNode & { plannedStartOffsetMs: number; plannedEndOffsetMs: number } =>
  n.plannedStartOffsetMs != null && n.plannedEndOffsetMs != null;

/** Predecessors inside one group (see the rules at the top of this file). */
function inferGroup(group: readonly PlanNode[], edges: Dependency[], timesOnly: boolean): void {
  const ancestors = new Map<string, Set<string>>();
  let lastGate: PlanNode | null = null;
  group.forEach((node, i) => {
    const previous = group[i - 1];
    const preds = new Map<string, DependencyBasis>();
    if (previous && (!timed(node) || !timed(previous))) {
      if (!timesOnly) preds.set(previous.id, 'order');
    }
    else if (previous && timed(node)) {
      const before = group.slice(0, i).filter((m) => timed(m) && m.plannedEndOffsetMs <= node.plannedStartOffsetMs);
      for (const m of before) preds.set(m.id, 'order');
    }
    if (lastGate && !(timesOnly && !timed(node))) preds.set(lastGate.id, 'gate');
    // Keep only the latest: a predecessor of another predecessor is already waited for.
    const reach = new Set<string>();
    for (const id of preds.keys()) for (const a of ancestors.get(id) ?? []) reach.add(a);
    const own = new Set<string>();
    for (const [id, basis] of preds) {
      own.add(id);
      for (const a of ancestors.get(id) ?? []) own.add(a);
      if (!reach.has(id)) edges.push({ from: id, to: node.id, basis });
    }
    ancestors.set(node.id, own);
    if (node.kind === 'gate') lastGate = node;
  });
}

/** The inferred dependencies of a runbook (nothing explicit). */
export function inferDependencies(runbook: Runbook, nodes: readonly PlanNode[] = planNodes(runbook)): Dependency[] {
  const groups = new Map<string, PlanNode[]>();
  for (const n of nodes) groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
  const edges: Dependency[] = [];
  for (const [key, group] of groups) inferGroup(group, edges, key === UNPHASED_GROUP);
  // Phases in time order (the band order); a phase's roots wait for the previous phase's sinks.
  const sectionStart = new Map(runbook.sections.map((s) => [s.id, s.startOffsetMs ?? 0]));
  const phases = [...groups.keys()]
    .filter((g) => g !== ROLLBACK_GROUP && g !== UNPHASED_GROUP)
    .sort((a, b) => (sectionStart.get(a) ?? 0) - (sectionStart.get(b) ?? 0) || groups.get(a)![0]!.line - groups.get(b)![0]!.line);
  for (let i = 1; i < phases.length; i++) {
    const earlier = groups.get(phases[i - 1]!)!;
    const later = groups.get(phases[i]!)!;
    const hasSucc = new Set(edges.map((e) => e.from));
    const hasPred = new Set(edges.map((e) => e.to));
    const sinks = earlier.filter((n) => !hasSucc.has(n.id));
    for (const root of later.filter((n) => !hasPred.has(n.id))) {
      for (const sink of sinks) edges.push({ from: sink.id, to: root.id, basis: 'phase' });
    }
  }
  return edges;
}

/**
 * Nodes in dependency order (Kahn's algorithm, document order among the ready ones), or the nodes
 * left on a cycle when there is one.
 */
export function topologicalOrder(nodes: readonly PlanNode[], edges: readonly Dependency[]): { order: string[]; cyclic: string[] } {
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  const succ = new Map<string, string[]>();
  for (const e of edges) {
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    succ.set(e.from, [...(succ.get(e.from) ?? []), e.to]);
  }
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const ready = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const id = ready.shift()!;
    order.push(id);
    for (const next of succ.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const done = new Set(order);
  return { order, cyclic: nodes.filter((n) => !done.has(n.id)).map((n) => n.id) };
}

/**
 * The graph of a runbook: its frozen `dependencies` when the importer recorded them, else the
 * inferred ones (runbooks imported before dependencies existed). Edges naming unknown nodes are
 * dropped; a cycle (only possible in a hand-edited model) keeps the nodes in document order.
 */
export function planGraph(runbook: Runbook): PlanGraph {
  // The run view asks every second; a frozen runbook's graph never changes.
  const cached = graphs.get(runbook);
  if (cached) return cached;
  const graph = buildGraph(runbook);
  graphs.set(runbook, graph);
  return graph;
}

const graphs = new WeakMap<Runbook, PlanGraph>();

function buildGraph(runbook: Runbook): PlanGraph {
  const nodes = planNodes(runbook);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = (runbook.dependencies ?? inferDependencies(runbook, nodes)).filter((e) => byId.has(e.from) && byId.has(e.to) && e.from !== e.to);
  const predecessors = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const successors = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    predecessors.get(e.to)!.push(e.from);
    successors.get(e.from)!.push(e.to);
  }
  const { order, cyclic } = topologicalOrder(nodes, edges);
  return { nodes, byId, edges, predecessors, successors, order: [...order, ...cyclic] };
}
