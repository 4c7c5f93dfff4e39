import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { EventLog } from '../../../electron/store/eventLog';

const ada = { name: 'Ada', role: 'Incident Commander' };
let dir: string;
let db: Db;
let now: number;
let log: EventLog;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-log-'));
  db = openDatabase({ file: join(dir, 'tminus.db') });
  now = Date.parse('2025-10-21T11:00:00Z');
  log = new EventLog(db, { clock: { now: () => now } });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function createSession(id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa') {
  log.append({ sessionId: id, actor: ada, type: 'session.created', payload: { name: 'Launch', environment: 'production', t0: '2025-10-21T12:00:00.000Z', runbook: null } });
  return id;
}

describe('EventLog', () => {
  it('chains each event to the one before and verifies', () => {
    const id = createSession();
    now += 60_000;
    const moved = log.append({ sessionId: id, actor: ada, type: 'session.t0Moved', payload: { from: '2025-10-21T12:00:00.000Z', to: '2025-10-21T12:30:00.000Z', reason: 'vendor late' } });
    expect(moved.seq).toBe(2);
    expect(moved.at).toBe('2025-10-21T11:01:00.000Z');
    expect(moved.prevHash).toBe(log.read(id)[0]!.hash);
    expect(log.verify(id)).toEqual({ ok: true, count: 2, headSeq: 2, headHash: moved.hash });
  });

  it('refuses payloads that do not match their type, and writes nothing', () => {
    const id = createSession();
    expect(() => log.append({ sessionId: id, actor: ada, type: 'session.t0Moved', payload: { from: 'x' } as never })).toThrow();
    expect(log.read(id)).toHaveLength(1);
  });

  it('appends a batch atomically', () => {
    const id = createSession();
    expect(() =>
      log.appendMany([
        { sessionId: id, actor: ada, type: 'session.closed', payload: { reason: null } },
        { sessionId: id, actor: ada, type: 'session.t0Moved', payload: {} as never },
      ]),
    ).toThrow();
    expect(log.read(id)).toHaveLength(1);
    expect(log.head(id)?.seq).toBe(1);
  });

  it('cannot update or delete rows through SQL', () => {
    const id = createSession();
    expect(() => db.prepare("UPDATE events SET payload_json = '{}' WHERE session_id = ?").run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE session_id = ?').run(id)).toThrow(/append-only/);
  });

  it('detects an edited payload at its seq even when the triggers are bypassed', () => {
    const id = createSession();
    for (let i = 0; i < 4; i++) log.append({ sessionId: id, actor: ada, type: 'session.actorChanged', payload: { actor: { name: `P${i}`, role: null }, previous: null } });
    db.exec('DROP TRIGGER events_no_update');
    db.prepare(`UPDATE events SET payload_json = replace(payload_json, 'P2', 'Mallory') WHERE session_id = ? AND seq = 4`).run(id);
    expect(log.verify(id)).toMatchObject({ ok: false, seq: 4 });
  });

  it('keeps separate chains per session', () => {
    const a = createSession('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    const b = createSession('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
    expect(log.head(a)?.seq).toBe(1);
    expect(log.head(b)?.seq).toBe(1);
    expect(new Set(log.sessionIds())).toEqual(new Set([a, b]));
  });

  it('keeps every acknowledged event when the file is reopened', () => {
    const id = createSession();
    log.append({ sessionId: id, actor: ada, type: 'session.closed', payload: { reason: 'done' } });
    db.close();
    const reopened = new Database(join(dir, 'tminus.db'), { readonly: true });
    expect(reopened.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2 });
    reopened.close();
    db = openDatabase({ file: join(dir, 'tminus.db') });
  });
});
