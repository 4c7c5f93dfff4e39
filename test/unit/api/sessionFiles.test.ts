import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleService } from '../../../electron/console';
import { hashEvent } from '../../../shared/log/chain';
import { sha256Hex } from '../../../electron/store/eventLog';
import { openWorkspaceReadOnly } from '../../../electron/store/workspace';
import { verifyWorkspace } from '../../../electron/report/verifyWorkspace';
import type { SessionFile } from '../../../shared/log/sessionFile';
import { ada, call, callError, openTestConsole, seedSession } from '../../support/logWorkspace';

let dirs: string[];
let open: ConsoleService[];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tminus-sessionfile-'));
  dirs.push(dir);
  return dir;
}

function consoleOn(dir: string): ConsoleService {
  const service = openTestConsole(dir);
  open.push(service);
  return service;
}

async function closeAll(): Promise<void> {
  for (const service of open.splice(0)) await service.close();
}

beforeEach(() => {
  dirs = [];
  open = [];
});
afterEach(async () => {
  await closeAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('session files through the API', () => {
  it('export → import in a fresh data dir gives the same session, read-only, with the same head hash', async () => {
    const source = consoleOn(freshDir());
    const seeded = await seedSession(source, 'Launch rehearsal', 5);
    await call(source, 'checkItem', { sessionId: seeded.id, itemId: seeded.itemIds[1]!, actor: ada, note: 'done' });
    const original = (await call(source, 'listSessions', {}))[0]!;
    const exported = await call(source, 'exportSessionFile', { sessionId: seeded.id });
    expect(exported.fileName).toBe('launch-rehearsal-20251021.tminus.json');

    const target = consoleOn(freshDir());
    const imported = await call(target, 'importSessionFile', exported);
    expect(imported).toMatchObject({ id: seeded.id, name: 'Launch rehearsal', origin: 'imported', readOnly: true, eventCount: original.eventCount });
    expect(imported.headHash).toBe(original.headHash);

    // Listed and openable at once, with the same folded state as the original.
    expect((await call(target, 'listSessions', {})).map((s) => s.id)).toEqual([seeded.id]);
    const there = await call(target, 'openSession', { sessionId: seeded.id });
    const here = await call(source, 'openSession', { sessionId: seeded.id });
    expect(there.state).toEqual(here.state);
    expect(there.runbook).toEqual(here.runbook);
    expect(there.readOnlyReason).toMatch(/exported file/);

    // Every kind of write is refused.
    const item = seeded.itemIds[2]!;
    for (const [name, input] of [
      ['checkItem', { sessionId: seeded.id, itemId: item, actor: ada }],
      ['uncheckItem', { sessionId: seeded.id, itemId: seeded.itemIds[1]!, actor: ada }],
      ['addNote', { sessionId: seeded.id, itemId: item, actor: ada, text: 'sneaky' }],
      ['changeActor', { sessionId: seeded.id, actor: { name: 'Mallory', role: null } }],
    ] as const) {
      expect(await callError(target, name, input)).toMatchObject({ code: 'read_only' });
    }
    expect((await call(target, 'listSessions', {}))[0]!.eventCount).toBe(original.eventCount);
  });

  it('keeps an imported session read-only and verified after a restart', async () => {
    const source = consoleOn(freshDir());
    const seeded = await seedSession(source, 'Go-live', 3);
    const exported = await call(source, 'exportSessionFile', { sessionId: seeded.id });
    const targetDir = freshDir();
    await call(consoleOn(targetDir), 'importSessionFile', exported);
    await closeAll();

    const reopened = consoleOn(targetDir);
    expect(await call(reopened, 'listSessions', {})).toMatchObject([{ id: seeded.id, origin: 'imported', readOnly: true }]);
    await closeAll();
    const workspace = openWorkspaceReadOnly(targetDir);
    try {
      expect(verifyWorkspace(workspace)).toMatchObject([{ sessionId: seeded.id, ok: true, count: 4 }]);
    } finally {
      workspace.close();
    }
  });

  it('answers the existing session when the same file is imported twice', async () => {
    const source = consoleOn(freshDir());
    const seeded = await seedSession(source, 'Twice', 2);
    const exported = await call(source, 'exportSessionFile', { sessionId: seeded.id });
    const target = consoleOn(freshDir());
    const first = await call(target, 'importSessionFile', exported);
    const second = await call(target, 'importSessionFile', { ...exported, fileName: 'renamed.tminus.json' });
    expect(second).toEqual(first);
    expect(await call(target, 'listSessions', {})).toHaveLength(1);
    // Importing a session into the workspace it came from changes nothing either.
    expect(await call(source, 'importSessionFile', exported)).toMatchObject({ id: seeded.id, origin: 'local', readOnly: false });
  });

  it('refuses a different session with the same id: re-chained, its signature no longer holds', async () => {
    const source = consoleOn(freshDir());
    const seeded = await seedSession(source, 'Original', 2);
    const exported = await call(source, 'exportSessionFile', { sessionId: seeded.id });
    const target = consoleOn(freshDir());
    await call(target, 'importSessionFile', exported);

    // A forger's copy: same id, another note, re-chained so that it verifies on its own.
    const forged = JSON.parse(exported.content) as SessionFile;
    const last = forged.events.at(-1)!;
    (last.payload as { text: string }).text = 'a different note';
    last.hash = hashEvent(sha256Hex, last.prevHash, last as Parameters<typeof hashEvent>[2]);
    forged.chain.headHash = last.hash;
    forged.session.headHash = last.hash;
    const error = await callError(target, 'importSessionFile', { fileName: 'forged.tminus.json', content: JSON.stringify(forged) });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/the head \(event \d+\) is not signed by the key SHA256:\S+ the file names: it was changed after it was signed/);
    // Without its signature it is refused as unsigned.
    delete forged.signature;
    const unsigned = await callError(target, 'importSessionFile', { fileName: 'forged.tminus.json', content: JSON.stringify(forged) });
    expect(unsigned.message).toMatch(/the file is not signed/);
  });

  it('refuses a tampered file with what and where, and stores nothing', async () => {
    const source = consoleOn(freshDir());
    const seeded = await seedSession(source, 'Tampered', 4);
    const exported = await call(source, 'exportSessionFile', { sessionId: seeded.id });
    const file = JSON.parse(exported.content) as SessionFile;
    (file.events[2]!.payload as { text: string }).text = 'rewritten';
    const target = consoleOn(freshDir());
    const error = await callError(target, 'importSessionFile', { fileName: 'x.tminus.json', content: JSON.stringify(file) });
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/^x\.tminus\.json: event 3 was modified/);
    expect(await call(target, 'listSessions', {})).toEqual([]);
  });

  it('refuses a file from a newer T-Minus with a clear message', async () => {
    const target = consoleOn(freshDir());
    const content = JSON.stringify({ format: 'tminus-session', formatVersion: 7, somethingNew: true });
    const error = await callError(target, 'importSessionFile', { fileName: 'future.tminus.json', content });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/newer T-Minus \(file format 7; this version reads up to 1\); update T-Minus/);
  });

  it('refuses to export a session whose log does not verify', async () => {
    const dir = freshDir();
    const source = consoleOn(dir);
    const seeded = await seedSession(source, 'Broken', 3);
    source.workspace.db.exec('DROP TRIGGER events_no_update');
    source.workspace.db.prepare(`UPDATE events SET payload_json = replace(payload_json, 'note 2', 'note X') WHERE seq = 3`).run();
    const error = await callError(source, 'exportSessionFile', { sessionId: seeded.id });
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toMatch(/does not verify at seq 3/);
    expect(await callError(source, 'exportSessionFile', { sessionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'not_found' });
  });
});
