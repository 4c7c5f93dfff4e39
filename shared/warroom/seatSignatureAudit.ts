// `tminus verify`'s second look at a session: every queued action in the log must carry a valid
// signature by the key its seat registered before it. The chain proves the log was not changed
// after writing; this proves each queued action was made by the browser holding that seat's key.
import type { LoggedEvent } from '../log/eventTypes';
import type { SeatPublicKey } from '../log/seatEvents';
import { signedTextOf, type VerifySignature } from './queuedActions';

export type SeatSignatureVerdict = { ok: true; checked: number } | { ok: false; checked: number; seq: number; problem: string };

export function auditSeatSignatures(sessionId: string, events: Iterable<LoggedEvent>, verify: VerifySignature): SeatSignatureVerdict {
  const keys = new Map<string, SeatPublicKey>();
  let checked = 0;
  for (const event of events) {
    if (event.type === 'seat.keyRegistered' && !keys.has(event.payload.seatId)) keys.set(event.payload.seatId, event.payload.publicKey);
    if (event.type !== 'seat.queuedAction') continue;
    const { seatId, seq, itemId, action, note, seatTime, signature } = event.payload;
    const key = keys.get(seatId);
    if (!key) return { ok: false, checked, seq: event.seq, problem: `queued action #${seq} of seat ${seatId} has no key registered before it` };
    checked++;
    if (!verify(key, signedTextOf({ seat: seatId, session: sessionId, item: itemId, action, note, seatTime, seq }), signature)) {
      return { ok: false, checked, seq: event.seq, problem: `queued action #${seq} of seat ${seatId} does not match the seat's signature` };
    }
  }
  return { ok: true, checked };
}
