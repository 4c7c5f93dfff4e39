// The renderer is served from app://tminus/ rather than file://, so it has a real origin the IPC
// sender check can pin, and every response carries the strict Content-Security-Policy.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
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
    const upstream = await net.fetch(pathToFileURL(file.path).toString());
    const headers = new Headers({ 'Content-Type': file.contentType, 'X-Content-Type-Options': 'nosniff' });
    if (file.contentType.startsWith('text/html')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(upstream.body, { status: 200, headers });
  });
}
