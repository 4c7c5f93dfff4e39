// Explicit dependencies from front matter (`steps.<title or id>.after: [names]`), merged with the
// inferred ones. A name is a step, gate or milestone id, or its title (case-insensitive); a name
// that matches nothing, or several nodes, and an `after` that closes a cycle are import errors
// pointing at the front-matter line.

import type { Runbook } from '../runbook/model';
import { inferDependencies, planNodes, topologicalOrder, type Dependency, type PlanNode } from './graph';

export interface ExplicitAfter {
  /** The step the entry is about: its id or title as written in front matter. */
  key: string;
  after: string[];
  line: number;
  column: number;
}

export interface DependencyProblem {
  code: 'unknown-dependency' | 'dependency-cycle';
  line: number;
  column: number;
  message: string;
}

function titlesOf(node: PlanNode, runbook: Runbook): string[] {
  if (node.kind !== 'step') return [node.title];
  const step = runbook.steps.find((s) => s.id === node.id);
  return step ? [step.title, step.heading] : [node.title];
}

function lookup(name: string, nodes: readonly PlanNode[], runbook: Runbook): PlanNode[] {
  const key = name.trim();
  const byId = nodes.filter((n) => n.id === key);
  if (byId.length) return byId;
  const lower = key.toLowerCase();
  return nodes.filter((n) => titlesOf(n, runbook).some((t) => t.trim().toLowerCase() === lower));
}

/** A cycle through the given nodes (which all lie on or behind one), as ids from start back to start. */
function findCycle(cyclic: ReadonlySet<string>, edges: readonly Dependency[]): string[] {
  const next = new Map<string, string>();
  for (const e of edges) if (cyclic.has(e.from) && cyclic.has(e.to) && !next.has(e.from)) next.set(e.from, e.to);
  // Every node left by Kahn's algorithm has a predecessor left too, so walking successors among
  // them must come back to a node already seen.
  let at = [...cyclic][0]!;
  const seen: string[] = [];
  while (!seen.includes(at) && next.has(at)) {
    seen.push(at);
    at = next.get(at)!;
  }
  return [...seen.slice(seen.indexOf(at)), at];
}

export function resolveDependencies(runbook: Runbook, explicit: readonly ExplicitAfter[]): { dependencies: Dependency[]; problems: DependencyProblem[] } {
  const nodes = planNodes(runbook);
  const problems: DependencyProblem[] = [];
  const replaced = new Map<string, ExplicitAfter>();
  const added: Dependency[] = [];
  for (const entry of explicit) {
    const targets = lookup(entry.key, nodes, runbook).filter((n) => n.kind === 'step');
    for (const name of entry.after) {
      const found = lookup(name, nodes, runbook);
      if (found.length !== 1) {
        const why = found.length === 0 ? 'matches no step, gate or milestone' : `matches ${found.length} (${found.map((n) => `line ${n.line}`).join(', ')}); use the id`;
        problems.push({ code: 'unknown-dependency', line: entry.line, column: entry.column, message: `front matter steps."${entry.key}".after: "${name}" ${why}` });
        continue;
      }
      for (const t of targets) added.push({ from: found[0]!.id, to: t.id, basis: 'explicit' });
    }
    for (const t of targets) replaced.set(t.id, entry);
  }
  const inferred = inferDependencies(runbook, nodes).filter((e) => !replaced.has(e.to));
  let dependencies = [...inferred, ...added];
  const { cyclic } = topologicalOrder(nodes, dependencies);
  if (cyclic.length) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const cycle = findCycle(new Set(cyclic), dependencies);
    const entry = cycle.map((id) => replaced.get(id)).find((e) => e != null) ?? explicit[0]!;
    const names = cycle.map((id) => `"${byId.get(id)?.title ?? id}"`).join(' → ');
    problems.push({
      code: 'dependency-cycle',
      line: entry.line,
      column: entry.column,
      message: `front matter steps."${entry.key}".after makes a cycle: ${names} (each waits for the one before it); the explicit dependencies are ignored until it is fixed`,
    });
    // Keep the plan usable: without the explicit edges the inferred graph has no cycle.
    dependencies = inferDependencies(runbook, nodes);
  }
  return { dependencies, problems };
}
