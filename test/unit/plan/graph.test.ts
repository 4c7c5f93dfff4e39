import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { planGraph } from '../../../shared/plan';
import { RunbookBuilder } from '../timeline/runbookBuilder';

const seed = importMarkdown(readFileSync('test/fixtures/runbooks/seed.md', 'utf8'), 'seed.md');
const idOf = (title: string) => {
  const node = planGraph(seed).nodes.find((n) => n.title.startsWith(title));
  if (!node) throw new Error(`no node ${title}`);
  return node.id;
};
const predsOf = (title: string) => (planGraph(seed).predecessors.get(idOf(title)) ?? []).map((id) => planGraph(seed).byId.get(id)!.title);

describe('dependencies inferred from the seed runbook', () => {
  it('makes each deployment step wait for the one before it in the phase', () => {
    expect(predsOf('Deploy New Code')).toEqual(['Enable Maintenance Mode']);
    expect(predsOf('Database Migrations')).toEqual(['Deploy New Code']);
  });

  it('makes the 25% canary wait for the 5% gate, and the full rollout for the 25% gate', () => {
    expect(predsOf('Canary: 25% of Traffic')).toEqual(['Go/No-Go Decision — Canary: 5% of Traffic']);
    expect(predsOf('Full Rollout')).toEqual(['Go/No-Go Decision — Canary: 25% of Traffic']);
    expect(predsOf('Go/No-Go Decision — Canary: 5% of Traffic')).toEqual(['Canary: 5% of Traffic']);
  });

  it('starts a phase after the previous phase ends', () => {
    expect(predsOf('Phase 3: Gradual Rollout')).toEqual(['Health Check']);
    expect(predsOf('Phase 4: Monitoring')).toEqual(['Full Rollout: 100% of Traffic']);
  });

  it('freezes the dependencies into the imported runbook', () => {
    expect(seed.dependencies?.length).toBeGreaterThan(10);
    expect(seed.diagnostics.filter((d) => d.code.includes('dependency'))).toEqual([]);
  });
});

describe('inference on hand-made plans', () => {
  it('lets steps planned side by side run side by side and joins them after', () => {
    const rb = new RunbookBuilder()
      .step('a', 'Deploy EU', { start: 0, end: 10 })
      .step('b', 'Deploy US', { start: 0, end: 10 })
      .step('c', 'Verify', { start: 10, end: 15 })
      .build();
    const g = planGraph(rb);
    expect(g.predecessors.get('b')).toEqual([]);
    expect(g.predecessors.get('c')?.sort()).toEqual(['a', 'b']);
  });

  it('makes a step after a gate wait for it even when planned at the same minute', () => {
    const rb = new RunbookBuilder().step('a', 'Canary 5', { start: 0, end: 10 }).gate('g', 'Go?', 10).step('b', 'Canary 25', { start: 5, end: 15 }).build();
    expect(planGraph(rb).predecessors.get('b')).toEqual(['g']);
  });

  it('chains untimed steps of a phase in document order', () => {
    const rb = new RunbookBuilder()
      .phase('p', 'Release', 0, 30)
      .step('a', 'One', { sectionId: 'p' })
      .step('b', 'Two', { sectionId: 'p' })
      .step('c', 'Three', { start: 0, end: 5, sectionId: 'p' })
      .build();
    expect(planGraph(rb).predecessors.get('b')).toEqual(['a']);
    expect(planGraph(rb).predecessors.get('c')).toEqual(['b']);
  });

  it('gives untimed steps outside every phase no order (a list of steps, not a sequence)', () => {
    const rb = new RunbookBuilder().step('a', 'One').step('b', 'Two').build();
    expect(planGraph(rb).edges).toEqual([]);
  });
});

const withFrontMatter = (fm: string) => `---\n${fm}\n---\n# Release\n\n## Release (T+0 to T+30)\n\n### Step 1: Build (10 min)\n\`\`\`bash\nmake\n\`\`\`\n\n### Step 2: Deploy (10 min)\n\`\`\`bash\n./deploy\n\`\`\`\n\n### Step 3: Announce (5 min)\n\`\`\`bash\necho done\n\`\`\`\n`;

describe('explicit dependencies from front matter', () => {
  it('replaces the inferred predecessors of a step with the ones `after` names (by title or id)', () => {
    const rb = importMarkdown(withFrontMatter('steps:\n  Announce:\n    after: [Build]'), 'r.md');
    const g = planGraph(rb);
    const id = (t: string) => rb.steps.find((s) => s.title === t)!.id;
    expect(g.predecessors.get(id('Announce'))).toEqual([id('Build')]);
    expect(rb.dependencies?.find((e) => e.to === id('Announce'))?.basis).toBe('explicit');
    const byId = importMarkdown(withFrontMatter(`steps:\n  ${id('Announce')}:\n    after: ${id('Build')}`), 'r.md');
    expect(planGraph(byId).predecessors.get(id('Announce'))).toEqual([id('Build')]);
    expect(byId.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reports an unknown name as an import error at the front matter line', () => {
    const rb = importMarkdown(withFrontMatter('steps:\n  Announce:\n    after: [Bulid]'), 'r.md');
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'unknown-dependency', line: 3 }));
    expect(rb.diagnostics.find((d) => d.code === 'unknown-dependency')?.message).toContain('"Bulid" matches no step, gate or milestone');
  });

  it('reports a cycle as an import error at the line of an `after` on it, naming the cycle', () => {
    const rb = importMarkdown(withFrontMatter('t0: 2025-10-21T12:00:00Z\nsteps:\n  Build:\n    after: Announce'), 'r.md');
    const cycle = rb.diagnostics.find((d) => d.code === 'dependency-cycle');
    expect(cycle).toMatchObject({ severity: 'error', line: 4 });
    expect(cycle?.message).toMatch(/"Build" → "Deploy" → "Announce" → "Build"|"Announce" → "Build" → "Deploy" → "Announce"|"Deploy" → "Announce" → "Build" → "Deploy"/);
    // The plan stays usable: the inferred order holds.
    const id = (t: string) => rb.steps.find((s) => s.title === t)!.id;
    expect(planGraph(rb).predecessors.get(id('Build'))).not.toContain(id('Announce'));
    expect(planGraph(rb).predecessors.get(id('Deploy'))).toEqual([id('Build')]);
  });
});
