// A workspace is a data directory: the database, its lock, and the heads side file. Opening it
// checks everything before anything is written: the file is ours, durable, intact, and every
// session's chain verifies against the heads kept outside the database.
import { join } from 'node:path';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { ensureWritableDirectory, openDatabase, type Db } from './database';
import { EventLog } from './eventLog';
import { HeadsFile } from './headsFile';
import { tightenWorkspace } from './permissions';
import { RunbookStore } from './runbookStore';

export const DATABASE_FILE = 'tminus.db';
export const HEADS_FILE = 'tminus.heads.json';

export interface WorkspaceOptions {
  dataDir: string;
  clock: { now(): number };
  nativeBinding?: string;
  onCommitted?: (events: LoggedEvent[]) => void;
}

export interface Workspace {
  dataDir: string;
  databaseFile: string;
  db: Db;
  log: EventLog;
  runbooks: RunbookStore;
  heads: HeadsFile;
  /** Sessions whose chain does not verify, with the first problem: they are read-only. */
  damaged: Map<string, string>;
  close(): void;
}

export function openWorkspace(options: WorkspaceOptions): Workspace {
  const { dataDir, clock } = options;
  const databaseFile = join(dataDir, DATABASE_FILE);
  let lock: DataDirLock | null = null;
  let db: Db | null = null;
  try {
    // Lock before opening: even migrating the schema is a write a second instance must not do.
    ensureWritableDirectory(dataDir);
    lock = lockDataDir(dataDir);
    tightenWorkspace(dataDir);
    db = openDatabase({ file: databaseFile, nativeBinding: options.nativeBinding });
    // The WAL and shared-memory files exist only now; an older workspace's may be world-readable.
    tightenWorkspace(dataDir);
    const heads = new HeadsFile(join(dataDir, HEADS_FILE));
    const log = new EventLog(db, {
      clock,
      onCommitted(events) {
        for (const event of events) heads.record(event.sessionId, { seq: event.seq, hash: event.hash });
        options.onCommitted?.(events);
      },
    });
    const damaged = new Map<string, string>();
    for (const sessionId of log.sessionIds()) {
      const verdict = log.verify(sessionId, heads.get(sessionId));
      if (!verdict.ok) damaged.set(sessionId, `seq ${verdict.seq}: ${verdict.problem}`);
    }
    const openDb = db;
    const heldLock = lock;
    return {
      dataDir,
      databaseFile,
      db: openDb,
      log,
      runbooks: new RunbookStore(openDb, clock),
      heads,
      damaged,
      close() {
        heads.flush();
        openDb.close();
        heldLock.release();
      },
    };
  } catch (error) {
    db?.close();
    lock?.release();
    throw error;
  }
}

export interface ReadOnlyWorkspace {
  dataDir: string;
  databaseFile: string;
  db: Db;
  log: EventLog;
  runbooks: RunbookStore;
  heads: Record<string, { seq: number; hash: string }>;
  damaged: Map<string, string>;
  close(): void;
}

/**
 * For inspection (list, verify, export) while a console may hold the write lock: no lock, no
 * migration, nothing written.
 */
export interface ReadOnlyOptions {
  clock?: { now(): number };
  /** Sessions whose chain to verify on open (default: every one); an export needs only its own. */
  verifySessions?: readonly string[];
}

export function openWorkspaceReadOnly(dataDir: string, options: ReadOnlyOptions = {}): ReadOnlyWorkspace {
  const clock = options.clock ?? { now: () => Date.now() };
  const databaseFile = join(dataDir, DATABASE_FILE);
  const db = openDatabase({ file: databaseFile, readOnly: true });
  const heads = HeadsFile.read(join(dataDir, HEADS_FILE)) ?? {};
  const log = new EventLog(db, { clock });
  const damaged = new Map<string, string>();
  for (const sessionId of options.verifySessions ?? log.sessionIds()) {
    const verdict = log.verify(sessionId, heads[sessionId]);
    if (!verdict.ok) damaged.set(sessionId, `seq ${verdict.seq}: ${verdict.problem}`);
  }
  return { dataDir, databaseFile, db, log, runbooks: new RunbookStore(db, clock), heads, damaged, close: () => db.close() };
}
