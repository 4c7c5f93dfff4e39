import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database';
import { StoreError } from '../../../electron/store/errors';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function expectStoreError(fn: () => unknown, kind: StoreError['kind'], message: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe(kind);
    expect((error as StoreError).message).toMatch(message);
    expect((error as StoreError).message).not.toContain('\n');
    return;
  }
  throw new Error('expected a StoreError');
}

describe('openDatabase', () => {
  it('creates a WAL database with synchronous=FULL and the latest schema', () => {
    const db = openDatabase({ file: join(dir, 'tminus.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    const again = openDatabase({ file: join(dir, 'tminus.db') });
    expect(again.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: LATEST_SCHEMA_VERSION });
    again.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const file = join(dir, 'tminus.db');
    writeFileSync(file, 'my notes, not a database\n'.repeat(200));
    expectStoreError(() => openDatabase({ file }), 'not-sqlite', /not a T-Minus database/);
    expect(readFileSync(file, 'utf8')).toBe('my notes, not a database\n'.repeat(200));
  });

  it("refuses another application's SQLite file", () => {
    const file = join(dir, 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);');
    other.close();
    const before = readFileSync(file);
    expectStoreError(() => openDatabase({ file }), 'foreign', /another application/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database from a newer schema version', () => {
    const file = join(dir, 'tminus.db');
    openDatabase({ file }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expectStoreError(() => openDatabase({ file }), 'newer-schema', /newer T-Minus/);
  });

  it('refuses a damaged file', () => {
    const file = join(dir, 'tminus.db');
    const db = openDatabase({ file });
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 8192, 40960);
    writeFileSync(file, bytes);
    expect(() => openDatabase({ file })).toThrow(StoreError);
  });

  it('refuses a data directory it cannot write', () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a path under a regular file is unwritable for anyone.
      writeFileSync(join(dir, 'plain-file'), '');
      expectStoreError(() => openDatabase({ file: join(dir, 'plain-file', 'sub', 'tminus.db') }), 'not-writable', /not writable/);
      return;
    }
    chmodSync(dir, 0o500);
    expectStoreError(() => openDatabase({ file: join(dir, 'sub', 'tminus.db') }), 'not-writable', /not writable/);
    chmodSync(dir, 0o700);
  });
});
