// Working through a dropped network: what a seat queues while the console is out of reach, what
// it signs, and how the console decides each queued action on reconnect. Pure, so the browser, the
// console, `tminus verify` and the tests share one definition; the signature check itself is
// injected (WebCrypto in the browser, node:crypto in the console).
import { z } from 'zod';
import { canonicalJson } from '../log/canonicalJson';
import { queuedActionKindSchema, seatIdSchema, type SeatPublicKey } from '../log/seatEvents';

/** The most actions one reconnect may send: enough for a long outage, small enough to refuse a flood. */
export const MAX_QUEUED_ACTIONS = 1000;

export const queuedActionSchema = z
  .object({
    seat: seatIdSchema,
    session: z.string().min(1).max(100),
    item: z.string().min(1).max(200),
    action: queuedActionKindSchema,
    note: z.string().max(4000).nullable(),
    /** The seat's clock when the person did it (ISO 8601). */
    seatTime: z.string().datetime({ offset: true }),
    /** Per seat, strictly increasing: the order the person did things in. */
    seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    /** ECDSA P-256 / SHA-256 over signedTextOf(action), raw r||s, base64url. */
    signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'not a P-256 signature'),
  })
  .strict();
export type QueuedAction = z.infer<typeof queuedActionSchema>;

/** The exact text a seat signs: canonical JSON of everything but the signature. */
export function signedTextOf(action: Omit<QueuedAction, 'signature'>): string {
  const { seat, session, item, action: kind, note, seatTime, seq } = action;
  return canonicalJson({ seat, session, item, action: kind, note, seatTime, seq });
}

export type VerifySignature = (publicKey: SeatPublicKey, text: string, signature: string) => boolean;

export type QueuedVerdict =
  | { outcome: 'apply'; conflict: boolean }
  | { outcome: 'refuse'; reason: string }
  /** Already in the log (a resend after a lost answer): nothing to do, nothing lost. */
  | { outcome: 'duplicate' };

export interface MergeContext {
  seatId: string;
  sessionId: string;
  publicKey: SeatPublicKey | null;
  /** Whether the seat may still act at all (revoked seats may not). Null when it may. */
  refusal: string | null;
  /** The highest queued seq of this seat already in the log (-1 when none). */
  lastAppliedSeq: number;
  /** The last event of the session the seat had seen before it lost the console. */
  lastSeenSeq: number;
  /** The seq of the item's latest change in the log, or null when never touched. */
  itemChangedAt: (itemId: string) => number | null;
  knownItem: (itemId: string) => boolean;
  verify: VerifySignature;
}

/**
 * Decides every queued action in the order sent. An item changed by someone else after the seat's
 * last seen event is a conflict: the action is still applied (nothing the seat did is dropped) and
 * the item is marked until someone resolves it. Decisions are deterministic: the same log and the
 * same batch always give the same verdicts.
 */
export function decideQueuedActions(actions: readonly QueuedAction[], context: MergeContext): QueuedVerdict[] {
  let lastSeq = context.lastAppliedSeq;
  return actions.map((action): QueuedVerdict => {
    if (action.seat !== context.seatId || action.session !== context.sessionId) {
      return { outcome: 'refuse', reason: 'This action was signed for another seat or session.' };
    }
    if (action.seq <= lastSeq) return action.seq <= context.lastAppliedSeq ? { outcome: 'duplicate' } : { outcome: 'refuse', reason: `Out of order: action ${action.seq} came after ${lastSeq}.` };
    if (context.refusal) return { outcome: 'refuse', reason: context.refusal };
    if (!context.publicKey) return { outcome: 'refuse', reason: 'This seat has no registered key, so its queued actions cannot be proven to be its own.' };
    if (!context.verify(context.publicKey, signedTextOf(action), action.signature)) {
      return { outcome: 'refuse', reason: "The signature does not match this seat's key: the action was changed after it was made." };
    }
    if (!context.knownItem(action.item)) return { outcome: 'refuse', reason: `This session's runbook has no checklist item ${action.item}.` };
    if (action.action === 'note' && !action.note) return { outcome: 'refuse', reason: 'A note needs text.' };
    lastSeq = action.seq;
    const changedAt = context.itemChangedAt(action.item);
    return { outcome: 'apply', conflict: changedAt !== null && changedAt > context.lastSeenSeq };
  });
}
