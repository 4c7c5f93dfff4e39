// Lists. A list is a checklist when it has task items (`- [ ]`, `- [x]`), when it is numbered (a
// procedure written `1. 2. 3.`), or when its items carry commands — unless a label in front of it
// says it is something else (`**Symptoms**:`, `**Action**:`, `**Escalation Criteria**:`) or it is a
// table of contents. Other lists are reference text from which thresholds, decision-tree conditions
// and actions, GO / NO-GO instructions and timeline lines are read.
import type { List, ListItem, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ChecklistItem, DecisionLevel, ThresholdContext } from '../model';
import { codeBlock, isShellLang } from './code';
import { levelOf, type SectionDraft } from './draft';
import { newLevel, TRIGGER_TITLE } from './decisions';
import { contextOfHeading, contextOfLabel, type LabelKind } from './labels';
import { approversLabel, targetPhrase, timelineLine } from './prose';
import { rawOf, spanOf } from './source';
import { readCriteria } from './criteria';
import type { BlockContext, Pending } from './blockContext';

const CONSUMING_LABELS = new Set<LabelKind>(['success', 'escalation', 'page', 'conditions', 'actions', 'gate', 'go', 'no-go', 'timeline', 'targets']);

function firstParagraph(item: ListItem): Paragraph | null {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : null;
}

function isTableOfContents(list: List): boolean {
  return list.children.every((item) => {
    const p = firstParagraph(item);
    if (!p) return false;
    const meaningful = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    return meaningful.length === 1 && meaningful[0]!.type === 'link' && meaningful[0].url.startsWith('#');
  });
}

function hasTask(list: List): boolean {
  return list.children.some((item) => item.checked === true || item.checked === false);
}

function hasCommand(list: List): boolean {
  return list.children.some((item) =>
    item.children.some((child) => (child.type === 'code' && isShellLang(child.lang)) || (child.type === 'list' && hasCommand(child))),
  );
}

function plainText(p: Paragraph | null): string {
  return p ? toString(p).replace(/\s+/g, ' ').trim() : '';
}

/**
 * Two lists separated only by a blank line are one list in CommonMark, so `**Abort Criteria**:`
 * bullets followed by `- [ ]` items arrive as one list: the label owns the leading plain items.
 */
function splitLabelledRun(list: List, pending: Pending | null): [List, List] | null {
  if (!pending || !CONSUMING_LABELS.has(pending.kind) || !hasTask(list)) return null;
  const firstTask = list.children.findIndex((item) => item.checked === true || item.checked === false);
  if (firstTask <= 0) return null;
  const run = list.children.slice(0, firstTask);
  const rest = list.children.slice(firstTask);
  const runEnd = run.at(-1)!.position!.end;
  return [
    { ...list, children: run, position: { start: list.position!.start, end: runEnd } },
    { ...list, children: rest, position: { start: rest[0]!.position!.start, end: list.position!.end } },
  ];
}

export function listBlock(w: BlockContext, list: List, pending: Pending | null): void {
  const split = splitLabelledRun(list, pending);
  if (split) {
    listBlock(w, split[0], pending);
    listBlock(w, split[1], null);
    return;
  }
  const tocSection = /\b(table of )?contents\b|\btoc\b/i.test(w.current?.section.title ?? '');
  const consumed = pending !== null && CONSUMING_LABELS.has(pending.kind);
  const checklist = hasTask(list) || ((list.ordered === true || hasCommand(list)) && !consumed && !tocSection && !isTableOfContents(list));
  if (checklist) {
    const section = w.ensureSection(spanOf(list).line);
    const role = pending && pending.kind === 'other' ? pending.label : null;
    checklistItems(w, list, section, null, 0, role);
    return;
  }
  const span = spanOf(list);
  w.d.addReference(w.current?.section.id ?? null, 'text', rawOf(w.d.src, list), span.line, span.column, span.endLine);
  readListItems(w, list, pending, null, triggerLevel(w, pending));
}

