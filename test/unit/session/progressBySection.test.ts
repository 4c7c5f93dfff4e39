// The section navigator's counts come from one pass (progressBySection); they must be exactly what
// asking section by section (sectionProgress) gives, ticked items included.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { indexChecklist, progressBySection, sectionProgress } from '../../../shared/session/checklistProgress';
import type { ChecklistState } from '../../../shared/session/checklistState';

describe('progressBySection', () => {
  it('gives every section of the seed the counts sectionProgress gives, with some items ticked', () => {
    const runbook = importMarkdown(readFileSync(new URL('../../fixtures/runbooks/seed.md', import.meta.url), 'utf8'), 'seed.md');
    const index = indexChecklist(runbook);
    const ticked = runbook.checklistItems.filter((_, i) => i % 3 === 0);
    const state = Object.fromEntries(ticked.map((item) => [item.id, { checked: true }])) as unknown as ChecklistState;
    const all = progressBySection(index, state);
    const withItems = runbook.sections.filter((s) => sectionProgress(index, state, s.id).total > 0);
    expect(withItems.length).toBeGreaterThan(10);
    for (const section of runbook.sections) expect(all.get(section.id) ?? { done: 0, total: 0 }).toEqual(sectionProgress(index, state, section.id));
    expect([...all.values()].some((p) => p.done > 0 && p.done < p.total)).toBe(true);
  });
});
