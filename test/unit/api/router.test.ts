import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { StoreError } from '../../../electron/store/errors';

const ada = { name: 'Ada', role: 'Incident Commander' };
const runbook = { sourceName: 'launch.md', content: '# Launch\n\n## Checks\n\n- [ ] Backups verified\n' };
let dir: string;
let service: ConsoleService;
const write = { access: 'write' as const };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-router-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, clock: { now: () => Date.parse('2025-10-20T09:00:00Z') } });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console router', () => {
  it('creates, lists and opens sessions', async () => {
    const created = await service.router.dispatch('createSession', { name: 'Launch', environment: 'production', t0: '2025-10-21T14:00:00+02:00', actor: ada, runbook }, write);
    expect(created.ok).toBe(true);
    const session = (created as { result: { id: string; t0: string; createdBy: unknown } }).result;
    expect(session.t0).toBe('2025-10-21T12:00:00.000Z');
    expect(session.createdBy).toEqual(ada);
    const listed = await service.router.dispatch('listSessions', {}, write);
    expect(listed).toMatchObject({ ok: true, result: [{ id: session.id, name: 'Launch', environment: 'production', eventCount: 1 }] });
    const opened = await service.router.dispatch('openSession', { sessionId: session.id }, write);
    expect(opened).toMatchObject({ ok: true, result: { session: { id: session.id } } });
  });

  it('names the offending field of an invalid payload and changes nothing', async () => {
    const result = await service.router.dispatch('createSession', { name: '', environment: 'staging', t0: 'tomorrow', actor: ada, runbook }, write);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['name', 't0']);
    expect(await service.router.dispatch('listSessions', {}, write)).toEqual({ ok: true, result: [] });
  });

  it('refuses unknown keys, unknown calls and writes from viewers', async () => {
    const extra = await service.router.dispatch('listSessions', { sql: 'DROP TABLE events' }, write);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await service.router.dispatch('dropEverything', {}, write)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const viewer = await service.router.dispatch('createSession', { name: 'x', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook }, { access: 'read' });
    expect(viewer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await service.router.dispatch('listSessions', {}, { access: 'read' })).toEqual({ ok: true, result: [] });
  });

  it('reports a missing session as not found', async () => {
    const result = await service.router.dispatch('openSession', { sessionId: '00000000-0000-4000-8000-000000000000' }, write);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('pushes committed events to subscribers', async () => {
    const seen: string[] = [];
    service.hub.subscribe((message) => seen.push(message.event));
    await service.router.dispatch('createSession', { name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook }, write);
    expect(seen).toEqual(['log.appended', 'sessions.changed']);
  });

  it('refuses a second console on the same data directory', () => {
    expect(() => createConsole({ dataDir: dir, version: 'x', shell: 'browser' })).toThrow(StoreError);
    expect(() => createConsole({ dataDir: dir, version: 'x', shell: 'browser' })).toThrow(/Another T-Minus \(pid \d+/);
  });
});
