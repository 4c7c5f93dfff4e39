// The checklist as the list renders it: a section heading before the first shown item of each
// section, then the items. Windowing (issue 19: a 50,000-line runbook has ~10,000 items) works on
// these lines, all of one height; an item's position among the items is what screen readers hear.
import type { ChecklistRow } from './visibleItems';

export type ChecklistLine =
  | { kind: 'heading'; key: string; title: string }
  | { kind: 'item'; key: string; row: ChecklistRow; posInSet: number };

/** Past this many lines only those on screen (and the focused item) are rendered. */
export const CHECKLIST_WINDOW_FROM = 400;
/** Height of every line of a windowed checklist: one line of text, the rest shown on hover/title. */
export const CHECKLIST_ROW_PX = 40;

export function checklistLines(rows: ChecklistRow[], sectionTitles: ReadonlyMap<string, string>): ChecklistLine[] {
  const lines: ChecklistLine[] = [];
  rows.forEach((row, i) => {
    const { sectionId } = row.item;
    if (i === 0 || rows[i - 1]!.item.sectionId !== sectionId) {
      const title = sectionTitles.get(sectionId);
      // The same section can come twice when a seat's sections are put first: keys stay unique.
      if (title) lines.push({ kind: 'heading', key: `h-${sectionId}-${i}`, title });
    }
    lines.push({ kind: 'item', key: row.item.id, row, posInSet: i + 1 });
  });
  return lines;
}

/** Indices of the lines to render: the window, plus the focused line wherever it is (keyboard focus must stay on a real element). */
export function renderedLineIndices(count: number, windowed: boolean, start: number, end: number, focusedLine: number): number[] {
  if (!windowed) return Array.from({ length: count }, (_, i) => i);
  const out: number[] = [];
  if (focusedLine >= 0 && focusedLine < start) out.push(focusedLine);
  for (let i = start; i < end; i++) out.push(i);
  if (focusedLine >= end && focusedLine < count) out.push(focusedLine);
  return out;
}