/** A list of rollback triggers outside a `Level N` tree becomes a decision level of its own. */
function triggerLevel(w: BlockContext, pending: Pending | null): DecisionLevel | null {
  const section = w.current;
  if (!section || levelOf(section)) return null;
  const heading = TRIGGER_TITLE.test(section.section.title) && !w.d.triggerSections.has(section.section.id);
  const label = pending && (TRIGGER_TITLE.test(pending.label) || /\broll\s*back\b.*\bif\b|\binitiate rollback\b/i.test(pending.label));
  if (!heading && !label) return null;
  w.d.triggerSections.add(section.section.id);
  const title = heading ? section.info.displayTitle : pending!.label;
  const line = heading ? section.section.line : pending!.line;
  const column = heading ? section.section.column : 1;
  return newLevel(w, section, 1, title, 'Rollback', line, column);
}

function checklistItems(w: BlockContext, list: List, section: SectionDraft, parent: ChecklistItem | null, depth: number, role: string | null): void {
  for (const li of list.children) {
    const paragraph = firstParagraph(li);
    const text = plainText(paragraph);
    const first = paragraph?.children.find((c) => !(c.type === 'text' && c.value.trim() === ''));
    let label = text;
    let detail = '';
    if (first && first.type === 'strong') {
      label = toString(first).replace(/\s+/g, ' ').trim().replace(/:$/, '');
      const after = paragraph!.children.slice(paragraph!.children.indexOf(first) + 1);
      detail = after
        .map((c) => toString(c))
        .join('')
        .replace(/\s+/g, ' ')
        .replace(/^\s*[:\-–—]\s*/, '')
        .trim();
    }
    const span = spanOf(li);
    const paragraphs = li.children.filter((c): c is Paragraph => c.type === 'paragraph');
    const endLine = Math.max(span.line, ...paragraphs.map((p) => spanOf(p).endLine));
    const item: ChecklistItem = {
      id: w.d.ids.make('ci', parent?.id ?? section.section.id, label),
      sectionId: section.section.id,
      parentId: parent?.id ?? null,
      depth,
      label,
      text,
      detail,
      checkedInSource: li.checked === true,
      role: null,
      signOff: false,
      style: li.checked === true || li.checked === false ? 'checkbox' : list.ordered ? 'numbered' : 'bullet',
      line: span.line,
      column: span.column,
      endLine,
    };
    w.d.items.push(item);
    if (parent) w.d.childCount.set(parent.id, (w.d.childCount.get(parent.id) ?? 0) + 1);
    else section.directItems++;
    if (role) w.d.roleCandidates.push({ item, label: role });
    // "**Business Owner:** GO / NO-GO - [Signature]", "Decision Maker: [Business Owner]": who decides the gate.
    const colon = /^([^:]{2,40}):\s*(.+)$/.exec(detail && label !== text ? `${label}: ${detail}` : text);
    if (colon) approversLabel(w, section, colon[1]!, colon[2]!);
    if (paragraph) {
      const ps = spanOf(paragraph);
      if (!timelineLine(w, section, text, ps.line, ps.column) && !targetPhrase(w, section, text, ps.line, ps.column)) {
        // A checkbox states a check to pass (ok-if unless it says otherwise); a numbered step only
        // states a limit in a sentence ("undo the rollout if P95 latency exceeds 100 ms").
        const check = li.checked === true || li.checked === false || parent?.style === 'checkbox' || CHECKING.test(section.section.title);
        readCriteria(w, section, text, ps, {
          defaultMeaning: check ? 'ok-if' : null,
          metricHint: parent?.label ?? null,
          lines: { from: ps.line, to: ps.endLine },
          strict: true,
        });
      }
    }
    for (const child of li.children) {
      if (child === paragraph || child.type === 'paragraph') continue;
      if (child.type === 'list') checklistItems(w, child, section, item, depth + 1, role);
      else if (child.type === 'code') codeBlock(w, child, label, null);
      else w.block(child, null);
    }
  }
}

/** Sections whose lists state what must hold ("Metrics Validation", "Quality Gates", "Acceptance"). */
const CHECKING = /validat|verif|\bchecks?\b|criteria|\btargets?\b|\bslos?\b|success|accept|\bgates?\b/i;

