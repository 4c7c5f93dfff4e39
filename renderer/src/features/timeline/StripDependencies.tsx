// The dependency arrows on the strip: from the end of each step or gate to the start of what waits
// for it (milestones are looked through, as they only mark time). Drawn at the forecast when there
// is one, else at the plan; an arrow on the critical path is highlighted.
import type { PlanForecast } from '../../../../shared/plan/forecast';
import type { Dependency } from '../../../../shared/runbook/model';

export interface NodePlace {
  /** Row centre (steps) or marker centre (gates). */
  y: number;
  startX: number;
  endX: number;
}

/** Edges between drawn nodes, with milestones in between collapsed into direct edges. */
export function drawnEdges(edges: readonly Dependency[], drawn: ReadonlySet<string>): Array<[string, string]> {
  const preds = new Map<string, string[]>();
  for (const e of edges) preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  const out = new Set<string>();
  const lookBack = (to: string, via: string, seen: Set<string>): void => {
    for (const p of preds.get(via) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      if (drawn.has(p)) out.add(`${p}\u0000${to}`);
      else lookBack(to, p, seen);
    }
  };
  for (const to of drawn) lookBack(to, to, new Set());
  return [...out].map((key) => key.split('\u0000') as [string, string]);
}

export function StripDependencies({ edges, places, forecast }: { edges: ReadonlyArray<[string, string]>; places: ReadonlyMap<string, NodePlace>; forecast: PlanForecast }) {
  return (
    <g className="strip-deps" aria-hidden="true">
      {edges.map(([from, to]) => {
        const a = places.get(from);
        const b = places.get(to);
        if (!a || !b) return null;
        const critical = forecast.byId.get(from)?.critical && forecast.byId.get(to)?.critical;
        const x1 = a.endX;
        const x2 = Math.max(b.startX, x1 + 4);
        const mid = x1 + (x2 - x1) / 2;
        return (
          <path
            key={`${from}-${to}`}
            d={`M ${x1} ${a.y} C ${mid} ${a.y}, ${mid} ${b.y}, ${x2} ${b.y}`}
            className={critical ? 'strip-dep is-critical' : 'strip-dep'}
            markerEnd={critical ? 'url(#dep-arrow-critical)' : 'url(#dep-arrow)'}
          />
        );
      })}
    </g>
  );
}

export function DependencyMarkers() {
  return (
    <defs>
      <marker id="dep-arrow" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
        <path d="M0,0 L6,3 L0,6 z" className="strip-dep-head" />
      </marker>
      <marker id="dep-arrow-critical" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
        <path d="M0,0 L6,3 L0,6 z" className="strip-dep-head is-critical" />
      </marker>
    </defs>
  );
}
