// The browser shell: the console's API over HTTP (one POST per call) and one WebSocket for pushed
// events, plus the built renderer — on 127.0.0.1 only, every request behind a token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiError, httpStatusOf, type Envelope } from '../../shared/api/errors';
import type { CallContext } from '../core/router';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/api/limits';
import type { ConsoleService } from '../console';
import { LOGIN_PATH } from '../../shared/api/transportAuth';
import { accessOfToken, decodeOrNull, hostIsAllowed, lanOrigins, loopbackOrigins, newToken, originIsAllowed, tokenFromRequest, tokenFromSocketProtocols, type Origins, type Tokens } from './auth';
import { listenHttpsOnly } from './httpsOnly';
import { attachEventSocket } from './eventSocket';
import { CONTENT_SECURITY_POLICY, LOGIN_PAGE_CSP, loginPage } from './pages';
import { resolveStaticFile, sendStaticFile } from './staticFiles';

export interface WebServerOptions {
  console: ConsoleService;
  /** Built renderer folder (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  tokens?: Partial<Tokens>;
  /** Largest accepted request body (default: what the largest session file needs, shared/api/limits). */
  maxBodyBytes?: number;
  /** The war room's listener on the local network: HTTPS only, with this certificate. */
  lan?: LanListenerOptions;
}

export interface LanListenerOptions {
  /** The address to bind (never 0.0.0.0: the IC says which network). */
  host: string;
  /** 0 picks a free port. */
  port: number;
  cert: string;
  key: string;
  fingerprint: string;
}

export interface LanListener {
  host: string;
  port: number;
  /** https://host:port/ */
  base: string;
  url: string;
  viewerUrl: string;
  fingerprint: string;
}

export interface WebServer {
  port: number;
  url: string;
  viewerUrl: string;
  tokens: Tokens;
  lan: LanListener | null;
  close(): Promise<void>;
}

