// `tminus verify --data DIR`: every session's chain, re-hashed from its first event, against the
// heads kept outside the database (the side file) and, for imported sessions, the head their
// file declared — so an edited, removed or reordered row and a cut-off tail are each found, with
// the first seq where the session stops being what was written.
import type { ChainVerdict } from '../../shared/log/chain';
import { importedSessions } from '../store/chainImport';
import type { Head } from '../store/headsFile';
import type { ReadOnlyWorkspace } from '../store/workspace';
import { SessionRegistry } from '../sessions/sessionRegistry';
import { auditSeatSignatures } from '../../shared/warroom/seatSignatureAudit';
import { verifySeatSignature } from '../warroom/seatSignatures';

export type SessionVerification = {
  sessionId: string;
  name: string | null;
  /** The head the session's import declared, for sessions opened from a file. */
  importedHead: Head | null;
  /** Queued seat actions whose signatures were checked (0 when the chain already failed). */
  seatSignatures?: number;
} & ChainVerdict;

export function verifyWorkspace(workspace: Pick<ReadOnlyWorkspace, 'db' | 'log' | 'heads' | 'damaged'> & { headProblems?: Map<string, string> }): SessionVerification[] {
  const registry = new SessionRegistry(workspace);
  const imported = new Map(importedSessions(workspace.db).map((row) => [row.sessionId, row.head]));
  const inDatabase = workspace.log.sessionIds().sort();
  const results: SessionVerification[] = [];
  for (const sessionId of inDatabase) {
    const name = registry.get(sessionId)?.name ?? null;
    const importedHead = imported.get(sessionId);
    const headProblem = workspace.headProblems?.get(sessionId);
    if (headProblem) {
      // The chain is still re-hashed, so its event count is right, but without a trusted head it proves nothing.
      const count = workspace.log.verify(sessionId).count;
      results.push({ sessionId, name, importedHead: importedHead ?? null, ok: false, count, seq: 0, problem: headProblem });
      continue;
    }
    const verdict = workspace.log.verify(sessionId, workspace.heads[sessionId]);
    const chain = verdict.ok && importedHead ? matchImportedHead(verdict, importedHead) : verdict;
    results.push({ sessionId, name, importedHead: importedHead ?? null, ...(chain.ok ? withSeatSignatures(workspace, sessionId, chain) : chain) });
  }
  // A session a recorded head knows of but the database has no row for: its whole log was removed.
  const present = new Set(inDatabase);
  for (const [sessionId, head] of [...Object.entries(workspace.heads), ...imported.entries()]) {
    if (present.has(sessionId)) continue;
    present.add(sessionId);
    results.push({ sessionId, name: null, importedHead: imported.get(sessionId) ?? null, ok: false, count: 0, seq: 1, problem: `all ${head.seq} events are missing from the database` });
  }
  return results;
}

/** A sound chain is then read for seat signatures; a bad one breaks the session at that event. */
function withSeatSignatures(workspace: Pick<ReadOnlyWorkspace, 'log'>, sessionId: string, chain: Extract<ChainVerdict, { ok: true }>): ChainVerdict & { seatSignatures: number } {
  const audit = auditSeatSignatures(sessionId, workspace.log.read(sessionId), verifySeatSignature);
  if (audit.ok) return { ...chain, seatSignatures: audit.checked };
  return { ok: false, count: chain.count, seq: audit.seq, problem: audit.problem, seatSignatures: audit.checked };
}

/** An imported session never grows: its chain must end exactly at the head its file declared. */
function matchImportedHead(verdict: Extract<ChainVerdict, { ok: true }>, head: Head): ChainVerdict {
  const { count } = verdict;
  if (verdict.headSeq < head.seq) {
    return { ok: false, count, seq: verdict.headSeq + 1, problem: `log ends at event ${verdict.headSeq} but the imported file's head is event ${head.seq}: the tail was cut off` };
  }
  if (verdict.headSeq > head.seq) {
    return { ok: false, count, seq: head.seq + 1, problem: `event ${head.seq + 1} was added after the session was imported (imported sessions are read-only)` };
  }
  if (verdict.headHash !== head.hash) {
    return { ok: false, count, seq: head.seq, problem: `event ${head.seq} differs from the imported file's head hash` };
  }
  return verdict;
}
