// Storing a session that arrived already chained (from a session file). Unlike EventLog.append,
// nothing is computed here: the rows go in exactly as they were verified, so the imported chain
// re-hashes to the head its file declared. All in one transaction with the `imported_sessions`
// row that keeps the session read-only and remembers that head.
import { canonicalJson } from '../../shared/log/canonicalJson';
import type { ChainRow } from '../../shared/log/chain';
import type { Db } from './database';
import type { Head } from './headsFile';

export interface ImportedRunbook {
  contentHash: string;
  modelHash: string;
  sourceName: string;
  content: string;
  model: unknown;
}

export interface VerifiedSession {
  sessionId: string;
  fileName: string;
  importedAt: string;
  head: Head;
  /** Verified against `head`, in seq order. */
  events: readonly ChainRow[];
  runbooks: readonly ImportedRunbook[];
}

export interface ImportedSessionRow {
  sessionId: string;
  fileName: string;
  importedAt: string;
  head: Head;
}

export class SessionExistsError extends Error {
  override name = 'SessionExistsError';
}

export function insertVerifiedSession(db: Db, session: VerifiedSession): void {
  const hasEvents = db.prepare('SELECT 1 FROM events WHERE session_id = ? LIMIT 1');
  const insertRunbook = db.prepare(
    `INSERT OR IGNORE INTO runbooks (content_hash, model_hash, source_name, content, model_json, stored_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (session_id, seq, at_utc, actor_json, type, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertImport = db.prepare('INSERT INTO imported_sessions (session_id, file_name, imported_at, head_seq, head_hash) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    if (hasEvents.get(session.sessionId)) throw new SessionExistsError(`session ${session.sessionId} already has events in this workspace`);
    for (const runbook of session.runbooks) {
      insertRunbook.run(runbook.contentHash, runbook.modelHash, runbook.sourceName, runbook.content, canonicalJson(runbook.model), session.importedAt);
    }
    for (const event of session.events) {
      insertEvent.run(
        event.sessionId,
        event.seq,
        event.at,
        canonicalJson(event.actor),
        event.type,
        canonicalJson(event.payload),
        event.prevHash,
        event.hash,
      );
    }
    insertImport.run(session.sessionId, session.fileName, session.importedAt, session.head.seq, session.head.hash);
  })();
}

/** Every imported session with the head its file declared (kept to detect a later cut-off tail). */
export function importedSessions(db: Db): ImportedSessionRow[] {
  const rows = db.prepare('SELECT session_id, file_name, imported_at, head_seq, head_hash FROM imported_sessions').all() as Array<{
    session_id: string;
    file_name: string;
    imported_at: string;
    head_seq: number;
    head_hash: string;
  }>;
  return rows.map((row) => ({
    sessionId: row.session_id,
    fileName: row.file_name,
    importedAt: row.imported_at,
    head: { seq: row.head_seq, hash: row.head_hash },
  }));
}
