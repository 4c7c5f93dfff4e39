// The renderer is served from app://tminus/ rather than file://, so it has a real origin the IPC
// sender check can pin, and every response carries the strict Content-Security-Policy. The handler
// reads the files itself: handing a file:// URL to net.fetch would let that request bypass the
// session's request filter (and need file:// privileges the fuses turn off).
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { resolveStaticFile } from '../web/staticFiles';
import { CONTENT_SECURITY_POLICY } from '../web/pages';

import { APP_HOST, APP_SCHEME } from './appOrigin';

export { APP_ENTRY, APP_HOST, APP_ORIGIN, APP_SCHEME } from './appOrigin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers({ 'Content-Type': file.contentType, 'X-Content-Type-Options': 'nosniff' });
    if (file.contentType.startsWith('text/html')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(new Uint8Array(body), { status: 200, headers });
  });
}
