// Random requests against a live `tminus serve` (issue 16, "beyond the list"): random methods,
// paths, cookies, headers, bodies and WebSocket upgrades, sent as raw bytes. Whatever arrives, the
// process keeps running, every answer is a complete response that is either a served file or a
// well-formed error (never a 5xx), and the event log is exactly what it was. The writer token is
// never sent, so nothing here may change anything; the viewer token is, so reads are exercised.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/api/contract';
import { REPO_ROOT, startConsole, type RunningConsole } from '../../support/consoleServer';
import { rawRequest, type RawRequest, type RawResponse } from '../../support/rawHttp';

let server: RunningConsole;
let port: number;

async function call(name: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${server.base}api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return response.json();
}

/** The log as the console reports it, and the heads file on disk. */
async function logSnapshot(): Promise<string> {
  return JSON.stringify([await call('listSessions', {}), readFileSync(join(server.dataDir, 'tminus.heads.json'), 'utf8')]);
}

beforeAll(async () => {
  server = await startConsole();
  port = Number(new URL(server.base).port);
  const content = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8');
  await call('createSession', { name: 'Fuzzed', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: { name: 'Ada', role: null }, runbook: { sourceName: 'seed.md', content } });
});

afterAll(async () => {
  await server.stop();
});

// Printable ASCII without space: what may stand in a request line or a header value.
const visible = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const percentJunk = fc.array(fc.oneof(fc.constantFrom('%E0', '%', '%%', '%ZZ', '%C0%AF', '%2e%2e', '%00', '%ff', '..', '/', '\\'), visible), { maxLength: 6 }).map((parts) => parts.join(''));
const callNames = Object.keys(calls);

const path = fc.oneof(
  fc.constantFrom('/', '/login', '/api/events', '/api/', '/api/call/', '/index.html', '/assets/', '/.//evil.example/x', '//evil.example', '/\\evil.example', '*'),
  fc.constantFrom(...callNames).map((name) => `/api/call/${name}`),
  percentJunk.map((junk) => `/api/call/${junk}`),
  percentJunk.map((junk) => `/${junk}`),
  fc.tuple(percentJunk, visible).map(([junk, value]) => `/${junk}?token=${value}`),
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '[]', 'null', '{"sessionId":"x"}', '\u0000\u0001', '{"__proto__":{"admin":true}}'),
);

const headers = fc.record(
  {
    Cookie: fc.oneof(percentJunk, visible).map((value) => `tminus_{PORT}=${value}; other=${value}`),
    Authorization: fc.oneof(visible.map((value) => `Bearer ${value}`), fc.constant('Bearer '), visible, fc.constant(`Bearer ${'x'.repeat(40)}`)),
    ViewerToken: fc.constant(true),
    'Content-Type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', ''),
    Origin: fc.constantFrom('http://evil.example', `http://127.0.0.1:{PORT}`, 'null', `http://localhost:{PORT}`),
    Host: fc.constantFrom(`127.0.0.1:{PORT}`, `localhost:{PORT}`, 'evil.example', `127.0.0.1:{PORT+1}`),
    Accept: fc.constantFrom('text/html', 'application/json', '*/*'),
    Upgrade: fc.constant(true),
    Protocols: fc.array(fc.oneof(visible, fc.constant('tminus.v1'), visible.map((v) => `tminus.token.${v}`)), { maxLength: 3 }),
    'X-Junk': visible,
  },
  { requiredKeys: [] },
);

const request = fc.record({ method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'BREW'), path, headers, body });
type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toRaw(generated: Generated): RawRequest {
  const { ViewerToken, Upgrade, Protocols, ...plain } = generated.headers;
  const out: Record<string, string> = {};
  // The arbitraries exist before the server does: its port is filled in here.
  const withPort = (text: string) => text.replaceAll('{PORT+1}', String(port + 1)).replaceAll('{PORT}', String(port));
  for (const [name, value] of Object.entries(plain)) if (value !== undefined) out[name] = withPort(value);
  if (ViewerToken) out.Authorization = `Bearer ${server.viewerToken}`;
  if (Upgrade) {
    Object.assign(out, { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' });
    if (Protocols && Protocols.length > 0) out['Sec-WebSocket-Protocol'] = Protocols.join(', ');
  }
  return { method: generated.method, path: generated.path, headers: out, body: generated.body, timeoutMs: 10_000 };
}

/** A complete answer: a file, a successful read, a WebSocket for a valid token, or a clean error. */
function wellFormed(answer: RawResponse | null, sent: RawRequest): string | null {
  if (!answer) return 'no answer';
  if (answer.status >= 500) return `server error ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (answer.status === 101) return sent.headers?.Upgrade === 'websocket' ? null : '101 without an upgrade';
  const type = answer.headers['content-type'] ?? '';
  if (answer.status >= 400 && type.startsWith('application/json') && sent.method !== 'HEAD') {
    try {
      const parsed = JSON.parse(answer.body) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
      if (parsed.ok !== false || typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string') return `malformed error body: ${answer.body.slice(0, 200)}`;
      if (/\n\s+at /.test(parsed.error.message)) return 'a stack trace in an error';
    } catch {
      return `error body is not JSON: ${answer.body.slice(0, 200)}`;
    }
  }
  return null;
}

describe('random requests against a live tminus serve', () => {
  it('never end the process, always answer a file or a well-formed error, and leave the log unchanged', { timeout: 180_000 }, async () => {
    const before = await logSnapshot();
    const seed = Number(process.env.TMINUS_FUZZ_SEED ?? Date.now() % 1_000_000);
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const sent = toRaw(generated);
        const answer = await rawRequest(port, sent);
        expect(server.process.exitCode, `the console exited after ${JSON.stringify(sent)}\n${server.output()}`).toBeNull();
        const problem = wellFormed(answer, sent);
        expect(problem, `${problem} for ${JSON.stringify(sent)}`).toBeNull();
      }),
      // Bounded both ways so `npm test` stays predictable on a slow machine.
      { seed, numRuns: 300, interruptAfterTimeLimit: 60_000 },
    );
    expect(server.process.exitCode).toBeNull();
    expect(await logSnapshot()).toBe(before);
    expect(server.output()).not.toMatch(/request failed|upgrade failed/);
  });
});
