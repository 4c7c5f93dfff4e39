// Who may talk to the browser shell. It listens on 127.0.0.1 only, yet any web page the user
// visits can still aim requests at it, so: a random token (writer or viewer) on every request,
// carried in a SameSite=Strict HttpOnly cookie after the first visit; Host checked against DNS
// rebinding; a foreign Origin refused outright.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Access } from '../../shared/api/define';

export interface Tokens {
  writer: string;
  viewer: string;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function cookieName(port: number): string {
  // Cookies are not port-scoped: two consoles on 127.0.0.1 must not overwrite each other's.
  return `tminus_${port}`;
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

export function tokenFromRequest(request: IncomingMessage, port: number): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookies = request.headers.cookie?.split(';') ?? [];
  const name = `${cookieName(port)}=`;
  for (const cookie of cookies) {
    const trimmed = cookie.trim();
    if (trimmed.startsWith(name)) return decodeOrNull(trimmed.slice(name.length));
  }
  return null;
}

/** Anyone can set a cookie for 127.0.0.1 from another port: a malformed one is "no token", never a throw. */
export function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Host must name this server: a DNS-rebinding page would carry its own host name. */
export function hostIsAllowed(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** No Origin (same-origin GET, non-browser client) is fine; a different one is refused. */
export function originIsAllowed(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  return origin === undefined || allowedOrigins(port).includes(origin);
}
