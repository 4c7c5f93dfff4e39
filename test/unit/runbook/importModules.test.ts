// The importer's modules import each other in one direction only (type-only imports included):
// a cycle between the walker and its block readers made every change to one a change to both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../shared/runbook/import');

function localImports(file: string): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from '\.\/([\w-]+)';/gms)].map((m) => `${m[1]}.ts`);
}

/** One cycle in the module graph as a path of file names, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('runbook importer modules', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const graph = new Map(files.map((f) => [f, localImports(f)]));

  it('form no import cycle, type-only imports included', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('the walker imports no block reader; the readers reach it only through BlockContext', () => {
    expect(graph.get('walker.ts')).not.toEqual(expect.arrayContaining(['lists.ts']));
    for (const reader of ['lists.ts', 'prose.ts', 'code.ts', 'decisions.ts']) expect(graph.get(reader)).not.toContain('walker.ts');
    // The check itself sees type-only imports: the walker's own import of the context is found.
    expect(graph.get('walker.ts')).toContain('blockContext.ts');
  });
});
