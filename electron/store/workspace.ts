// A workspace is a data directory: the database, its lock, and the heads side file. Opening it
// checks everything before anything is written: the file is ours, durable, intact, and every
// session's chain verifies against the heads kept outside the database.
import { join } from 'node:path';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { ensureWritableDirectory, openDatabase, type Db } from './database';
import { EventLog } from './eventLog';
import { checkHeads, HeadsFile, type CheckedHeads } from './headsFile';
import { loadOrCreateSigningKey, readSigningKey, type SignerIdentity, type SigningKey } from './signingKey';
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
  /** Signs every head recorded; its identity goes into every export. */
  signingKey: SigningKey;
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
    const signingKey = loadOrCreateSigningKey(dataDir);
    tightenWorkspace(dataDir);
    const headsPath = join(dataDir, HEADS_FILE);
    const reading = HeadsFile.readFile(headsPath);
    // Heads are read before the log exists: the EventLog's commits record into this file.
    const sessionIdsAtOpen = (db.prepare('SELECT DISTINCT session_id AS id FROM events').all() as Array<{ id: string }>).map((row) => row.id);
    const checked = checkHeads(reading, signingKey, sessionIdsAtOpen, { trustUnsigned: true });
    const heads = new HeadsFile(headsPath, signingKey, checked.trusted);
    const log = new EventLog(db, {
      clock,
      onCommitted(events) {
        for (const event of events) heads.record(event.sessionId, { seq: event.seq, hash: event.hash });
        options.onCommitted?.(events);
      },
    });
    const damaged = new Map<string, string>();
    const signedAlready = reading.kind === 'signed';
    for (const sessionId of log.sessionIds()) {
      const problem = headProblemOf(sessionId, checked, signedAlready);
      if (problem) {
        damaged.set(sessionId, problem);
        continue;
      }
      const verdict = log.verify(sessionId, heads.get(sessionId));
      if (!verdict.ok) damaged.set(sessionId, `seq ${verdict.seq}: ${verdict.problem}`);
      // Signs what verified: a format-1 workspace's heads (migration), a head the file lagged behind.
      else if (verdict.headSeq > 0 && heads.get(sessionId)?.hash !== verdict.headHash) heads.record(sessionId, { seq: verdict.headSeq, hash: verdict.headHash });
    }
    if (!signedAlready && reading.kind !== 'missing') heads.flush();
    const openDb = db;
    const heldLock = lock;
    return {
      dataDir,
      databaseFile,
      db: openDb,
      log,
      runbooks: new RunbookStore(openDb, clock),
      heads,
      signingKey,
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
  /** The heads whose signature verifies against the workspace's key. */
  heads: Record<string, { seq: number; hash: string }>;
  /** The workspace's key (null when it has none, or it cannot be read), to sign exports. */
  signingKey: SigningKey | null;
  /** Who signed the heads file. */
  signer: SignerIdentity | null;
  /** What is wrong with the heads file as a whole (missing, unsigned, another key), or null. */
  headsProblem: string | null;
  /** Sessions whose head cannot be trusted (unsigned, wrongly signed, missing), with why. */
  headProblems: Map<string, string>;
  /** Sessions whose head or chain does not verify, with the first problem. */
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
  const log = new EventLog(db, { clock });
  let signingKey: SigningKey | null = null;
  let keyProblem: string | null = null;
  try {
    signingKey = readSigningKey(dataDir);
  } catch (error) {
    keyProblem = error instanceof Error ? error.message : String(error);
  }
  const reading = HeadsFile.readFile(join(dataDir, HEADS_FILE));
  const checked = checkHeads(reading, signingKey, log.sessionIds());
  const headsProblem = keyProblem ?? checked.fileProblem;
  const headProblems = new Map<string, string>();
  for (const sessionId of log.sessionIds()) {
    const problem = headsProblem ?? headProblemOf(sessionId, checked, true);
    if (problem) headProblems.set(sessionId, problem);
  }
  const damaged = new Map<string, string>();
  for (const sessionId of options.verifySessions ?? log.sessionIds()) {
    const problem = headProblems.get(sessionId);
    if (problem) {
      damaged.set(sessionId, problem);
      continue;
    }
    const verdict = log.verify(sessionId, checked.trusted[sessionId]);
    if (!verdict.ok) damaged.set(sessionId, `seq ${verdict.seq}: ${verdict.problem}`);
  }
  return {
    dataDir,
    databaseFile,
    db,
    log,
    runbooks: new RunbookStore(db, clock),
    heads: checked.trusted,
    signingKey,
    signer: checked.signer,
    headsProblem,
    headProblems,
    damaged,
    close: () => db.close(),
  };
}

/**
 * Why a session's head cannot be trusted, or null. In a signed heads file every session of the
 * database must have a signed head (`requireHead`); imported sessions are guarded by theirs too.
 */
function headProblemOf(sessionId: string, checked: CheckedHeads, requireHead: boolean): string | null {
  if (checked.fileProblem) return checked.fileProblem;
  const problem = checked.sessionProblems.get(sessionId);
  if (problem) return problem;
  if (requireHead && !(sessionId in checked.trusted)) return `no signed head is recorded for it in ${HEADS_FILE}`;
  return null;
}
