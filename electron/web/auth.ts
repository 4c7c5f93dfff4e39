// Who may talk to the browser shell. It listens on 127.0.0.1 only, yet any web page the user
// visits can still aim requests at it, so: a random token (writer or viewer) on every API call and
// on the event socket; Host checked against DNS rebinding; a foreign Origin refused outright.
//
// The token never lives in a cookie: cookies ignore ports, so one set by this console would be
// sent to every other server on 127.0.0.1 (issue 16, point 4). The page keeps it in its own
// sessionStorage (scoped to scheme, host and port) and sends it as `Authorization: Bearer` on
// calls and as a WebSocket subprotocol on the event socket (a browser cannot set headers there).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Access } from '../../shared/api/define';
import { EVENT_SOCKET_PROTOCOL, EVENT_SOCKET_TOKEN_PREFIX } from '../../shared/api/transportAuth';

export interface Tokens {
  writer: string;
  viewer: string;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function accessOfToken(tokens: Tokens, token: string | null | undefined): Access | null {
  if (!token) return null;
  if (same(token, tokens.writer)) return 'write';
  if (same(token, tokens.viewer)) return 'read';
  return null;
}

/** The bearer token of a call (or of a non-browser client's upgrade). */
export function tokenFromRequest(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || null;
  return null;
}

/** A browser's event socket carries its token as one of its offered subprotocols. */
export function tokenFromSocketProtocols(request: IncomingMessage): string | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((part) => part.trim());
  const carrier = offered.find((protocol) => protocol.startsWith(EVENT_SOCKET_TOKEN_PREFIX));
  return carrier ? carrier.slice(EVENT_SOCKET_TOKEN_PREFIX.length) || null : null;
}

/** The protocol the server answers with: never the token-carrying one, so it is not echoed. */
export function chooseSocketProtocol(protocols: Set<string>): string | false {
  return protocols.has(EVENT_SOCKET_PROTOCOL) ? EVENT_SOCKET_PROTOCOL : false;
}

/** A malformed percent-encoding is "nothing", never a throw: anyone can send one. */
export function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Where this console is reached: the loopback port, and the LAN listener's address when there is one. */
export interface Origins {
  /** Host header values (host:port). */
  hosts: string[];
  /** scheme://host:port */
  origins: string[];
}

export function loopbackOrigins(port: number): Origins {
  return { hosts: [`127.0.0.1:${port}`, `localhost:${port}`], origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`] };
}

export function lanOrigins(host: string, port: number): Origins {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { hosts: [authority], origins: [`https://${authority}`] };
}

/** Host must name this server: a DNS-rebinding page would carry its own host name. */
export function hostIsAllowed(request: IncomingMessage, allowed: Origins): boolean {
  return request.headers.host !== undefined && allowed.hosts.includes(request.headers.host);
}

/** No Origin (same-origin GET, non-browser client) is fine; a different one is refused. */
export function originIsAllowed(request: IncomingMessage, allowed: Origins): boolean {
  const origin = request.headers.origin;
  return origin === undefined || allowed.origins.includes(origin);
}
