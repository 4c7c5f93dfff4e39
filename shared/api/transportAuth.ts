// How the browser shell's page proves its token, shared by the server (electron/web/auth.ts) and
// the renderer's transport so the two cannot drift.

/** Offered and chosen on the event socket. */
export const EVENT_SOCKET_PROTOCOL = 'tminus.v1';
/** Prefix of the second offered subprotocol, which carries the token (base64url fits a protocol token). */
export const EVENT_SOCKET_TOKEN_PREFIX = 'tminus.token.';
/** The page's sessionStorage key for its token: per tab, per origin (scheme, host and port). */
export const TOKEN_STORAGE_KEY = 'tminus.token';
/** The token-free page that asks for the token. */
export const LOGIN_PATH = '/login';
/** Close code of the event socket when the IC revoked the seat whose token opened it. */
export const SEAT_REVOKED_CLOSE_CODE = 4401;
