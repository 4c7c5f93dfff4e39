// Oversized request bodies against the real browser-shell server over a real SQLite workspace:
// the client reads a 413 that names the limit (it used to see a reset connection), and the HTTP
// limit lets through every session file the import call itself accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFileCalls } from '../../../shared/api/sessionFiles';
import { MAX_REQUEST_BODY_BYTES, MAX_SESSION_FILE_BYTES } from '../../../shared/api/limits';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { rawRequest } from '../../support/rawHttp';

const LIMIT = 256 * 1024;
let dataDir: string;
let service: ConsoleService;
let server: WebServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tminus-body-'));
  service = createConsole({ dataDir, version: '0.0.0-test', shell: 'browser' });
  server = await startWebServer({ console: service, staticDir: join(dataDir, 'no-renderer'), port: 0, maxBodyBytes: LIMIT });
});

afterAll(async () => {
  await server.close();
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const callHeaders = () => ({ Authorization: `Bearer ${server.tokens.writer}`, 'Content-Type': 'application/json' });

describe('an oversized request body (issue 16, point 10)', () => {
  it('sent with its length is answered 413 with the limit, then the connection closes', async () => {
    const answer = await rawRequest(server.port, { method: 'POST', path: '/api/call/listSessions', headers: callHeaders(), body: Buffer.alloc(LIMIT * 4, 0x20) });
    expect(answer?.status).toBe(413);
    expect(answer?.headers.connection).toBe('close');
    expect(JSON.parse(answer!.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Request body is larger than 256 KB.' } });
  });

  it('streamed without a length (as fetch does with a stream) is answered 413 too', async () => {
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(LIMIT / 2).fill(0x20));
        controller.close();
      },
    });
    const response = await fetch(`http://127.0.0.1:${server.port}/api/call/listSessions`, { method: 'POST', headers: callHeaders(), body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^Request body is larger than/);
  });

  it('under the limit still works on a fresh connection afterwards', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/call/listSessions`, { method: 'POST', headers: callHeaders(), body: '{}' });
    expect(response.status).toBe(200);
  });
});

describe('the HTTP and session-file limits agree', () => {
  it('the largest session file the import accepts, escaped as badly as JSON can, fits the default request body', () => {
    // Worst case: every byte a character JSON must escape (a session file is JSON, so `"` or `\`).
    const content = '"'.repeat(MAX_SESSION_FILE_BYTES);
    const input = { fileName: 'x'.repeat(500), content };
    expect(sessionFileCalls.importSessionFile.input.safeParse(input).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(input))).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
  });

  it('one byte more is refused by the import with the limit in megabytes, counted in UTF-8 bytes', () => {
    const parsed = sessionFileCalls.importSessionFile.input.safeParse({ fileName: 'a.tminus.json', content: 'é'.repeat(MAX_SESSION_FILE_BYTES / 2) + 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(`a session file larger than ${MAX_SESSION_FILE_BYTES / 1024 / 1024} MB is refused`);
  });
});
