// Step output in the workspace database (`output_chunks`, migration 2). Chunks arrive already
// redacted; they are written in groups, one transaction per group, never one commit per line.
// A host's digest — chunk count, UTF-8 bytes, sha256 over the chunk texts in seq order — is what
// its `step.hostFinished` event records, so the hash chain covers the output without holding it.
import { createHash, type Hash } from 'node:crypto';
import type { Db } from '../store/database';

export type OutputStreamName = 'stdout' | 'stderr';

export interface StoredChunk {
  seq: number;
  stream: OutputStreamName;
  /** ISO instant the first byte of the chunk arrived. */
  at: string;
  text: string;
}

/** One host of one run: where a chunk belongs. */
export interface HostOutputKey {
  sessionId: string;
  runId: string;
  target: string;
}

export interface OutputGroup extends HostOutputKey {
  chunks: StoredChunk[];
}

export interface OutputDigest {
  chunks: number;
  bytes: number;
  sha256: string;
}

/** sha256 of nothing: the digest of a host that printed nothing (or never started). */
export const EMPTY_OUTPUT_DIGEST: OutputDigest = { chunks: 0, bytes: 0, sha256: createHash('sha256').digest('hex') };

/** The running digest of a host's output as it is recorded (same result as `OutputStore.digest`). */
export class OutputDigester {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  update(text: string): void {
    this.hash.update(text, 'utf8');
    this.bytes += Buffer.byteLength(text, 'utf8');
  }

  digest(chunks: number): OutputDigest {
    return { chunks, bytes: this.bytes, sha256: this.hash.copy().digest('hex') };
  }
}

type ChunkRow = [number, OutputStreamName, string, string];

export class OutputStore {
  private readonly insert;
  private readonly selectPage;
  private readonly selectAll;
  private readonly selectHosts;
  private readonly writeGroups;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO output_chunks (session_id, run_id, target, seq, stream, at_utc, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.selectPage = db
      .prepare('SELECT seq, stream, at_utc, text FROM output_chunks WHERE session_id = ? AND run_id = ? AND target = ? AND seq >= ? ORDER BY seq LIMIT ?')
      .raw(true);
    this.selectAll = db.prepare('SELECT seq, stream, at_utc, text FROM output_chunks WHERE session_id = ? AND run_id = ? AND target = ? ORDER BY seq').raw(true);
    this.selectHosts = db.prepare('SELECT DISTINCT run_id, target FROM output_chunks WHERE session_id = ? ORDER BY run_id, target');
    this.writeGroups = db.transaction((groups: readonly OutputGroup[]) => {
      for (const group of groups) {
        for (const chunk of group.chunks) this.insert.run(group.sessionId, group.runId, group.target, chunk.seq, chunk.stream, chunk.at, chunk.text);
      }
    });
  }

  /**
   * Writes several hosts' chunks in one transaction. Output groups commit with synchronous=NORMAL
   * (events keep FULL): in WAL mode that is still atomic and survives a process crash, and the
   * next FULL commit — at the latest the host's step.hostFinished, whose digest covers these
   * chunks — fsyncs the WAL with every group written before it. Skipping an fsync per group more
   * than doubles what the log can take in from a flooding host (one fsync per group was the limit).
   */
  write(groups: readonly OutputGroup[]): void {
    if (!groups.some((group) => group.chunks.length > 0)) return;
    if (this.db.inTransaction) return this.writeGroups(groups);
    const previous = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    try {
      this.writeGroups(groups);
    } finally {
      this.db.pragma(`synchronous = ${previous}`);
    }
  }

  /**
   * Chunks from `fromSeq` on, at most `limit` of them and — past the first — about `maxChars`
   * characters, so one page of a flood is never a 64 MB answer.
   */
  page(key: HostOutputKey, fromSeq: number, limit: number, maxChars: number): StoredChunk[] {
    const chunks: StoredChunk[] = [];
    let chars = 0;
    for (const row of this.selectPage.iterate(key.sessionId, key.runId, key.target, fromSeq, limit) as Iterable<ChunkRow>) {
      if (chunks.length > 0 && chars + row[3].length > maxChars) break;
      chunks.push(toChunk(row));
      chars += row[3].length;
    }
    return chunks;
  }

  /** Every chunk of one host, in seq order (export). */
  *chunks(key: HostOutputKey): Generator<StoredChunk> {
    for (const row of this.selectAll.iterate(key.sessionId, key.runId, key.target) as Iterable<ChunkRow>) yield toChunk(row);
  }

  /** Digest of what is stored for one host (recovery after a crash; verification). */
  digest(key: HostOutputKey): OutputDigest {
    const digester = new OutputDigester();
    let count = 0;
    for (const chunk of this.chunks(key)) {
      digester.update(chunk.text);
      count++;
    }
    return digester.digest(count);
  }

  /** The (run, target) pairs of a session that have stored output. */
  hosts(sessionId: string): Array<{ runId: string; target: string }> {
    return (this.selectHosts.all(sessionId) as Array<{ run_id: string; target: string }>).map((row) => ({ runId: row.run_id, target: row.target }));
  }
}

/**
 * A session's stored output as an export reads it; undefined for a database without the output
 * table (a workspace opened read-only that no console of this version has migrated yet).
 */
export function sessionOutputSource(db: Db, sessionId: string): { chunks(runId: string, target: string): Iterable<StoredChunk> } | undefined {
  if (!hasOutputTable(db)) return undefined;
  const store = new OutputStore(db);
  return { chunks: (runId, target) => store.chunks({ sessionId, runId, target }) };
}

/** Stores the (verified) output of an imported session file. */
export function importOutputs(db: Db, sessionId: string, outputs: ReadonlyArray<{ runId: string; target: string; chunks: StoredChunk[] }>): void {
  new OutputStore(db).write(outputs.map((output) => ({ sessionId, runId: output.runId, target: output.target, chunks: output.chunks })));
}

function toChunk(row: ChunkRow): StoredChunk {
  return { seq: row[0], stream: row[1], at: row[2], text: row[3] };
}

/** Whether the database has the output table (a read-only look at a workspace not yet migrated). */
export function hasOutputTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'output_chunks'").get() !== undefined;
}
