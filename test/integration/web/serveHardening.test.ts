// Requests a browser page on another 127.0.0.1 port (or anyone on the machine) can send to a
// running `tminus serve`, without any token: none of them may end the process or leak a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../support/consoleServer';
import { rawRequest } from '../../support/rawHttp';

let server: RunningConsole;
let port: number;

beforeAll(async () => {
  server = await startConsole();
  port = Number(new URL(server.base).port);
});

afterAll(async () => {
  await server.stop();
});

async function stillServing(): Promise<void> {
  expect(server.process.exitCode, server.output()).toBeNull();
  const answer = await rawRequest(port, { method: 'POST', path: '/api/call/listSessions', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{}' });
  expect(answer?.status, server.output()).toBe(200);
}

const upgrade = (cookie: string) => ({
  path: '/api/events',
  headers: {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    Cookie: cookie,
  },
});

describe('malformed input never ends the browser shell (issue 16, point 1)', () => {
  it('a WebSocket upgrade with a malformed percent-encoded cookie is refused and the console keeps serving', async () => {
    const answer = await rawRequest(port, upgrade(`tminus_${port}=%E0`));
    expect(answer?.status).toBe(401);
    await stillServing();
  });

  it('a call name that is not valid percent-encoding is an unknown call (404), not a server error', async () => {
    const answer = await rawRequest(port, { method: 'POST', path: '/api/call/%E0', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(answer?.status).toBe(404);
    expect(JSON.parse(answer!.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await stillServing();
  });

  it('a malformed cookie on a plain request is "no token": 401, not 500', async () => {
    const answer = await rawRequest(port, { method: 'POST', path: '/api/call/listSessions', headers: { Cookie: `tminus_${port}=%E0%A4%A`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(answer?.status).toBe(401);
    await stillServing();
  });
});

describe('the token link never sends the browser to another host (issue 16, point 11)', () => {
  for (const path of ['/.//evil.example/x', '//evil.example/x', '/\\evil.example/x', '/./\\/evil.example/x']) {
    it(`${path}?token=… stays on this console`, async () => {
      const answer = await rawRequest(port, { path: `${path}?token=${server.token}&next=1` });
      expect(answer).not.toBeNull();
      const location = answer!.headers.location;
      if (location !== undefined) expect(new URL(location, server.base).origin).toBe(new URL(server.base).origin);
      expect(answer!.status).toBeLessThan(500);
    });
  }
});
