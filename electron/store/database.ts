// Opening the workspace database: refuse anything that is not ours or not safe to write, and make
// sure every commit is durable before it is acknowledged.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { StoreError } from './errors';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './permissions';

export type Db = Database.Database;

/** 'TMNS' — marks a file as a T-Minus workspace so a foreign SQLite file is never migrated. */
export const APPLICATION_ID = 0x544d4e53;

export interface OpenDatabaseOptions {
  file: string;
  readOnly?: boolean;
  /** Path of a better-sqlite3 addon built for the current runtime (the Electron ABI copy). */
  nativeBinding?: string;
  /**
   * `full` runs `PRAGMA integrity_check` (the default when the file will be written); `quick` runs
   * `quick_check` — the same page and record checks without cross-checking every index, linear in
   * the file size — for read-only inspection of big workspaces; `none` skips it.
   */
  integrityCheck?: 'full' | 'quick' | 'none';
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function openDatabase(options: OpenDatabaseOptions): Db {
  const { file, readOnly = false } = options;
  if (!readOnly) ensureWritableDirectory(dirname(file));
  assertSqliteFile(file, readOnly);
  // Created owner-only before SQLite touches it: its -wal and -shm files take the same mode.
  if (!readOnly && !existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));

  // A WAL database cannot be opened, even read-only, where SQLite may not create its -shm file: a
  // read-only copy or mount of a workspace. SQLite's `immutable=1` would do, but this build of
  // better-sqlite3 takes no URI filenames, and immutable ignores the WAL (the newest events). So
  // the file and its WAL are copied to a private temp folder and the copy is read (issue 16, point 8).
  const snapshot = readOnly && !isWritableDirectory(dirname(file)) ? privateSnapshot(file) : null;
  let db: Db;
  try {
    db = new Database(snapshot?.file ?? file, {
      readonly: readOnly,
      fileMustExist: readOnly,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    snapshot?.remove();
    throw new StoreError('not-sqlite', `${file} cannot be opened as a database: ${messageOf(error)}`);
  }
  if (snapshot) {
    const close = db.close.bind(db);
    db.close = () => {
      const result = close();
      snapshot.remove();
      return result;
    };
  }
  try {
    checkIdentity(db, file);
    if (!readOnly) configureDurability(db, file);
    const check = options.integrityCheck ?? (readOnly ? 'quick' : 'full');
    if (check !== 'none') checkIntegrity(db, file, check);
    if (!readOnly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isWritableDirectory(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The database and its WAL copied to a new owner-only temp folder; `remove` deletes the copy. */
function privateSnapshot(file: string): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tminus-readonly-'));
  const copy = join(dir, basename(file));
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new StoreError('not-sqlite', `${file} cannot be read (${codeOf(error)}).`);
  }
  return { file: copy, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function ensureWritableDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new StoreError('not-writable', `Data directory ${dir} is not writable (${codeOf(error)}); choose another with --data.`);
  }
}

function assertSqliteFile(file: string, readOnly: boolean): void {
  if (!existsSync(file)) {
    if (readOnly) throw new StoreError('not-sqlite', `${file} does not exist.`);
    return;
  }
  if (statSync(file).size === 0) return;
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new StoreError('not-sqlite', `${file} is not a T-Minus database (not an SQLite file); it was left untouched.`);
  }
}

function checkIdentity(db: Db, file: string): void {
  let applicationId: number;
  let userVersion: number;
  let tableCount: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    userVersion = db.pragma('user_version', { simple: true }) as number;
    tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  } catch (error) {
    throw new StoreError('corrupt', `${file} cannot be read as a database (${messageOf(error)}); it was left untouched.`);
  }
  const fresh = applicationId === 0 && tableCount === 0;
  if (!fresh && applicationId !== APPLICATION_ID) {
    throw new StoreError('foreign', `${file} belongs to another application (not a T-Minus workspace); it was left untouched.`);
  }
  if (userVersion > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'newer-schema',
      `${file} was written by a newer T-Minus (schema ${userVersion}, this version knows up to ${LATEST_SCHEMA_VERSION}); update T-Minus to open it.`,
    );
  }
}

function configureDurability(db: Db, file: string): void {
  db.pragma('journal_mode = WAL');
  // better-sqlite3 is compiled with WAL defaulting to NORMAL, which can lose the last commits on
  // power loss. An event is acknowledged only after commit, so the commit must be durable.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const journal = db.pragma('journal_mode', { simple: true });
  const synchronous = db.pragma('synchronous', { simple: true });
  if (journal !== 'wal' || synchronous !== 2) {
    throw new StoreError('corrupt', `${file}: could not enable WAL with synchronous=FULL (got ${String(journal)}/${String(synchronous)}).`);
  }
}

function checkIntegrity(db: Db, file: string, check: 'full' | 'quick'): void {
  let rows: Array<Record<string, string>>;
  try {
    rows = db.pragma(check === 'full' ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
  } catch (error) {
    throw new StoreError('corrupt', `${file} is damaged (${messageOf(error)}); it was left untouched.`);
  }
  const first = rows[0] ? Object.values(rows[0])[0] : undefined;
  if (rows.length !== 1 || first !== 'ok') {
    throw new StoreError('corrupt', `${file} failed its integrity check (${first ?? 'unknown problem'}); it was left untouched.`);
  }
}

function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sql_sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT version, sql_sha256 FROM schema_migrations').all() as Array<{ version: number; sql_sha256: string }>).map(
      (row) => [row.version, row.sql_sha256],
    ),
  );
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, sql_sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of migrations) {
    const digest = createHash('sha256').update(migration.sql).digest('hex');
    const known = applied.get(migration.version);
    if (known !== undefined) {
      if (known !== digest) {
        throw new StoreError(
          'migration-changed',
          `Database migration ${migration.version} (${migration.name}) differs from the one applied to this file; refusing to continue.`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(migration.version, migration.name, digest, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    })();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? messageOf(error);
}
