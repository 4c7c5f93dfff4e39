// The console's side of the war room: which token is which seat, who is connected from where,
// and telling the transports to drop a seat's connections the moment it is revoked. Seats and
// grants themselves are in the session log (seat.* events); this holds only what is not history
// (tokens, kept in tminus.tokens.json, and live presence, kept in memory).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SeatIdentity } from '../../shared/warroom/seatPolicy';
import type { WarRoomState } from '../../shared/session/warRoomState';
import type { EventHub } from '../core/eventHub';
import { addSeatToken, readSeatTokens, removeSeatToken, type SeatToken } from './seatTokens';

export interface SeatPresence {
  connections: number;
  lastSeen: string | null;
  address: string | null;
}

export interface WarRoomDeps {
  dataDir: string;
  hub: EventHub;
  clock: { now(): number };
  /** The session's war room as folded from its log (null for an unknown session). */
  warRoomOf(sessionId: string): WarRoomState | null;
}

export function newSeatId(): string {
  return `seat-${randomBytes(8).toString('hex')}`;
}

export class WarRoom {
  private tokens: SeatToken[];
  private readonly presence = new Map<string, SeatPresence>();
  private readonly revokeListeners = new Set<(seatId: string) => void>();

  constructor(private readonly deps: WarRoomDeps) {
    this.tokens = readSeatTokens(deps.dataDir);
  }

  /** After `tminus serve` rewrote the token file (e.g. --new-token dropped every seat's token). */
  reloadTokens(): void {
    this.tokens = readSeatTokens(this.deps.dataDir);
  }

  /** The live seat a token stands for; a revoked seat's token is no one's. */
  seatOfToken(token: string | null | undefined): SeatIdentity | null {
    if (!token) return null;
    const offered = Buffer.from(token);
    const entry = this.tokens.find((candidate) => {
      const stored = Buffer.from(candidate.token);
      return stored.length === offered.length && timingSafeEqual(stored, offered);
    });
    if (!entry) return null;
    const seat = this.deps.warRoomOf(entry.sessionId)?.seats.find((candidate) => candidate.seatId === entry.seatId);
    if (!seat || seat.revokedAt) return null;
    return { seatId: seat.seatId, sessionId: entry.sessionId, name: seat.name, roles: seat.roles };
  }

  tokenOf(seatId: string): string | null {
    return this.tokens.find((entry) => entry.seatId === seatId)?.token ?? null;
  }

  issueToken(seatId: string, sessionId: string): string {
    const entry = addSeatToken(this.deps.dataDir, seatId, sessionId, new Date(this.deps.clock.now()));
    this.tokens = [...this.tokens, entry];
    return entry.token;
  }

  /** The token is forgotten first, then every open connection of the seat is told to close. */
  revoke(seatId: string): void {
    removeSeatToken(this.deps.dataDir, seatId);
    this.tokens = this.tokens.filter((entry) => entry.seatId !== seatId);
    for (const listener of [...this.revokeListeners]) listener(seatId);
  }

  onRevoked(listener: (seatId: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  presenceOf(seatId: string): SeatPresence {
    return this.presence.get(seatId) ?? { connections: 0, lastSeen: null, address: null };
  }

  /** A call from the seat: it was here just now, from this address. */
  seen(seat: SeatIdentity, address: string | null): void {
    const before = this.presenceOf(seat.seatId);
    this.presence.set(seat.seatId, { ...before, lastSeen: this.nowIso(), address: address ?? before.address });
    // Calls are frequent; only a change the IC's table shows (a new address) is pushed.
    if (before.address !== address || before.lastSeen === null) this.pushPresence(seat);
  }

  /** An event socket opened; the returned function is called when it closes. */
  connected(seat: SeatIdentity, address: string | null): () => void {
    const before = this.presenceOf(seat.seatId);
    this.presence.set(seat.seatId, { connections: before.connections + 1, lastSeen: this.nowIso(), address: address ?? before.address });
    this.pushPresence(seat);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = this.presenceOf(seat.seatId);
      this.presence.set(seat.seatId, { ...now, connections: Math.max(0, now.connections - 1), lastSeen: this.nowIso() });
      this.pushPresence(seat);
    };
  }

  private pushPresence(seat: SeatIdentity): void {
    this.deps.hub.emit('warRoom.presence', { sessionId: seat.sessionId, seatId: seat.seatId });
  }

  private nowIso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
