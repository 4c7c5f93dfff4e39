import { describe, expect, it } from 'vitest';
import { diffRunbooks } from '../../../shared/runbook/diff';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { Runbook } from '../../../shared/runbook/model';
import { fixture } from './fixtures';

const seed = fixture('seed.md');
const before = importMarkdown(seed, 'seed.md');

function idsByKey(rb: Runbook): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of rb.sections) map.set(`section ${s.title}`, s.id);
  for (const i of rb.checklistItems) map.set(`item ${i.sectionId} ${i.parentId} ${i.text} ${i.line}`, i.id);
  for (const s of rb.steps) map.set(`step ${s.title}`, s.id);
  for (const t of rb.thresholds) map.set(`threshold ${t.text}`, t.id);
  for (const g of rb.gates) map.set(`gate ${g.title}`, g.id);
  for (const l of rb.decisionLevels) map.set(`level ${l.level}`, l.id);
  for (const r of rb.roles) map.set(`role ${r.name}`, r.id);
  return map;
}

function allIds(rb: Runbook): string[] {
  return [
    ...rb.sections,
    ...rb.checklistItems,
    ...rb.steps,
    ...rb.milestones,
    ...rb.gates,
    ...rb.thresholds,
    ...rb.decisionLevels,
    ...rb.roles,
    ...rb.references,
  ].map((n) => n.id);
}

function edit(text: string, find: string, replace: string): string {
  expect(text).toContain(find);
  return text.replace(find, replace);
}

describe('stable ids', () => {
  it('are unique, prefixed by kind, and the same on every import of the same text', () => {
    const ids = allIds(before);
    expect(new Set(ids).size).toBe(ids.length);
    expect(before.checklistItems.every((i) => /^ci_[0-9a-z]{10}$/.test(i.id))).toBe(true);
    expect(before.steps.every((s) => s.id.startsWith('st_'))).toBe(true);
    expect(before.sections.every((s) => s.id.startsWith('sec_'))).toBe(true);
    expect(allIds(importMarkdown(seed, 'seed.md'))).toEqual(ids);
  });

  it('do not depend on line numbers: inserting text above keeps every existing id', () => {
    const edited = edit(seed, '## Pre-Launch Checklist\n', '## Pre-Launch Checklist\n\nRead this section twice.\n\n- [ ] A brand new first item\n');
    const after = importMarkdown(edited, 'seed.md');
    const ids = new Set(allIds(after));
    for (const item of before.checklistItems) expect(ids.has(item.id)).toBe(true);
    for (const step of before.steps) expect(ids.has(step.id)).toBe(true);
    const diff = diffRunbooks(before, after);
    expect(diff.added.map((n) => [n.kind, n.title])).toEqual([
      ['reference', 'Read this section twice.'],
      ['checklistItem', 'A brand new first item'],
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  it('keep a step, a threshold and an item when their content is edited', () => {
    let edited = edit(seed, 'git fetch origin production', 'git fetch --prune origin production');
    edited = edit(edited, '- Error rate > 5% → Immediate escalation', '- Error rate > 4% → Immediate escalation');
    edited = edit(edited, '- [ ] **Security Audit**', '- [x] **Security Audit**');
    const after = importMarkdown(edited, 'seed.md');
    const diff = diffRunbooks(before, after);
    expect(diff.added.filter((n) => n.kind !== 'reference')).toEqual([]);
    expect(diff.removed.filter((n) => n.kind !== 'reference')).toEqual([]);
    // The escalation list is prose too: its old text goes, its new text comes.
    expect(diff.removed.map((n) => [n.kind, n.line])).toEqual([['reference', 329]]);
    expect(diff.added.map((n) => [n.kind, n.line])).toEqual([['reference', 329]]);
    const changed = Object.fromEntries(diff.changed.filter((c) => c.kind !== 'reference').map((c) => [c.kind, c.fields]));
    expect(changed).toEqual({ checklistItem: ['checkedInSource'], step: ['script'], threshold: ['text', 'value'] });
    expect(diff.changed.find((c) => c.kind === 'step')!.title).toBe('Deploy New Code');
  });

  it('re-key only the subtree of a renamed heading', () => {
    const edited = edit(seed, '### First Week', '### First Week After Launch');
    const after = importMarkdown(edited, 'seed.md');
    const diff = diffRunbooks(before, after);
    expect(diff.removed.filter((n) => n.kind === 'checklistItem')).toHaveLength(6);
    expect(diff.added.filter((n) => n.kind === 'checklistItem')).toHaveLength(6);
    expect(diff.added.filter((n) => n.kind === 'section').map((n) => n.title)).toEqual(['First Week After Launch']);
    const old = idsByKey(before);
    const now = idsByKey(after);
    for (const [key, id] of old) if (!key.includes('First Week') && !key.startsWith('item ')) expect(now.get(key)).toBe(id);
  });

  it('tell identical siblings apart by ordinal, and keep those ordinals when something is appended', () => {
    const text = ['## Checks', '', '- [ ] Verify', '- [ ] Verify', '- [ ] Verify', ''].join('\n');
    const a = importMarkdown(text, 'r.md');
    const b = importMarkdown(`${text}- [ ] Something else\n`, 'r.md');
    expect(new Set(a.checklistItems.map((i) => i.id)).size).toBe(3);
    expect(b.checklistItems.slice(0, 3).map((i) => i.id)).toEqual(a.checklistItems.map((i) => i.id));
  });

  it('a diff shows removed steps and document-level changes (secrets, T0)', () => {
    const withoutLevel3 = seed.slice(0, seed.indexOf('### Level 3')) + seed.slice(seed.indexOf('---\n\n## Post-Launch'));
    const edited = edit(withoutLevel3, '**Target Date**: October 21, 2025', '**Target Date**: October 22, 2025');
    const diff = diffRunbooks(before, importMarkdown(edited, 'seed.md'));
    expect(diff.removed.filter((n) => n.kind === 'step').map((n) => n.title)).toEqual(['Level 3: Critical Issues']);
    expect(diff.removed.filter((n) => n.kind === 'decisionLevel').map((n) => n.title)).toEqual(['Level 3: Critical Issues']);
    expect(diff.document).toEqual([{ field: 't0', before: '2025-10-21T12:00:00.000Z', after: '2025-10-22T12:00:00.000Z' }]);
    expect(diff.same).toBe(false);
    expect(diffRunbooks(before, importMarkdown(seed, 'seed.md')).same).toBe(true);
  });
});
