// Tampering as an attacker would do it — raw SQL on the closed database, triggers dropped, or an
// edited session file — and `tminus verify` finding each at the right session and seq.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { sha256Hex } from '../../../electron/store/eventLog';
import { canonicalJson } from '../../../shared/log/canonicalJson';
import { hashEvent } from '../../../shared/log/chain';
import type { SessionFile } from '../../../shared/log/sessionFile';
import { call, openTestConsole, seedSession, type SeededSession } from '../../support/logWorkspace';

let dir: string;
let launch: SeededSession;
let rehearsal: SeededSession;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

async function verify(...args: string[]) {
  const result = capture();
  const code = await main(['verify', ...args], result.io);
  return { code, out: result.out.join('\n'), err: result.err.join('\n') };
}

/** Raw access to the closed workspace database, with the append-only triggers gone. */
function tamper(statements: string | string[], ...params: unknown[]): void {
  const db = new Database(join(dir, 'tminus.db'));
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
    for (const sql of [statements].flat()) db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-verify-'));
  const service = openTestConsole(dir);
  try {
    launch = await seedSession(service, 'Launch', 9); // 10 events
    rehearsal = await seedSession(service, 'Rehearsal', 2); // 3 events
  } finally {
    await service.close();
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function expectBroken(result: { code: number; out: string }, seq: number, problem: RegExp) {
  expect(result.code).toBe(1);
  const line = result.out.split('\n').find((l) => l.startsWith('BROKEN'));
  expect(line).toContain(`session ${launch.id} "Launch" at seq ${seq}:`);
  expect(line).toMatch(problem);
  expect(result.out).toContain(`ok 3 events  session ${rehearsal.id} "Rehearsal"`);
}

describe('tminus verify --data', () => {
  it('says ok with the event count for every intact session', async () => {
    const result = await verify('--data', dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`ok 10 events  session ${launch.id} "Launch"`);
    expect(result.out).toContain(`ok 3 events  session ${rehearsal.id} "Rehearsal"`);
  });

  it('checks the default workspace (TMINUS_DATA_DIR) when no --data is given', async () => {
    vi.stubEnv('TMINUS_DATA_DIR', dir);
    try {
      const result = await verify();
      expect(result.code).toBe(0);
      expect(result.out).toContain(`ok 10 events  session ${launch.id} "Launch"`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('finds an edited payload', async () => {
    tamper(`UPDATE events SET payload_json = replace(payload_json, 'note 5', 'note five') WHERE session_id = ? AND seq = 6`, launch.id);
    expectBroken(await verify('--data', dir), 6, /event 6 was modified/);
  });

  it('finds a deleted row', async () => {
    tamper('DELETE FROM events WHERE session_id = ? AND seq = 4', launch.id);
    expectBroken(await verify('--data', dir), 4, /event 4 missing/);
  });

  it('finds two swapped rows', async () => {
    tamper(
      [
        'UPDATE events SET seq = 1000 WHERE session_id = ? AND seq = 3',
        'UPDATE events SET seq = 3 WHERE session_id = ? AND seq = 7',
        'UPDATE events SET seq = 7 WHERE session_id = ? AND seq = 1000',
      ],
      launch.id,
    );
    expectBroken(await verify('--data', dir), 3, /event 3 does not link to event 2/);
  });

  it('finds a cut-off tail through the heads side file', async () => {
    tamper('DELETE FROM events WHERE session_id = ? AND seq > 7', launch.id);
    expectBroken(await verify('--data', dir), 8, /ends at event 7 .* recorded head is event 10: the tail was cut off/);
  });

  it('a deleted heads file is an error, not a warning (issue 16, point 6)', async () => {
    rmSync(join(dir, 'tminus.heads.json'));
    const result = await verify('--data', dir);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/BROKEN .*tminus\.heads\.json: tminus\.heads\.json is missing: the heads that guard 2 session\(s\)/);
    expect(result.out).toContain(`BROKEN session ${launch.id} "Launch": tminus.heads.json is missing`);
  });

  it('a workspace from before signing (format-1 heads, no key) is refused by verify until a writer opens it and signs its heads', async () => {
    const headsPath = join(dir, 'tminus.heads.json');
    const heads = JSON.parse(readFileSync(headsPath, 'utf8')) as { sessions: Record<string, { seq: number; hash: string }> };
    writeFileSync(headsPath, JSON.stringify({ format: 1, sessions: Object.fromEntries(Object.entries(heads.sessions).map(([id, h]) => [id, { seq: h.seq, hash: h.hash }])) }));
    rmSync(join(dir, 'tminus.signing-key.pem'));
    expect((await verify('--data', dir)).out).toMatch(/tminus\.heads\.json is not signed .*open the workspace once with this version/);
    await openTestConsole(dir).close();
    const after = await verify('--data', dir);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/^heads signed by SHA256:/m);
    expect(after.out).toContain(`ok 10 events  session ${launch.id} "Launch"`);
  });

  it('prints who signed the heads', async () => {
    const result = await verify('--data', dir);
    expect(result.out).toMatch(/^heads signed by SHA256:[A-Za-z0-9+/]{43} \(this workspace's ed25519 key\)$/m);
  });

  it('an edit with every hash recomputed and the heads file rewritten no longer verifies: the heads are signed (issue 16, point 6)', async () => {
    // The attack that used to pass: change an event, re-hash it and every later one, rewrite the heads file.
    const db = new Database(join(dir, 'tminus.db'));
    db.exec('DROP TRIGGER IF EXISTS events_no_update');
    const rows = db.prepare('SELECT seq, at_utc, actor_json, type, payload_json, prev_hash FROM events WHERE session_id = ? ORDER BY seq').all(launch.id) as Array<{ seq: number; at_utc: string; actor_json: string; type: string; payload_json: string; prev_hash: string }>;
    let prev = rows[0]!.prev_hash;
    for (const row of rows) {
      const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
      if (row.seq === 5) payload.text = 'nothing happened here';
      const event = { sessionId: launch.id, seq: row.seq, at: row.at_utc, actor: JSON.parse(row.actor_json), type: row.type, payload };
      const hash = hashEvent(sha256Hex, prev, event as Parameters<typeof hashEvent>[2]);
      db.prepare('UPDATE events SET payload_json = ?, prev_hash = ?, hash = ? WHERE session_id = ? AND seq = ?').run(canonicalJson(payload), prev, hash, launch.id, row.seq);
      prev = hash;
    }
    db.close();
    const headsPath = join(dir, 'tminus.heads.json');
    const heads = JSON.parse(readFileSync(headsPath, 'utf8')) as { sessions: Record<string, { seq: number; hash: string; signature?: string }> };
    heads.sessions[launch.id] = { ...heads.sessions[launch.id]!, hash: prev };
    writeFileSync(headsPath, JSON.stringify(heads));
    const result = await verify('--data', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN session ${launch.id} "Launch": its head in tminus.heads.json (event 10) is not signed by this workspace's key`);
    expect(result.out).toContain(`ok 3 events  session ${rehearsal.id} "Rehearsal"`);
    // Dropping the signatures (the old format) is refused too.
    writeFileSync(headsPath, JSON.stringify({ format: 1, sessions: Object.fromEntries(Object.entries(heads.sessions).map(([id, h]) => [id, { seq: h.seq, hash: h.hash }])) }));
    const unsigned = await verify('--data', dir);
    expect(unsigned.code).toBe(1);
    expect(unsigned.out).toMatch(/tminus\.heads\.json is not signed/);
  });

  it('is not fooled by a cut tail into exporting the shorter session', async () => {
    tamper('DELETE FROM events WHERE session_id = ? AND seq > 8', launch.id);
    const result = capture();
    expect(await main(['session', 'export', '--data', dir, '--session', launch.id, '--out', join(dir, 'cut.tminus.json')], result.io)).toBe(1);
    expect(result.err.join('\n')).toMatch(/cannot be exported: its log does not verify at seq 9 .*tail was cut off/);
  });

  it('finds a session whose every row was removed', async () => {
    tamper('DELETE FROM events WHERE session_id = ?', launch.id);
    const result = await verify('--data', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN session ${launch.id} at seq 1: all 10 events are missing`);
  });

  it('finds a cut-off tail of an imported session through its recorded head', async () => {
    const exportedFile = join(dir, 'launch.tminus.json');
    expect(await main(['session', 'export', '--data', dir, '--session', launch.id, '--out', exportedFile], capture().io)).toBe(0);
    const other = mkdtempSync(join(tmpdir(), 'tminus-verify-import-'));
    try {
      const service = openTestConsole(other);
      await call(service, 'importSessionFile', { fileName: 'launch.tminus.json', content: readFileSync(exportedFile, 'utf8') });
      await service.close();
      const db = new Database(join(other, 'tminus.db'));
      db.exec('DROP TRIGGER events_no_delete');
      db.prepare('DELETE FROM events WHERE seq > 8').run();
      db.close();
      const result = await verify('--data', other);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(new RegExp(`BROKEN session ${launch.id} "Launch" at seq 9: .*head is event 10: the tail was cut off`));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('exits 1 with one line for a directory without a workspace, 2 for bad usage', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tminus-verify-empty-'));
    try {
      const missing = await verify('--data', empty);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/^tminus verify: .*tminus\.db does not exist/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect((await verify('--data', dir, 'file.tminus.json')).code).toBe(2);
    expect((await verify('a.tminus.json', 'b.tminus.json')).code).toBe(2);
  });
});

describe('tminus verify FILE.tminus.json', () => {
  let file: string;
  beforeEach(async () => {
    file = join(dir, 'launch.tminus.json');
    expect(await main(['session', 'export', '--data', dir, '--session', launch.id, '--out', file], capture().io)).toBe(0);
  });

  function rewrite(change: (json: SessionFile) => void): void {
    const json = JSON.parse(readFileSync(file, 'utf8')) as SessionFile;
    change(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  }

  async function expectFileBroken(seq: number, problem: RegExp) {
    const result = await verify(file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN ${file} session ${launch.id} at seq ${seq}:`);
    expect(result.out).toMatch(problem);
  }

  it('says ok with the event count and head', async () => {
    const result = await verify(file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^ok 10 events  session ${launch.id} "Launch"  head [0-9a-f]{64}$`, 'm'));
    expect(result.out).toMatch(/^signed by SHA256:\S+ \(ed25519\)/m);
  });

  it('an edit with every hash recomputed fails: the head signature no longer holds; without a signature the file is refused', async () => {
    rewrite((json) => {
      let prev = json.chain.genesis;
      for (const event of json.events) {
        if (event.seq === 6) (event.payload as { text: string }).text = 'note five';
        event.prevHash = prev;
        event.hash = hashEvent(sha256Hex, prev, event as Parameters<typeof hashEvent>[2]);
        prev = event.hash;
      }
      json.chain.headHash = prev;
      json.session.headHash = prev;
    });
    const result = await verify(file);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/BROKEN .* \(signature\): the head \(event 10\) is not signed by the key SHA256:\S+ the file names/);
    rewrite((json) => delete json.signature);
    const unsigned = await verify(file);
    expect(unsigned.code).toBe(1);
    expect(unsigned.out).toMatch(/not signed \(exported before session files were signed, or its signature was removed\)/);
  });

  it('finds an edited payload', async () => {
    rewrite((json) => ((json.events[5]!.payload as { text: string }).text = 'note five'));
    await expectFileBroken(6, /event 6 was modified/);
  });

  it('finds a removed event', async () => {
    rewrite((json) => json.events.splice(3, 1));
    await expectFileBroken(4, /event 4 missing/);
  });

  it('finds two swapped events', async () => {
    rewrite((json) => json.events.splice(2, 5, json.events[6]!, ...json.events.slice(3, 6), json.events[2]!));
    await expectFileBroken(3, /event 3 is out of order/);
  });

  it('finds a cut-off tail', async () => {
    rewrite((json) => json.events.splice(7));
    await expectFileBroken(8, /tail was cut off/);
  });

  it('refuses a file from a newer T-Minus, and a file that is not one', async () => {
    writeFileSync(file, JSON.stringify({ format: 'tminus-session', formatVersion: 3 }));
    const newer = await verify(file);
    expect(newer.code).toBe(1);
    expect(newer.out).toMatch(/newer T-Minus \(file format 3; this version reads up to 1\)/);
    writeFileSync(file, 'PK\u0003\u0004 not json');
    const junk = await verify(file);
    expect(junk.code).toBe(1);
    expect(junk.out).toMatch(/not a T-Minus session file: it is not valid JSON/);
    const absent = await verify(join(dir, 'nowhere.tminus.json'));
    expect(absent).toMatchObject({ code: 1, err: expect.stringMatching(/cannot read .*ENOENT/) });
  });
});
