// Progress as the IC reads it: per parent item (its children), per section (everything under it,
// sub-sections included) and per phase. Only leaf items count, so a parent and its children are
// not double-counted; a parent's own box stays its own (a category sign-off) next to its count.
import type { ChecklistItem, Runbook, Section } from '../runbook/model';
import { itemState, type ChecklistState } from './checklistState';

export interface Progress {
  done: number;
  total: number;
}

export interface ChecklistIndex {
  childrenOf: Map<string | null, ChecklistItem[]>;
  itemsBySection: Map<string, ChecklistItem[]>;
  subsections: Map<string | null, Section[]>;
}

export function indexChecklist(runbook: Pick<Runbook, 'checklistItems' | 'sections'>): ChecklistIndex {
  const childrenOf = new Map<string | null, ChecklistItem[]>();
  const itemsBySection = new Map<string, ChecklistItem[]>();
  for (const item of runbook.checklistItems) {
    push(childrenOf, item.parentId, item);
    push(itemsBySection, item.sectionId, item);
  }
  const subsections = new Map<string | null, Section[]>();
  for (const section of runbook.sections) push(subsections, section.parentId, section);
  return { childrenOf, itemsBySection, subsections };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function isLeaf(index: ChecklistIndex, item: ChecklistItem): boolean {
  return !(index.childrenOf.get(item.id)?.length);
}

/** Leaf items under `item` (the item itself when it has no children). */
export function itemProgress(index: ChecklistIndex, state: ChecklistState, item: ChecklistItem): Progress {
  const children = index.childrenOf.get(item.id);
  if (!children?.length) return { done: itemState(state, item.id).checked ? 1 : 0, total: 1 };
  return children.reduce((sum, child) => add(sum, itemProgress(index, state, child)), { done: 0, total: 0 });
}

/** Leaf items of a section and all its sub-sections. */
export function sectionProgress(index: ChecklistIndex, state: ChecklistState, sectionId: string): Progress {
  let progress: Progress = { done: 0, total: 0 };
  for (const item of index.itemsBySection.get(sectionId) ?? []) {
    if (isLeaf(index, item)) progress = add(progress, { done: itemState(state, item.id).checked ? 1 : 0, total: 1 });
  }
  for (const sub of index.subsections.get(sectionId) ?? []) progress = add(progress, sectionProgress(index, state, sub.id));
  return progress;
}

/**
 * `sectionProgress` of every section in one pass over items and sections. The section navigator
 * shows every section's count; asked section by section, a large runbook (thousands of sections)
 * re-counts its subtrees once per level on every tick.
 */
export function progressBySection(index: ChecklistIndex, state: ChecklistState): Map<string, Progress> {
  const out = new Map<string, Progress>();
  const visit = (sectionId: string): Progress => {
    let progress: Progress = { done: 0, total: 0 };
    for (const item of index.itemsBySection.get(sectionId) ?? []) {
      if (isLeaf(index, item)) progress = add(progress, { done: itemState(state, item.id).checked ? 1 : 0, total: 1 });
    }
    for (const sub of index.subsections.get(sectionId) ?? []) progress = add(progress, visit(sub.id));
    out.set(sectionId, progress);
    return progress;
  };
  for (const root of index.subsections.get(null) ?? []) visit(root.id);
  return out;
}

function add(a: Progress, b: Progress): Progress {
  return { done: a.done + b.done, total: a.total + b.total };
}
