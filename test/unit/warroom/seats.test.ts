// Seats through the console's router on a real workspace (SQLite file in a temp dir): what the
// browser shell does with a seat token, minus HTTP.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { Invitation } from '../../../shared/api/warRoom';
import type { LoggedEvent } from '../../../shared/log/eventTypes';

const ic = { name: 'Ada', role: 'Incident Commander' };
const ROLES = '## Team\n\n### War Room Roles\n\n| Role | Name |\n|---|---|\n| Incident Commander | Ada |\n| Database Admin | Dana |\n\n';
const runbook = { sourceName: 'launch.md', content: `# Launch\n\n${ROLES}## Checks\n\n**Database Admin**:\n- [ ] Backups verified\n` };
const write = { access: 'write' as const };
let dir: string;
let service: ConsoleService;
let sessionId: string;

async function call<T>(name: string, input: unknown, context: Parameters<ConsoleService['router']['dispatch']>[2] = write): Promise<T> {
  const envelope = await service.router.dispatch(name, input, context);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

function log(): LoggedEvent[] {
  return service.workspace.log.read(sessionId);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-seats-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, share: { viewerLink: async () => null, invitationBase: async () => ({ base: 'https://127.0.0.2:8443/', fingerprint: 'AA:BB' }) } });
  sessionId = (await call<{ id: string }>('createSession', { name: 'Launch', environment: 'staging', t0: '2030-01-01T12:00:00Z', actor: ic, runbook })).id;
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('war-room seats', () => {
  it('invites a seat with its own link and QR code, keeps its token owner-only and out of the log', async () => {
    const invitation = await call<Invitation>('createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
    const token = new URL(invitation.url!).searchParams.get('token')!;
    expect(invitation).toMatchObject({ name: 'Dana', roles: ['Database Admin'], certificateFingerprint: 'AA:BB' });
    expect(invitation.qr!.rows).toHaveLength(invitation.qr!.size);
    expect(service.warRoom.seatOfToken(token)).toMatchObject({ seatId: invitation.seatId, name: 'Dana', sessionId });
    expect(log().at(-1)).toMatchObject({ type: 'seat.created', actor: ic, payload: { seatId: invitation.seatId, name: 'Dana', roles: ['Database Admin'] } });
    expect(JSON.stringify(log())).not.toContain(token);
    expect(statSync(join(dir, 'tminus.tokens.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'tminus.tokens.json'), 'utf8')).toContain(token);
  });

  it('refuses a role the runbook does not name', async () => {
    await expect(call('createSeat', { sessionId, actor: ic, name: 'Eve', roles: ['Chief Hacker'] })).rejects.toThrow(/Not a role of this runbook: Chief Hacker/);
  });

  it("logs a seat's tick under the seat's own name and roles whatever actor the page sends", async () => {
    const invitation = await call<Invitation>('createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
    const seat = service.warRoom.seatOfToken(new URL(invitation.url!).searchParams.get('token'))!;
    const itemId = (await call<{ runbook: { checklistItems: Array<{ id: string }> } }>('openSession', { sessionId })).runbook.checklistItems[0]!.id;
    await call('checkItem', { sessionId, itemId, actor: { name: 'Ada', role: 'Incident Commander' } }, { access: 'write', seat });
    expect(log().at(-1)).toMatchObject({ type: 'checklist.checked', actor: { name: 'Dana', role: 'Database Admin' } });
  });

  it('refuses a seat moving T0 until the IC grants it to its role, logging the refusal and the grant', async () => {
    const invitation = await call<Invitation>('createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
    const seat = service.warRoom.seatOfToken(new URL(invitation.url!).searchParams.get('token'))!;
    const move = { sessionId, actor: ic, t0: '2030-01-01T13:00:00Z' };
    await expect(call('moveT0', move, { access: 'write', seat })).rejects.toThrow(/forbidden: Only the Incident Commander may move T0/);
    expect(log().at(-1)).toMatchObject({ type: 'seat.refused', actor: { name: 'Dana' }, payload: { call: 'moveT0' } });
    await expect(call('grantPermission', { sessionId, actor: ic, permission: 'moveT0', to: { kind: 'role', role: 'Database Admin' } }, { access: 'write', seat })).rejects.toThrow(/forbidden/);
    await call('grantPermission', { sessionId, actor: ic, permission: 'moveT0', to: { kind: 'role', role: 'Database Admin' } });
    expect(log().at(-1)).toMatchObject({ type: 'seat.granted', actor: ic });
    await call('moveT0', move, { access: 'write', seat });
    expect(log().at(-1)).toMatchObject({ type: 'session.t0Moved', actor: { name: 'Dana', role: 'Database Admin' } });
    await call('revokeGrant', { sessionId, actor: ic, permission: 'moveT0', to: { kind: 'role', role: 'Database Admin' } });
    await expect(call('moveT0', { ...move, t0: '2030-01-01T14:00:00Z' }, { access: 'write', seat })).rejects.toThrow(/forbidden/);
  });

  it('revokes a seat: logged, its token refused at once, open connections told to close', async () => {
    const invitation = await call<Invitation>('createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
    const token = new URL(invitation.url!).searchParams.get('token');
    const seat = service.warRoom.seatOfToken(token)!;
    const closed: string[] = [];
    service.warRoom.onRevoked((seatId) => closed.push(seatId));
    const release = service.warRoom.connected(seat, '127.0.0.2');
    expect(await call<Array<{ presence: unknown }>>('listSeats', { sessionId })).toMatchObject([{ presence: { connections: 1, address: '127.0.0.2' } }]);
    release();
    await call('revokeSeat', { sessionId, actor: ic, seatId: seat.seatId, reason: 'left the call' });
    expect(closed).toEqual([seat.seatId]);
    expect(service.warRoom.seatOfToken(token)).toBeNull();
    expect(log().at(-1)).toMatchObject({ type: 'seat.revoked', actor: ic, payload: { seatId: seat.seatId, reason: 'left the call' } });
    await expect(call('checkItem', { sessionId, itemId: 'x', actor: ic }, { access: 'write', seat })).rejects.toThrow(/revoked/);
    expect(await call<Array<{ revokedAt: string | null; presence: { connections: number } }>>('listSeats', { sessionId })).toMatchObject([{ revokedAt: expect.any(String), presence: { connections: 0 } }]);
  });
});
