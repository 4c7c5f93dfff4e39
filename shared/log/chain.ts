// The hash chain. `hash = sha256(prevHash ‖ canonical(event))`, so editing, removing, reordering
// or inserting any row changes every hash after it. The digest function is injected: Node's
// crypto on the console side, anything else where the log is verified.
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH } from './eventTypes';
import type { Actor } from './actor';

export type Sha256Hex = (text: string) => string;

export interface ChainedFields {
  sessionId: string;
  seq: number;
  at: string;
  actor: Actor;
  type: string;
  payload: unknown;
}

export function hashEvent(sha256: Sha256Hex, prevHash: string, event: ChainedFields): string {
  const { sessionId, seq, at, actor, type, payload } = event;
  return sha256(prevHash + canonicalJson({ sessionId, seq, at, actor, type, payload }));
}

export interface ChainRow extends ChainedFields {
  prevHash: string;
  hash: string;
  /**
   * The event's canonical JSON exactly as stored, when the store keeps it (the database does):
   * hashed as is, which spares parsing and re-serialising every row. Stored text that is not the
   * canonical form can only come from an edit, and then the hash does not match.
   */
  canonicalText?: string;
}

export type ChainVerdict =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; count: number; seq: number; problem: string };

/**
 * Verifies one session's rows in stored order. `expectedHead`, when known from outside the
 * database (the heads side file, an export's header), also catches a cut-off tail.
 */
export function verifyChain(
  sha256: Sha256Hex,
  rows: Iterable<ChainRow>,
  expectedHead?: { seq: number; hash: string } | null,
): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) {
      const problem =
        row.seq > expectedSeq
          ? `event ${expectedSeq}${row.seq - 1 > expectedSeq ? `–${row.seq - 1}` : ''} missing (next stored is ${row.seq})`
          : `event ${row.seq} out of order (expected ${expectedSeq})`;
      return { ok: false, count, seq: expectedSeq, problem };
    }
    if (row.prevHash !== prevHash) {
      return { ok: false, count, seq: row.seq, problem: `event ${row.seq} does not link to event ${row.seq - 1} (prev_hash differs)` };
    }
    const recomputed = safeHash(sha256, prevHash, row);
    if (recomputed !== row.hash) {
      return { ok: false, count, seq: row.seq, problem: `event ${row.seq} was modified (its hash does not match its content)` };
    }
    if (expectedHead && row.seq === expectedHead.seq && row.hash !== expectedHead.hash) {
      return { ok: false, count, seq: row.seq, problem: `event ${row.seq} differs from the recorded head hash` };
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  const headSeq = expectedSeq - 1;
  if (expectedHead) {
    if (expectedHead.seq > headSeq) {
      return {
        ok: false,
        count,
        seq: headSeq + 1,
        problem: `log ends at event ${headSeq} but its recorded head is event ${expectedHead.seq}: the tail was cut off`,
      };
    }
  }
  return { ok: true, count, headSeq, headHash: prevHash };
}

function safeHash(sha256: Sha256Hex, prevHash: string, row: ChainRow): string | null {
  if (row.canonicalText !== undefined) return sha256(prevHash + row.canonicalText);
  try {
    return hashEvent(sha256, prevHash, row);
  } catch {
    return null;
  }
}
