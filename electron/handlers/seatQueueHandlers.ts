// A seat's key and the actions it queued while the console was out of reach. Every queued action
// ends in the log — applied (with the seat's time; the event's own time is the commit time),
// marked as a conflict, or refused with the reason — so nothing a seat did is silently dropped.
import { ApiError } from '../../shared/api/errors';
import type { SessionChange } from '../sessions/sessionWriter';
import { itemState } from '../../shared/session/checklistState';
import { decideQueuedActions, type QueuedAction, type QueuedVerdict } from '../../shared/warroom/queuedActions';
import type { ApiHandlers, CallContext } from '../core/router';
import { verifySeatSignature } from '../warroom/seatSignatures';
import type { HandlerContext } from './context';

type SeatQueueCallName = 'registerSeatKey' | 'submitQueuedActions' | 'resolveConflict';
type Outcome = 'applied' | 'conflict' | 'refused' | 'duplicate';

export function seatQueueHandlers(context: HandlerContext): Pick<ApiHandlers, SeatQueueCallName> {
  const { states, writer, workspace } = context;

  function seatOf(call: CallContext, sessionId: string) {
    if (!call.seat) throw new ApiError('forbidden', "Only a war-room seat has a key; the IC's console acts without one.");
    if (call.seat.sessionId !== sessionId) throw new ApiError('forbidden', 'This seat was invited to another session.');
    return call.seat;
  }

  function committed(sessionId: string, events: { seq: number; hash: string }[]) {
    const last = events.at(-1) ?? workspace.log.head(sessionId)!;
    return { changed: events.length > 0, seq: last.seq, hash: last.hash };
  }

  return {
    registerSeatKey: ({ sessionId, actor, publicKey }, call) => {
      const seat = seatOf(call, sessionId);
      writer.assertWritable(sessionId);
      const known = states.get(sessionId)!.warRoom.keys[seat.seatId];
      if (known) {
        // Once registered, a key is the seat's identity for its queued actions: replacing it would
        // let whoever holds the link re-sign history, so only a new invitation gives a new key.
        if (known.x === publicKey.x && known.y === publicKey.y) return { registered: false };
        throw new ApiError('conflict', 'This seat already has a key from another browser; ask the Incident Commander for a new invitation to work from this one.');
      }
      writer.write(sessionId, actor, [{ type: 'seat.keyRegistered', payload: { seatId: seat.seatId, publicKey } }]);
      return { registered: true };
    },

    submitQueuedActions: ({ sessionId, actor, lastSeenSeq, actions }, call) => {
      const seat = seatOf(call, sessionId);
      writer.assertWritable(sessionId);
      const state = states.get(sessionId)!;
      const runbookItems = new Map((states.runbook(sessionId)?.checklistItems ?? []).map((item) => [item.id, item]));
      const record = state.warRoom.seats.find((candidate) => candidate.seatId === seat.seatId);
      // Decided against the log as it was before this batch, so a seat's own earlier queued action
      // never counts as "someone else changed the item".
      const verdicts = decideQueuedActions(actions, {
        seatId: seat.seatId,
        sessionId,
        publicKey: state.warRoom.keys[seat.seatId] ?? null,
        refusal: !record || record.revokedAt ? 'This seat has been revoked by the Incident Commander.' : null,
        lastAppliedSeq: state.warRoom.lastQueuedSeq[seat.seatId] ?? -1,
        lastSeenSeq,
        itemChangedAt: (itemId) => itemState(state.checklist, itemId).history.at(-1)?.seq ?? null,
        knownItem: (itemId) => runbookItems.has(itemId),
        verify: verifySeatSignature,
      }).map((verdict, index): QueuedVerdict => {
        const item = runbookItems.get(actions[index]!.item);
        if (verdict.outcome === 'apply' && actions[index]!.action === 'check' && item?.signOff) {
          return { outcome: 'refuse', reason: `"${item.label}" is a sign-off: it needs the approver's name, given at the live console.` };
        }
        return verdict;
      });
      const checked = new Map<string, boolean>();
      const isChecked = (itemId: string) => checked.get(itemId) ?? itemState(state.checklist, itemId).checked;
      const changes: SessionChange[] = [];
      const results = actions.map((action, index) => {
        const verdict = verdicts[index]!;
        if (verdict.outcome === 'duplicate') return { seq: action.seq, outcome: 'duplicate' as Outcome, reason: null };
        if (verdict.outcome === 'refuse') {
          changes.push({ type: 'seat.queuedRefused', payload: { seatId: seat.seatId, seq: action.seq, itemId: action.item, reason: verdict.reason } });
          return { seq: action.seq, outcome: 'refused' as Outcome, reason: verdict.reason };
        }
        changes.push(queuedEvent(seat.seatId, action, verdict.conflict));
        changes.push(...checklistChange(action, isChecked(action.item)));
        if (action.action !== 'note') checked.set(action.item, action.action === 'check');
        return { seq: action.seq, outcome: (verdict.conflict ? 'conflict' : 'applied') as Outcome, reason: null };
      });
      const events = changes.length ? writer.write(sessionId, actor, changes) : [];
      return { results, committed: committed(sessionId, events) };
    },

    resolveConflict: ({ sessionId, actor, itemId, note }) => {
      writer.assertWritable(sessionId);
      if (!states.get(sessionId)?.warRoom.conflicts[itemId]) return committed(sessionId, []);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'seat.conflictResolved', payload: { itemId, note } }]));
    },
  };
}

function queuedEvent(seatId: string, action: QueuedAction, conflict: boolean): SessionChange {
  const { seq, item: itemId, action: kind, note, seatTime, signature } = action;
  return { type: 'seat.queuedAction', payload: { seatId, seq, itemId, action: kind, note, seatTime, signature, conflict } };
}

/** The checklist effect, following the live rules: a tick of a ticked item (or untick of an unticked one) changes nothing. */
function checklistChange(action: QueuedAction, checkedNow: boolean): SessionChange[] {
  const itemId = action.item;
  if (action.action === 'note') return [{ type: 'checklist.noted', payload: { itemId, text: action.note! } }];
  if (action.action === 'check') {
    if (!checkedNow) return [{ type: 'checklist.checked', payload: { itemId, note: action.note, approver: null } }];
    return action.note ? [{ type: 'checklist.noted', payload: { itemId, text: action.note } }] : [];
  }
  return checkedNow ? [{ type: 'checklist.unchecked', payload: { itemId, reason: action.note } }] : [];
}
