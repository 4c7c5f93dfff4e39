// Session headers for the whole workspace, folded from the log once at start-up and kept current
// from each commit, so listing sessions never rescans the log.
import { applySessionEvent, type SessionHeader } from '../../shared/session/sessionHeader';
import { sessionEventPayloads } from '../../shared/log/sessionEvents';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { SessionSummary } from '../../shared/api/sessions';
import { fromRow } from '../store/eventLog';
import type { Workspace } from '../store/workspace';

const SESSION_TYPES = Object.keys(sessionEventPayloads);

export class SessionRegistry {
  private readonly headers = new Map<string, SessionHeader>();
  private readonly imported = new Set<string>();

  constructor(private readonly workspace: Pick<Workspace, 'db' | 'log' | 'damaged'>) {
    const rows = workspace.db
      .prepare(
        `SELECT * FROM events WHERE type IN (${SESSION_TYPES.map(() => '?').join(',')}) ORDER BY session_id, seq`,
      )
      .all(...SESSION_TYPES) as Parameters<typeof fromRow>[0][];
    for (const row of rows) this.apply(fromRow(row));
    for (const [id, header] of this.headers) {
      const head = workspace.log.head(id);
      if (head) this.headers.set(id, { ...header, eventCount: head.seq, headHash: head.hash });
    }
    const importedRows = workspace.db.prepare('SELECT session_id FROM imported_sessions').all() as Array<{ session_id: string }>;
    for (const row of importedRows) this.imported.add(row.session_id);
  }

  /** Keeps headers current; called with every committed event. */
  apply(event: LoggedEvent): void {
    const next = applySessionEvent(this.headers.get(event.sessionId) ?? null, event);
    if (next) this.headers.set(event.sessionId, next);
  }

  get(sessionId: string): SessionHeader | null {
    return this.headers.get(sessionId) ?? null;
  }

  markImported(sessionId: string): void {
    this.imported.add(sessionId);
  }

  /** Why a session cannot be written to, or null when it can. */
  readOnlyReason(sessionId: string): string | null {
    const damage = this.workspace.damaged.get(sessionId);
    if (damage) return `its log failed verification (${damage})`;
    if (this.imported.has(sessionId)) return 'it was opened from an exported file';
    if (this.headers.get(sessionId)?.closed) return 'it is closed';
    return null;
  }

  summary(sessionId: string): SessionSummary | null {
    const header = this.headers.get(sessionId);
    if (!header) return null;
    return {
      id: header.id,
      name: header.name,
      environment: header.environment,
      t0: header.t0,
      createdAt: header.createdAt,
      createdBy: header.createdBy,
      runbook: header.runbook,
      readOnly: this.readOnlyReason(sessionId) !== null,
      origin: this.imported.has(sessionId) ? 'imported' : 'local',
      eventCount: header.eventCount,
      headHash: header.headHash,
    };
  }

  list(): SessionSummary[] {
    return [...this.headers.keys()]
      .map((id) => this.summary(id)!)
      .sort((a, b) => b.t0.localeCompare(a.t0) || b.createdAt.localeCompare(a.createdAt));
  }
}
