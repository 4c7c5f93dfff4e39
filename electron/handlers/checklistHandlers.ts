import { ApiError } from '../../shared/api/errors';
import type { Actor } from '../../shared/log/actor';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { ChecklistItem } from '../../shared/runbook/model';
import { itemState } from '../../shared/session/checklistState';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

type Committed = { changed: boolean; seq: number; hash: string };

export function checklistHandlers(context: HandlerContext): Pick<ApiHandlers, 'checkItem' | 'uncheckItem' | 'addNote' | 'changeActor'> {
  const { states, writer, workspace } = context;

  function findItem(sessionId: string, itemId: string): ChecklistItem {
    writer.assertWritable(sessionId);
    const item = states.runbook(sessionId)?.checklistItems.find((candidate) => candidate.id === itemId);
    if (!item) throw new ApiError('not_found', `This session's runbook has no checklist item ${itemId}.`);
    return item;
  }

  function committed(sessionId: string, events: LoggedEvent[]): Committed {
    const last = events.at(-1);
    if (last) return { changed: true, seq: last.seq, hash: last.hash };
    const head = workspace.log.head(sessionId)!;
    return { changed: false, seq: head.seq, hash: head.hash };
  }

  function current(sessionId: string, itemId: string) {
    return itemState(states.get(sessionId)!.checklist, itemId);
  }

  return {
    checkItem: ({ sessionId, itemId, actor, note, approver }) => {
      const item = findItem(sessionId, itemId);
      if (item.signOff && !approver) {
        throw new ApiError('invalid_input', `"${item.label}" is a sign-off: give the approver's name.`, [
          { path: 'approver', message: 'required for a sign-off item' },
        ]);
      }
      // A second tick (double click, two people at once) changes nothing and logs nothing.
      if (current(sessionId, itemId).checked && !note) return committed(sessionId, []);
      const events = current(sessionId, itemId).checked
        ? writer.write(sessionId, actor, [{ type: 'checklist.noted', payload: { itemId, text: note! } }])
        : writer.write(sessionId, actor, [{ type: 'checklist.checked', payload: { itemId, note, approver } }]);
      return committed(sessionId, events);
    },

    uncheckItem: ({ sessionId, itemId, actor, reason }) => {
      findItem(sessionId, itemId);
      if (!current(sessionId, itemId).checked) return committed(sessionId, []);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'checklist.unchecked', payload: { itemId, reason } }]));
    },

    addNote: ({ sessionId, itemId, actor, text }) => {
      findItem(sessionId, itemId);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'checklist.noted', payload: { itemId, text } }]));
    },

    changeActor: ({ sessionId, actor }: { sessionId: string; actor: Actor }) =>
      committed(sessionId, writer.write(sessionId, actor, [])),
  };
}
