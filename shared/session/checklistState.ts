// The checklist as the log says it is: per item, checked or not, by whom and when, the approver
// of a sign-off, notes, and the full history (tick, untick, note) for "who did what, when, why".
import type { Actor } from '../log/actor';
import type { LoggedEvent } from '../log/eventTypes';

export type ItemHistoryEntry =
  | { kind: 'checked'; seq: number; at: string; actor: Actor; note: string | null; approver: string | null }
  | { kind: 'unchecked'; seq: number; at: string; actor: Actor; reason: string | null }
  | { kind: 'noted'; seq: number; at: string; actor: Actor; text: string };

export interface ItemState {
  checked: boolean;
  /** Who ticked it and when (the latest tick), null while unchecked. */
  checkedBy: Actor | null;
  checkedAt: string | null;
  approver: string | null;
  history: ItemHistoryEntry[];
}

export type ChecklistState = Record<string, ItemState>;

const EMPTY_ITEM: ItemState = { checked: false, checkedBy: null, checkedAt: null, approver: null, history: [] };

export function itemState(state: ChecklistState, itemId: string): ItemState {
  return state[itemId] ?? EMPTY_ITEM;
}

function isChecklistEvent(event: LoggedEvent): event is Extract<LoggedEvent, { type: `checklist.${string}` }> {
  return event.type === 'checklist.checked' || event.type === 'checklist.unchecked' || event.type === 'checklist.noted';
}

/**
 * Folds one event into `state` in place (O(1)): used to rebuild a whole session quickly. Returns
 * false when the event does not concern the checklist.
 */
export function reduceChecklist(state: ChecklistState, event: LoggedEvent): boolean {
  if (!isChecklistEvent(event)) return false;
  const id = event.payload.itemId;
  const item = (state[id] ??= { ...EMPTY_ITEM, history: [] });
  const base = { seq: event.seq, at: event.at, actor: event.actor };
  switch (event.type) {
    case 'checklist.checked':
      item.checked = true;
      item.checkedBy = event.actor;
      item.checkedAt = event.at;
      item.approver = event.payload.approver;
      item.history.push({ kind: 'checked', ...base, note: event.payload.note, approver: event.payload.approver });
      break;
    case 'checklist.unchecked':
      item.checked = false;
      item.checkedBy = null;
      item.checkedAt = null;
      item.approver = null;
      item.history.push({ kind: 'unchecked', ...base, reason: event.payload.reason });
      break;
    case 'checklist.noted':
      item.history.push({ kind: 'noted', ...base, text: event.payload.text });
      break;
  }
  return true;
}

/** The same fold without touching `state`: copies only the item the event changes (for the UI). */
export function applyChecklistEvent(state: ChecklistState, event: LoggedEvent): ChecklistState {
  if (!isChecklistEvent(event)) return state;
  const id = event.payload.itemId;
  const current = state[id];
  const next = { ...state, ...(current ? { [id]: { ...current, history: [...current.history] } } : {}) };
  reduceChecklist(next, event);
  return next;
}

/** Notes of an item: the ones written on their own and the ones given with a tick. */
export function notesOf(item: ItemState): Array<{ seq: number; at: string; actor: Actor; text: string }> {
  return item.history.flatMap((entry) => {
    if (entry.kind === 'noted') return [{ seq: entry.seq, at: entry.at, actor: entry.actor, text: entry.text }];
    if (entry.kind === 'checked' && entry.note) return [{ seq: entry.seq, at: entry.at, actor: entry.actor, text: entry.note }];
    return [];
  });
}
