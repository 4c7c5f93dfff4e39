// Section: the checklist as run, section by section in document order — each item's state at the
// end, who ticked it and when, the approver of a sign-off, and its whole history (ticks, unticks
// with their reasons, notes).
import type { ChecklistItem, Section } from '../../runbook/model';
import { itemState, type ItemHistoryEntry } from '../../session/checklistState';
import { capped, omittedNote } from './capped';
import { chip, sectionHeading, when, type HtmlContext } from './context';
import { escapeHtml as e } from './escape';
import { sectionNumber } from './summarySection';

const MAX_HISTORY = 12;

function historyHtml(context: HtmlContext, entry: ItemHistoryEntry): string {
  const by = `${e(entry.actor.name)}${entry.actor.role ? ` (${e(entry.actor.role)})` : ''}`;
  switch (entry.kind) {
    case 'checked':
      return `<li>ticked by ${by}, ${when(context, entry.at)}${entry.approver ? ` — approved by <strong>${e(entry.approver)}</strong>` : ''}${entry.note ? ` — <span class="note">“${e(entry.note)}”</span>` : ''}</li>`;
    case 'unchecked':
      return `<li><strong>unticked</strong> by ${by}, ${when(context, entry.at)} — ${entry.reason ? `<span class="note">“${e(entry.reason)}”</span>` : 'no reason given'}</li>`;
    case 'noted':
      return `<li>note by ${by}, ${when(context, entry.at)}: <span class="note">“${e(entry.text)}”</span></li>`;
  }
}

function itemRow(context: HtmlContext, item: ChecklistItem): string {
  const state = itemState(context.model.state.checklist, item.id);
  const status = state.checked ? chip('done') : state.history.length ? chip('open', 'not done') : chip('neutral', 'not done');
  // An item worked on hundreds of times shows its first entries and its latest ones.
  const shown = capped(state.history, MAX_HISTORY, 0.25);
  const gap = shown.omitted ? `<li class="gap-item">${omittedNote(context.model, shown.omitted, 'entry', 'entries')}</li>` : '';
  const history = state.history.length ? `<ul class="history">${[...shown.head.map((h) => historyHtml(context, h)), gap, ...shown.tail.map((h) => historyHtml(context, h))].join('')}</ul>` : '';
  const tags = [item.signOff ? 'sign-off' : null, item.role].filter(Boolean).join(' · ');
  return [
    `<tr><td class="depth-${Math.min(item.depth, 4)}"><span class="item-text">${e(item.text)}</span>${tags ? ` <span class="muted small">${e(tags)}</span>` : ''}${history}</td>`,
    `<td>${status}</td>`,
    `<td>${state.checkedBy ? e(state.checkedBy.name) : ''}${state.approver ? `<br><span class="small">approved by <strong>${e(state.approver)}</strong></span>` : ''}</td>`,
    `<td>${state.checkedAt ? when(context, state.checkedAt) : ''}</td></tr>`,
  ].join('');
}

function sectionPath(section: Section, byId: Map<string, Section>): string {
  const names: string[] = [];
  for (let s: Section | undefined = section; s; s = s.parentId ? byId.get(s.parentId) : undefined) names.unshift(s.title);
  return names.slice(-2).join(' › ');
}

export function checklistSectionHtml(context: HtmlContext): string {
  const runbook = context.model.runbook;
  const out = [sectionHeading('checklist', sectionNumber('checklist'), 'Checklist as run')];
  if (!runbook || !runbook.checklistItems.length) {
    out.push('<p class="muted">The runbook has no checklist.</p>');
    return out.join('');
  }
  const { summary } = context.model;
  out.push(`<p>${summary.checklist.done} of ${summary.checklist.total} items done at the end of the session (parents count through their children).</p>`);
  const parents = new Set(runbook.checklistItems.flatMap((i) => (i.parentId ? [i.parentId] : [])));
  const bySection = new Map<string, ChecklistItem[]>();
  for (const item of runbook.checklistItems) {
    const list = bySection.get(item.sectionId);
    if (list) list.push(item);
    else bySection.set(item.sectionId, [item]);
  }
  const byId = new Map(runbook.sections.map((s) => [s.id, s]));
  for (const section of runbook.sections) {
    const items = bySection.get(section.id);
    if (!items) continue;
    const leaves = items.filter((i) => !parents.has(i.id));
    const done = leaves.filter((i) => context.model.state.checklist[i.id]?.checked).length;
    out.push(`<h3>${e(sectionPath(section, byId))}<span class="section-progress">${done}/${leaves.length}</span></h3>`);
    out.push('<table><thead><tr><th>Item</th><th>State</th><th>Ticked by</th><th>When</th></tr></thead><tbody>');
    for (const item of items) out.push(itemRow(context, item));
    out.push('</tbody></table>');
  }
  return out.join('');
}
