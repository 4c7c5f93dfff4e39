// "Nothing silently dropped", checkable: every non-blank source line must lie in some node of the
// runbook — a heading, a checklist item, a step, a reference block (prose, tables, rules, plain
// fences, front matter) or one of the nodes read out of them. Blank lines need no owner.
import type { Runbook } from './model';

export interface LineAccount {
  /** Non-blank source lines that no node covers (1-based, ascending). */
  unaccounted: number[];
  /** Non-blank source lines. */
  contentLines: number;
}

/** The source lines each node covers, as [first, last] ranges. */
export function coveredRanges(rb: Runbook): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const s of rb.sections) ranges.push([s.line, s.headingEndLine ?? s.line]);
  for (const i of rb.checklistItems) ranges.push([i.line, i.endLine ?? i.line]);
  for (const s of rb.steps) ranges.push([s.line, s.endLine]);
  for (const r of rb.references) ranges.push([r.line, r.endLine]);
  for (const n of [...rb.milestones, ...rb.gates, ...rb.thresholds, ...rb.decisionLevels, ...rb.roles]) ranges.push([n.line, n.line]);
  return ranges;
}

export function accountLines(rb: Runbook, source: string): LineAccount {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const covered = new Uint8Array(lines.length + 2);
  for (const [from, to] of coveredRanges(rb)) {
    for (let l = Math.max(1, from); l <= Math.min(lines.length, to); l++) covered[l] = 1;
  }
  const unaccounted: number[] = [];
  let contentLines = 0;
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    contentLines++;
    if (!covered[i + 1]) unaccounted.push(i + 1);
  });
  return { unaccounted, contentLines };
}