const API_PREFIX = '/api/call/';

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const tokens: Tokens = { writer: options.tokens?.writer ?? newToken(), viewer: options.tokens?.viewer ?? newToken() };
  const maxBodyBytes = options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  let port = options.port;
  // Filled in once each listener knows its port: Host and Origin must name one of them.
  const allowed: Origins = { hosts: [], origins: [] };

  const server: Server = createServer(fenced);
  const lanServer: TlsServer | null = options.lan ? createTlsServer({ cert: options.lan.cert, key: options.lan.key, minVersion: 'TLSv1.2' }, fenced) : null;

  function fenced(request: IncomingMessage, response: ServerResponse): void {
    // Every request is fenced: whatever one request does, it answers (or loses) only itself.
    handle(request, response).catch((error: unknown) => {
      console.error('[tminus] request failed:', error);
      try {
        if (!response.headersSent) sendJson(response, 500, failure(new ApiError('internal', 'Internal error.')));
        else response.destroy();
      } catch {
        response.destroy();
      }
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    if (!hostIsAllowed(request, allowed)) return sendJson(response, 403, failure(new ApiError('forbidden', 'Unexpected Host header.')));
    if (!originIsAllowed(request, allowed)) return sendJson(response, 403, failure(new ApiError('forbidden', 'Cross-origin requests are refused.')));
    const url = requestUrl(request, port);
    if (!url) return sendJson(response, 400, failure(new ApiError('invalid_input', 'Malformed request target.')));

    if (url.pathname.startsWith('/api/')) {
      if (!url.pathname.startsWith(API_PREFIX)) return sendJson(response, 404, failure(new ApiError('not_found', 'Not found.')));
      const caller = callerOf(tokenFromRequest(request));
      if (!caller) return sendJson(response, 401, failure(new ApiError('unauthorized', 'Access token missing or wrong (a revoked seat\'s link no longer works).')));
      return handleCall(request, response, url.pathname.slice(API_PREFIX.length), { ...caller, address: request.socket.remoteAddress ?? null });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, failure(new ApiError('not_found', 'Method not allowed.')));
    }
    if (url.pathname === LOGIN_PATH) return sendLoginPage(response, 200);
    // The app's own files hold no data and are the same for everyone, so they need no token: the
    // page reads its token from the link (or its sessionStorage) and every call carries it. A
    // link with a wrong token gets the login page at once rather than an app that cannot load.
    const offered = url.searchParams.get('token');
    if (offered !== null && !callerOf(offered)) return sendLoginPage(response, 401);
    const file = resolveStaticFile(options.staticDir, url.pathname);
    if (!file) return sendJson(response, 404, failure(new ApiError('not_found', 'Not found.')));
    if (file.contentType.startsWith('text/html')) response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    sendStaticFile(response, file, request.method === 'HEAD');
  }

  function sendLoginPage(response: ServerResponse, status: number): void {
    response.statusCode = status;
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', LOGIN_PAGE_CSP);
    response.end(loginPage);
  }

  /** The console's own tokens (writer, viewer), else a live war-room seat's. */
  function callerOf(token: string | null): CallContext | null {
    const access = accessOfToken(tokens, token);
    if (access) return { access };
    const seat = options.console.warRoom.seatOfToken(token);
    return seat ? { access: 'write', seat } : null;
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string, caller: CallContext): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    if (request.method !== 'POST') return sendJson(response, 405, failure(new ApiError('invalid_input', 'API calls use POST.')));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, failure(new ApiError('invalid_input', 'API calls need Content-Type: application/json.')));
    }
    let input: unknown;
    try {
      const body = await readBody(request, maxBodyBytes);
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuseTooLarge(response, error.message);
      return sendJson(response, 400, failure(new ApiError('invalid_input', 'Request body is not valid JSON.')));
    }
    const callName = decodeOrNull(name);
    if (callName === null) return sendJson(response, 404, failure(new ApiError('not_found', 'Unknown call.')));
    const envelope = await options.console.router.dispatch(callName, input, caller);
    sendJson(response, envelope.ok ? 200 : httpStatusOf[envelope.error.code], envelope);
  }

  const eventSocket = attachEventSocket(lanServer ? [server, lanServer] : [server], {
    hub: options.console.hub,
    authorize: (request) => {
      if (!hostIsAllowed(request, allowed) || !originIsAllowed(request, allowed)) return null;
      if (requestUrl(request, port)?.pathname !== '/api/events') return null;
      return callerOf(tokenFromSocketProtocols(request) ?? tokenFromRequest(request));
    },
    warRoom: options.console.warRoom,
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const loopback = loopbackOrigins(port);
  allowed.hosts.push(...loopback.hosts);
  allowed.origins.push(...loopback.origins);
  let lan: LanListener | null = null;
  let lanClose: (() => Promise<void>) | null = null;
  if (options.lan && lanServer) {
    try {
      const listening = await listenHttpsOnly(lanServer, options.lan.host, options.lan.port);
      lanClose = listening.close;
      const reach = lanOrigins(options.lan.host, listening.port);
      allowed.hosts.push(...reach.hosts);
      allowed.origins.push(...reach.origins);
      const lanBase = `${reach.origins[0]}/`;
      lan = { host: options.lan.host, port: listening.port, base: lanBase, url: `${lanBase}?token=${tokens.writer}`, viewerUrl: `${lanBase}?token=${tokens.viewer}`, fingerprint: options.lan.fingerprint };
    } catch (error) {
      eventSocket.close();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      throw error;
    }
  }
  const base = `http://127.0.0.1:${port}/`;
  return {
    port,
    tokens,
    url: `${base}?token=${tokens.writer}`,
    viewerUrl: `${base}?token=${tokens.viewer}`,
    lan,
    close: async () => {
      eventSocket.close();
      await Promise.all([
        new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        }),
        lanClose?.(),
      ]);
    },
  };
}

function requestUrl(request: IncomingMessage, port: number): URL | null {
  try {
    // Only the path and query are read; the base is a placeholder whatever listener it came from.
    return new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function failure(error: ApiError): Envelope<never> {
  return { ok: false, error: error.toData() };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

class BodyTooLargeError extends Error {}

/**
 * The client learns why (413 and the limit), then the connection closes: destroying the request
 * at once would reset the socket before the answer could be read.
 */
function refuseTooLarge(response: ServerResponse, message: string): void {
  response.setHeader('Connection', 'close');
  sendJson(response, 413, failure(new ApiError('invalid_input', message)));
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new BodyTooLargeError(`Request body is larger than ${formatLimit(limit)}.`);
  return new Promise((resolveBody, rejectBody) => {
    // A declared length over the limit is refused before a byte of it is read.
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      rejectBody(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping the bytes, answer now; what is still in flight is discarded until the close.
      chunks.length = 0;
      request.off('data', collect);
      request.resume();
      rejectBody(tooLarge());
    };
    request.on('data', collect);
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', rejectBody);
  });
}
