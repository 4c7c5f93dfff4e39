import { memo } from 'react';
import type { ChecklistItem } from '../../../../shared/runbook/model';
import { notesOf, type ItemState } from '../../../../shared/session/checklistState';
import type { Progress } from '../../../../shared/session/checklistProgress';
import { formatUtc } from '../../format';
import type { ItemDialogKind } from './ItemDialogs';

export interface ChecklistItemRowProps {
  item: ChecklistItem;
  state: ItemState;
  /** Progress of the children, for parent items. */
  childProgress: Progress | null;
  contextOnly: boolean;
  focused: boolean;
  pending: boolean;
  /** A seat's queued action found the item changed by someone else: shown until someone resolves it. */
  conflict: boolean;
  readOnly: boolean;
  onToggle: (item: ChecklistItem) => void;
  onOpen: (item: ChecklistItem, kind: ItemDialogKind) => void;
  onFocus: (itemId: string) => void;
  onResolve: (item: ChecklistItem) => void;
  /** 1-based position among the shown items and their count: a windowed list renders only some, so screen readers are told where this one is. */
  posInSet: number;
  setSize: number;
  /** Where the row sits in a windowed list (px from the top); undefined when the list renders in full. */
  topPx?: number;
}

export const ChecklistItemRow = memo(function ChecklistItemRow(props: ChecklistItemRowProps) {
  const { item, state, childProgress, contextOnly, focused, pending, readOnly, topPx } = props;
  const notes = notesOf(state);
  const classes = ['item-row', state.checked ? 'is-checked' : '', contextOnly ? 'is-context' : '', focused ? 'is-focused' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      className={classes}
      style={{ paddingLeft: `${0.75 + item.depth * 1.6}rem`, ...(topPx === undefined ? {} : { top: topPx }) }}
      data-item-id={item.id}
      aria-posinset={props.posInSet}
      aria-setsize={props.setSize}
      aria-busy={pending || undefined}
      onFocusCapture={() => props.onFocus(item.id)}
    >
      <label className="item-main">
        <input
          type="checkbox"
          checked={state.checked}
          disabled={readOnly || pending}
          aria-readonly={readOnly || undefined}
          onChange={() => props.onToggle(item)}
        />
        <span className="item-text" title={topPx === undefined ? undefined : item.text}>
          {item.label !== item.text ? (
            <>
              <strong>{item.label}</strong>
              {item.detail ? ` ${item.detail}` : ''}
            </>
          ) : item.depth === 0 && childProgress ? (
            <strong>{item.text}</strong>
          ) : (
            item.text
          )}
        </span>
      </label>
      {childProgress && (
        <span className={`item-progress${childProgress.done === childProgress.total ? ' is-complete' : ''}`} aria-label={`${childProgress.done} of ${childProgress.total} done`}>
          {childProgress.done}/{childProgress.total}
        </span>
      )}
      {item.signOff && <span className="tag tag-signoff">sign-off</span>}
      {item.role && <span className="tag">{item.role}</span>}
      {state.checked && state.checkedBy && (
        <span className="item-who">
          ✓ {state.approver ? `approved by ${state.approver} · ` : ''}
          {state.checkedBy.name} · <span className="mono">{formatUtc(state.checkedAt!, false).slice(5, 16)}</span>
        </span>
      )}
      {notes.length > 0 && (
        <span className="item-notes" title={notes.map((n) => `${n.actor.name}: ${n.text}`).join('\n')}>
          {notes.length} {notes.length === 1 ? 'note' : 'notes'}: “{notes.at(-1)!.text}”
        </span>
      )}
      {props.conflict && <span className="tag tag-conflict">conflict: changed by two people — see History</span>}
      <span className="item-actions">
        {props.conflict && !readOnly && (
          <button type="button" className="small" onClick={() => props.onResolve(item)} aria-label={`Resolve the conflict on ${item.text}`}>
            Resolve
          </button>
        )}
        {!readOnly && (
          <button type="button" className="small" onClick={() => props.onOpen(item, 'note')} aria-label={`Add note to ${item.text}`}>
            Note
          </button>
        )}
        <button type="button" className="small" onClick={() => props.onOpen(item, 'history')} aria-label={`History of ${item.text}`}>
          History
        </button>
      </span>
    </li>
  );
});
