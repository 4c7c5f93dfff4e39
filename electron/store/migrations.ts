// Ordered schema migrations. Applied ones are recorded with the sha256 of their SQL, so a
// migration edited after it shipped is caught at open instead of silently diverging.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'event log and runbook snapshots',
    sql: `
      CREATE TABLE runbooks (
        content_hash TEXT NOT NULL,
        model_hash TEXT NOT NULL,
        source_name TEXT NOT NULL,
        content TEXT NOT NULL,
        model_json TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (content_hash, model_hash)
      );

      -- The one truth of a session. Rows are only ever inserted; the triggers refuse the rest so
      -- a bug cannot rewrite history, and the hash chain exposes anyone who bypasses them.
      CREATE TABLE events (
        session_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        at_utc TEXT NOT NULL,
        actor_json TEXT NOT NULL,
        type TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX events_by_type ON events (type, session_id);
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

      -- Sessions opened from an exported file: kept read-only, with the head their file declared.
      CREATE TABLE imported_sessions (
        session_id TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        head_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'step output chunks',
    sql: `
      -- Output of step runs, redacted at ingest, one row per chunk (consecutive pieces of one
      -- stream are merged up to 64 KiB). Outside the events so a 100 MB flood does not bloat the
      -- chain; each host's step.hostFinished event carries the sha256 of its chunk texts in seq
      -- order, so the chain still covers every byte. A rowid table: rows are large.
      CREATE TABLE output_chunks (
        session_id TEXT NOT NULL,
        run_id TEXT NOT NULL,
        target TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr')),
        at_utc TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE UNIQUE INDEX output_chunks_by_host ON output_chunks (session_id, run_id, target, seq);
      CREATE TRIGGER output_chunks_no_update BEFORE UPDATE ON output_chunks
        BEGIN SELECT RAISE(ABORT, 'step output is append-only'); END;
      CREATE TRIGGER output_chunks_no_delete BEFORE DELETE ON output_chunks
        BEGIN SELECT RAISE(ABORT, 'step output is append-only'); END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