function thresholdContext(pending: Pending | null, section: SectionDraft | null, inLevel: boolean): ThresholdContext | null {
  if (inLevel && (!pending || pending.kind === 'conditions')) return 'decision-level';
  if (pending?.kind === 'conditions' && /roll\s*back|abort|trigger|fail/i.test(pending.label)) return 'escalation';
  // The criteria listed under a gate ("**SLO Gates:**") state what must hold for a GO.
  if (pending?.kind === 'gate') return 'success';
  const fromLabel = pending ? contextOfLabel(pending.kind) : null;
  if (fromLabel) return fromLabel;
  for (let s = section; s; s = s.parent) {
    const fromHeading = contextOfHeading(s.section.title);
    if (fromHeading) return fromHeading;
  }
  return null;
}

function readListItems(w: BlockContext, list: List, pending: Pending | null, parentLabel: string | null = null, trigger: DecisionLevel | null = null): void {
  const section = w.current;
  const level = trigger ?? levelOf(section);
  for (const li of list.children) {
    const paragraph = firstParagraph(li);
    // "- > 1% error budget burn" is a block quote inside the item to markdown; read its line as written.
    const text = plainText(paragraph) || (li.children[0]?.type === 'blockquote' ? itemLine(w, li) : '');
    const span = spanOf(paragraph ?? li);
    if (text) readListItemText(w, section, level, pending, text, span.line, span.column, parentLabel, trigger);
    const label = boldLabel(paragraph) ?? text;
    for (const child of li.children) if (child.type === 'list') readListItems(w, child, pending, label, trigger);
  }
}

function itemLine(w: BlockContext, li: ListItem): string {
  const span = spanOf(li);
  return (w.d.src.lines[span.line - 1] ?? '').slice(span.column - 1).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim();
}

/** `**Error Rates**: Track 4xx and 5xx errors` → `Error Rates`. */
function boldLabel(p: Paragraph | null): string | null {
  const first = p?.children.find((c) => !(c.type === 'text' && c.value.trim() === ''));
  return first && first.type === 'strong' ? toString(first).replace(/\s+/g, ' ').trim().replace(/:$/, '') : null;
}

function readListItemText(
  w: BlockContext,
  section: SectionDraft | null,
  level: ReturnType<typeof levelOf>,
  pending: Pending | null,
  text: string,
  line: number,
  column: number,
  parentLabel: string | null,
  trigger: DecisionLevel | null,
): void {
  const colon = /^([^:]{2,40}):\s*(.+)$/.exec(text);
  if (colon) approversLabel(w, section, colon[1]!, colon[2]!);
  if (pending?.gate) {
    const m = /^(NO[\s-]*GO|GO)\s*:\s*(.*)$/i.exec(text);
    if (m) {
      if (/^no/i.test(m[1]!)) pending.gate.gate.noGoText = m[2]!.trim();
      else pending.gate.gate.goText = m[2]!.trim();
    }
    pending.gate.gate.criteria.push(text);
  }
  if (timelineLine(w, section, text, line, column)) return;
  if (targetPhrase(w, section, text, line, column)) return;
  const isAction = pending?.kind === 'actions';
  let thresholdId: string | null = null;
  if (!isAction) {
    // A trigger list keeps the context its label gives (escalation, paging); it is linked to its level below.
    const context = trigger ? (thresholdContext(pending, section, false) ?? 'escalation') : thresholdContext(pending, section, level !== null);
    const found = readCriteria(w, section, text, { line, column }, {
      defaultMeaning: context ? (context === 'target' || context === 'success' ? 'ok-if' : 'alert-if') : null,
      context,
      metricHint: parentLabel,
      level: context === 'decision-level' ? (level?.level ?? null) : null,
    });
    thresholdId = found[0]?.id ?? null;
  }
  if (trigger) trigger.conditions.push({ text, thresholdId });
  else if (level && isAction) level.actions.push(text);
  else if (level && (!pending || pending.kind === 'conditions')) level.conditions.push({ text, thresholdId });
  if (pending?.kind === 'success' && section) {
    const list = w.d.sectionCriteria.get(section.section.id) ?? [];
    list.push({ text, thresholdId });
    w.d.sectionCriteria.set(section.section.id, list);
  }
}
