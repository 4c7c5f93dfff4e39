// Lists. A list is a checklist when it has task items (`- [ ]`, `- [x]`), when it is numbered (a
// procedure written `1. 2. 3.`), or when its items carry commands — unless a label in front of it
// says it is something else (`**Symptoms**:`, `**Action**:`, `**Escalation Criteria**:`) or it is a
// table of contents. Other lists are reference text from which thresholds, decision-tree conditions
// and actions, GO / NO-GO instructions and timeline lines are read.
import type { List, ListItem, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ChecklistItem, DecisionLevel, ThresholdContext } from '../model';
import { codeBlock, isShellLang } from './code';
import { enclosingTime, levelOf, type SectionDraft } from './draft';
import { newLevel, TRIGGER_TITLE } from './decisions';
import { GATE_TEXT } from './headings';
import { contextPolarity, isEventLeadIn, saysCheck, type ContextPolarity } from './listPolarity';
import { parseThreshold } from './thresholds';
import { findRelative } from './times';
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
    const role = pending && pending.kind === 'other' && !pending.sentence ? pending.label : null;
    const polarity = listPolarity(section, pending);
    checklistItems(w, list, section, null, 0, role, { polarity, level: polarity.meaning === 'alert-if' ? triggerLevel(w, pending) : null });
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
  if (w.d.triggerSections.has(section.section.id)) return null;
  const kind = kindOfRollback(w, section, pending);
  if (kind) return kind;
  const heading = TRIGGER_TITLE.test(section.section.title);
  const label = pending && (TRIGGER_TITLE.test(pending.label) || /\broll\s*back\b.*\bif\b|\binitiate rollback\b/i.test(pending.label));
  if (!heading && !label) return null;
  w.d.triggerSections.add(section.section.id);
  const title = heading ? section.info.displayTitle : pending!.label;
  const line = heading ? section.section.line : pending!.line;
  const column = heading ? section.section.column : 1;
  return newLevel(w, section, 1, title, 'Rollback', line, column);
}

/**
 * "## Rollback Triggers / ### Immediate Rollback (< 5 min)": a kind of rollback under a trigger
 * heading is a decision level of its own; the immediate (automatic, emergency) kind is the higher
 * level. The time in its heading is how fast to act, kept in the verdict, not a criterion.
 */
function kindOfRollback(w: BlockContext, section: SectionDraft, pending: Pending | null): DecisionLevel | null {
  const parent = section.parent;
  const title = section.info.displayTitle;
  // Under "## Rollback Procedures" the lead-in "Triggered if ANY of these conditions occur:" says the same.
  const triggers = (parent && TRIGGER_TITLE.test(parent.section.title)) || isEventLeadIn(pending?.label);
  if (!triggers || !/\b(?:roll\s*back|rollback|abort|revert)\b/i.test(title)) return null;
  w.d.triggerSections.add(section.section.id);
  const plain = title.replace(/\s*\(([^)]*)\)\s*/g, ' ').trim();
  const within = /\(\s*(?:<|≤|<=|within|under)\s*([^)]*)\)/i.exec(section.section.title);
  const verdict = within ? `${plain} (act within ${within[1]!.trim()})` : plain;
  const rank = /\b(?:immediate|instant|automatic|emergency|critical|hard)\b/i.test(plain) ? 2 : 1;
  return newLevel(w, section, rank, plain, verdict, section.section.line, section.section.column);
}

/** The meaning the lead-in (a label or a sentence ending in ':') and the headings give a list. */
function listPolarity(section: SectionDraft | null, pending: Pending | null): ContextPolarity {
  const byKind = pending ? KIND_MEANING[pending.kind] : undefined;
  const found = contextPolarity(section, pending?.label ?? null);
  return byKind ? { ...found, meaning: byKind, unknown: null } : found;
}

const KIND_MEANING: Partial<Record<LabelKind, 'ok-if' | 'alert-if'>> = {
  go: 'ok-if',
  success: 'ok-if',
  targets: 'ok-if',
  'no-go': 'alert-if',
  escalation: 'alert-if',
  page: 'alert-if',
};

/** "T+1h: Check error rate < 1%": the item's own time, and its text without it. */
function itemTime(text: string): { ms: number; text: string; rest: string } | null {
  const found = findRelative(text);
  if (!found || found.index !== 0 || found.value.form !== 't') return null;
  const after = text.slice(found.length);
  const sep = /^\s*(?:[:\-–—|]\s*|\s)/.exec(after);
  if (!sep || !after.trim()) return null;
  return { ms: found.value.startMs, text: text.slice(0, found.length).replace(/\s+/g, ''), rest: after.slice(sep[0].length).trim() };
}

/** "HOLD POINT - Go/No-Go decision": an item that is a decision to take, not a check to tick. */
const ITEM_GATE = /^(?:hold point|(?:final\s+)?checkpoint\b|gate\b|decision point|go\s*\/\s*no[\s-]*go\b|go[\s-]+no[\s-]*go\b)/i;

interface ListContext {
  polarity: ContextPolarity;
  /** The decision level a trigger list's items are the conditions of. */
  level: DecisionLevel | null;
}

