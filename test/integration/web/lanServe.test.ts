// `tminus serve --lan --bind 127.0.0.2`: the war room's HTTPS listener on a second loopback
// address (a real listener, a real certificate, a real TLS handshake), and seats over it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../support/consoleServer';
import { lanCall, lanLinksOf, plaintextRequest, servedFingerprint, type LanLinks } from '../../support/lanConsole';

const ic = { name: 'Ada', role: 'Incident Commander' };
const runbook = {
  sourceName: 'launch.md',
  content: '# Launch\n\n## Team\n\n### War Room Roles\n\n| Role | Name |\n|---|---|\n| Incident Commander | Ada |\n| Database Admin | Dana |\n\n## Checks\n\n**Database Admin**:\n- [ ] Backups verified\n',
};
let server: RunningConsole;
let lan: LanLinks;

beforeAll(async () => {
  server = await startConsole({ args: ['--lan', '--bind', '127.0.0.2'], cleanUp: false });
  lan = lanLinksOf(server);
});

afterAll(async () => {
  await server?.stop();
});

describe('the LAN listener', () => {
  it('presents the certificate whose fingerprint it printed, kept owner-only in the data directory', async () => {
    expect(lan.host).toBe('127.0.0.2');
    expect(await servedFingerprint(lan.host, lan.port)).toBe(lan.fingerprint);
    for (const file of ['tminus.lan-cert.pem', 'tminus.lan-key.pem']) expect(statSync(join(server.dataDir, file)).mode & 0o777).toBe(0o600);
  });

  it('refuses plaintext HTTP with a message and serves nothing over it', async () => {
    const answer = await plaintextRequest(lan.host, lan.port, `/?token=${server.token}`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('HTTPS only');
    expect(answer).not.toContain('<html');
  });

  it('serves the IC over HTTPS and keeps the wall read-only there', async () => {
    const viewerToken = new URL(lan.viewerUrl).searchParams.get('token')!;
    expect(await lanCall(lan, server.token, 'workspaceInfo', {})).toMatchObject({ status: 200, body: { ok: true, result: { access: 'write', seat: null } } });
    expect(await lanCall(lan, viewerToken, 'workspaceInfo', {})).toMatchObject({ status: 200, body: { result: { access: 'read' } } });
    const refused = await lanCall(lan, viewerToken, 'createSession', { name: 'x', environment: 'staging', t0: '2030-01-01T00:00:00Z', actor: ic, runbook });
    expect(refused).toMatchObject({ status: 403, body: { ok: false, error: { code: 'forbidden' } } });
  });

  it('invites a seat with an HTTPS link and the fingerprint; the seat acts as itself until revoked', async () => {
    const created = await lanCall(lan, server.token, 'createSession', { name: 'Launch', environment: 'staging', t0: '2030-01-01T00:00:00Z', actor: ic, runbook });
    const sessionId = (created.body.result as { id: string }).id;
    const invited = await lanCall(lan, server.token, 'createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
    const invitation = invited.body.result as { url: string; certificateFingerprint: string; seatId: string };
    expect(invitation.url.startsWith(lan.base)).toBe(true);
    expect(invitation.certificateFingerprint).toBe(lan.fingerprint);
    const seatToken = new URL(invitation.url).searchParams.get('token')!;
    expect(await lanCall(lan, seatToken, 'workspaceInfo', {})).toMatchObject({ body: { result: { seat: { name: 'Dana', roles: ['Database Admin'], sessionId } } } });
    const seats = await lanCall(lan, server.token, 'listSeats', { sessionId });
    expect(seats.body.result).toMatchObject([{ name: 'Dana', presence: { address: expect.stringMatching(/^127\./), lastSeen: expect.any(String) } }]);
    await lanCall(lan, server.token, 'revokeSeat', { sessionId, actor: ic, seatId: invitation.seatId });
    expect(await lanCall(lan, seatToken, 'workspaceInfo', {})).toMatchObject({ status: 401 });
  });
});

describe('across a restart', () => {
  it('keeps the certificate (same fingerprint) and the LAN port', async () => {
    await server.stop();
    server = await startConsole({ dataDir: server.dataDir, args: ['--lan', '--bind', '127.0.0.2'] });
    const again = lanLinksOf(server);
    expect(again.fingerprint).toBe(lan.fingerprint);
    expect(again.port).toBe(lan.port);
    expect(server.output()).not.toContain('New self-signed certificate');
  });
});
