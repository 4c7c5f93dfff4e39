// The small forms around a checklist item: approver of a sign-off, reason for unticking, a note,
// and the item's history. Each is a modal so the keyboard flow stays obvious.
import { useState, type FormEvent } from 'react';
import type { ChecklistItem } from '../../../../shared/runbook/model';
import type { ItemState } from '../../../../shared/session/checklistState';
import { describeActor } from '../../../../shared/log/actor';
import { Dialog } from '../../components/Dialog';
import { formatUtc } from '../../format';

export type ItemDialogKind = 'approve' | 'uncheck' | 'note' | 'history';

interface TextDialogProps {
  item: ChecklistItem;
  kind: Exclude<ItemDialogKind, 'history'>;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

const TEXTS = {
  approve: { title: 'Record sign-off', label: 'Approved by', submit: 'Record sign-off', required: true },
  uncheck: { title: 'Untick item', label: 'Reason (optional)', submit: 'Untick', required: false },
  note: { title: 'Add note', label: 'Note', submit: 'Add note', required: true },
} as const;

export function ItemTextDialog({ item, kind, onSubmit, onClose }: TextDialogProps) {
  const [text, setText] = useState('');
  const copy = TEXTS[kind];
  function submit(event: FormEvent) {
    event.preventDefault();
    if (copy.required && !text.trim()) return;
    onSubmit(text.trim());
  }
  return (
    <Dialog title={copy.title} open onClose={onClose}>
      <p className="dialog-subject">{item.text}</p>
      <form onSubmit={submit}>
        <label>
          {copy.label}
          {kind === 'note' ? (
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} autoFocus required maxLength={4000} />
          ) : (
            <input value={text} onChange={(e) => setText(e.target.value)} autoFocus required={copy.required} maxLength={200} />
          )}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {copy.submit}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ItemHistoryDialog({ item, state, onClose }: { item: ChecklistItem; state: ItemState; onClose: () => void }) {
  return (
    <Dialog title="Item history" open onClose={onClose}>
      <p className="dialog-subject">{item.text}</p>
      {state.history.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="history" aria-label="History">
          {state.history.map((entry) => (
            <li key={entry.seq}>
              <span className="mono">{formatUtc(entry.at)}</span> · <strong>{describeActor(entry.actor)}</strong>{' '}
              {entry.kind === 'checked' && (
                <>
                  ticked it{entry.approver ? `, approved by ${entry.approver}` : ''}
                  {entry.note ? <q>{entry.note}</q> : null}
                </>
              )}
              {entry.kind === 'unchecked' && <>unticked it{entry.reason ? <q>{entry.reason}</q> : ' (no reason given)'}</>}
              {entry.kind === 'noted' && (
                <>
                  noted <q>{entry.text}</q>
                </>
              )}
              <span className="muted mono"> #{entry.seq}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
