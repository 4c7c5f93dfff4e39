// EventLog composes the hashed text from the strings it stores; it must stay byte-for-byte what
// hashEvent (the verifier's definition) computes, for any actor and payload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { EventLog, sha256Hex } from '../../../electron/store/eventLog';
import { hashEvent } from '../../../shared/log/chain';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-hashing-'));
  db = openDatabase({ file: join(dir, 'tminus.db') });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('hashes each appended event exactly as hashEvent does, whoever the actor and whatever the text', () => {
  const log = new EventLog(db, { clock: { now: () => Date.parse('2025-10-21T11:00:00Z') } });
  const sessionId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const shared = { name: 'Ada', role: 'Incident Commander' as string | null };
  log.append({ sessionId, actor: shared, type: 'session.created', payload: { name: 'Lancement "été" ✓', environment: 'production', t0: '2025-10-21T12:00:00.000Z', runbook: null } });
  const texts = ['plain', 'quotes " and \\ backslash', 'line\nbreak\ttab', 'emoji 🚀 and \u2028 separator', 'null char \u0000 inside'];
  for (const [i, text] of texts.entries()) {
    // The same actor object, changed in place between appends, must not reuse a stale serialisation.
    shared.name = i % 2 ? 'Ada' : 'Grace "G" Hopper';
    shared.role = i % 3 ? null : 'SRE';
    log.append({ sessionId, actor: shared, type: 'checklist.noted', payload: { itemId: `item-${i}`, text } });
  }
  log.appendMany([
    { sessionId, actor: { name: 'Linus', role: null }, type: 'checklist.checked', payload: { itemId: 'x', note: null, approver: 'CTO' } },
    { sessionId, actor: { name: 'Linus', role: null }, type: 'checklist.unchecked', payload: { itemId: 'x', reason: 'redo' } },
  ]);
  const events = log.read(sessionId);
  expect(events).toHaveLength(8);
  for (const event of events) expect(event.hash).toBe(hashEvent(sha256Hex, event.prevHash, event));
  expect(events.map((event) => event.actor.name)).toEqual(['Ada', 'Grace "G" Hopper', 'Ada', 'Grace "G" Hopper', 'Ada', 'Grace "G" Hopper', 'Linus', 'Linus']);
  expect(log.verify(sessionId)).toMatchObject({ ok: true, count: 8 });
});
