// Seat tokens live in the same owner-only file as the console's own tokens (tminus.tokens.json),
// one entry per seat, so a restart of `tminus serve` keeps every invited seat's link working.
// Whoever reads that file can act as any seat: it is 0600 like the rest of the workspace.
import { newToken } from '../web/auth';
import { readTokenFile, saveTokenFile, type TokenEntry, type TokenFile } from '../web/tokenStore';

export interface SeatToken {
  seatId: string;
  sessionId: string;
  token: string;
}

export function readSeatTokens(dataDir: string): SeatToken[] {
  const file = readTokenFile(dataDir);
  return (file?.tokens ?? []).flatMap((entry) =>
    entry.role === 'seat' && entry.seatId && entry.sessionId ? [{ seatId: entry.seatId, sessionId: entry.sessionId, token: entry.token }] : [],
  );
}

function update(dataDir: string, change: (tokens: TokenEntry[]) => TokenEntry[]): void {
  const file: TokenFile = readTokenFile(dataDir) ?? { version: 1, port: null, tokens: [] };
  saveTokenFile(dataDir, { ...file, tokens: change(file.tokens) });
}

export function addSeatToken(dataDir: string, seatId: string, sessionId: string, now: Date): SeatToken {
  const token = newToken();
  update(dataDir, (tokens) => [...tokens, { role: 'seat', token, createdAt: now.toISOString(), seatId, sessionId }]);
  return { seatId, sessionId, token };
}

export function removeSeatToken(dataDir: string, seatId: string): void {
  update(dataDir, (tokens) => tokens.filter((entry) => !(entry.role === 'seat' && entry.seatId === seatId)));
}