function checklistItems(w: BlockContext, list: List, section: SectionDraft, parent: ChecklistItem | null, depth: number, role: string | null, ctx: ListContext): void {
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
      const timed = itemTime(text);
      const own = timed?.rest ?? text;
      if (timed) w.d.addMilestone(section, { kind: 'offset', ms: timed.ms }, null, own, 'timeline-line', ps.line, ps.column, false);
      if (ITEM_GATE.test(own) || (timed && GATE_TEXT.test(own) && /\bdecision\b/i.test(own))) decisionItem(w, section, own, timed, ps);
      if (!timelineLine(w, section, own, ps.line, ps.column) && !targetPhrase(w, section, own, ps.line, ps.column)) {
        // A checkbox states a check to pass (ok-if unless it or its context says otherwise); a
        // numbered step only states a limit in a sentence ("undo the rollout if P95 latency exceeds 100 ms").
        const check = li.checked === true || li.checked === false || parent?.style === 'checkbox' || CHECKING.test(section.section.title);
        const meaning = ctx.polarity.meaning ?? (saysCheck(own) ? 'ok-if' : ctx.polarity.unknown ? null : check ? 'ok-if' : null);
        const found = readCriteria(w, section, own, ps, {
          defaultMeaning: meaning,
          metricHint: parent?.label ?? null,
          lines: { from: ps.line, to: ps.endLine },
          strict: true,
        });
        for (const t of found) {
          if (t.sustainedMs === null && ctx.polarity.sustainedMs !== null) Object.assign(t, { sustained: true, sustainedMs: ctx.polarity.sustainedMs });
        }
        if (found.length === 0 && !meaning && ctx.polarity.unknown && check && parseThreshold(own, { strict: true })) {
          w.d.diags.warn(
            'polarity-unknown',
            ps.line,
            ps.column,
            `"${own}" ${ctx.polarity.unknown}: is it a trigger (alert if it holds) or a check to pass? Say so with a lead-in such as "Roll back if any of these occur:" or "**Success Criteria**:", or mark the line as a threshold in the import preview`,
          );
        }
        if (ctx.level && depth === 0) ctx.level.conditions.push({ text: own, thresholdId: found[0]?.id ?? null });
      }
    }
    for (const child of li.children) {
      if (child === paragraph || child.type === 'paragraph') continue;
      if (child.type === 'list') checklistItems(w, child, section, item, depth + 1, role, ctx);
      else if (child.type === 'code') codeBlock(w, child, label, null);
      else w.block(child, null);
    }
  }
}

/** "- [ ] T+4h: **HOLD POINT** - Go/No-Go decision": a gate at the item's time (else its section's). */
function decisionItem(w: BlockContext, section: SectionDraft, text: string, timed: { ms: number; text: string } | null, at: { line: number; column: number }): void {
  const ref = timed ? { kind: 'offset' as const, ms: timed.ms } : enclosingTime(section);
  w.addGate(timed ? `${text} (${timed.text})` : text, ref, at.line, at.column, section);
  if (!ref) w.d.diags.warn('gate-without-time', at.line, at.column, `go/no-go "${text}" has no time; write one before it, e.g. "T+4h: ${text}"`);
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
    if (text) listedRole(w, section, paragraph, text, parentLabel, span);
    const label = boldLabel(paragraph) ?? text;
    for (const child of li.children) {
      if (child.type !== 'list') continue;
      // "- **Remaining follow-ups**" with "1. … 2. …" under it: numbered actions are checklist items
      // wherever they sit (the same rule as for a list of their own; see docs/runbook-format.md).
      const consumed = pending !== null && CONSUMING_LABELS.has(pending.kind);
      if (child.ordered === true && !consumed && !trigger && !level && !isTableOfContents(child)) {
        const owner = w.ensureSection(spanOf(child).line);
        checklistItems(w, child, owner, null, 0, null, { polarity: listPolarity(owner, pending), level: null });
      } else readListItems(w, child, pending, label, trigger);
    }
  }
}

const CONTACTS_TITLE = /\b(?:contacts?|escalation (?:path|list|contacts)|on[\s-]?call (?:rota|roster|contacts))\b/i;
const PEOPLE_LABEL = /^(?:participants|attendees|roles|team|people|roster|staffing)$/i;
const NAME_AND_DUTY = /^([A-Z][\w &/.'-]{1,40}?)\s*\(([^()]{2,80})\)$/;

/**
 * Roles named in lists rather than a roles table: "- **On-Call DBA:** [contact]" under a
 * Contacts heading, and "SRE Lead (Launch Commander)" under a "**Participants**:" item.
 */
function listedRole(w: BlockContext, section: SectionDraft | null, paragraph: Paragraph | null, text: string, parentLabel: string | null, at: { line: number; column: number }): void {
  const bold = boldLabel(paragraph);
  if (bold && section && CONTACTS_TITLE.test(section.section.title)) {
    const value = text.slice(text.indexOf(bold) + bold.length).replace(/^\s*:?\s*/, '').trim();
    if (value && bold.length <= 40) w.d.addRole(bold, null, { Contact: value }, at.line, at.column);
    return;
  }
  if (parentLabel && PEOPLE_LABEL.test(parentLabel.replace(/:$/, '').trim())) {
    const m = NAME_AND_DUTY.exec(text.trim());
    if (m) w.d.addRole(m[1]!, m[2]!.trim(), {}, at.line, at.column);
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
