// The war room folded from the log: the seats (live or revoked) and the grants in force.
import type { LoggedEvent } from '../log/eventTypes';
import type { GrantTarget, SeatPermission, SeatPublicKey } from '../log/seatEvents';

export interface SeatRecord {
  seatId: string;
  name: string;
  roles: string[];
  createdAt: string;
  /** When the IC cut the seat off; null while it may act. */
  revokedAt: string | null;
}

export interface Grant {
  permission: SeatPermission;
  to: GrantTarget;
  grantedAt: string;
  grantedBy: string;
}

/** An item a queued action changed after someone else had: shown until someone resolves it. */
export interface ItemConflict {
  seatId: string;
  /** The log event of the queued action that found the item changed. */
  eventSeq: number;
  at: string;
}

export interface WarRoomState {
  seats: SeatRecord[];
  grants: Grant[];
  /** Registered seat keys, by seat id (one per seat, never replaced). */
  keys: Record<string, SeatPublicKey>;
  /** The highest queued-action seq of each seat in the log, so a resend is not applied twice. */
  lastQueuedSeq: Record<string, number>;
  conflicts: Record<string, ItemConflict>;
}

export function emptyWarRoomState(): WarRoomState {
  return { seats: [], grants: [], keys: {}, lastQueuedSeq: {}, conflicts: {} };
}

export function sameGrantTarget(a: GrantTarget, b: GrantTarget): boolean {
  if (a.kind === 'role' && b.kind === 'role') return a.role.toLowerCase() === b.role.toLowerCase();
  return a.kind === 'seat' && b.kind === 'seat' && a.seatId === b.seatId;
}

/** Folds in place; returns whether the event was a war-room one. */
export function reduceWarRoom(state: WarRoomState, event: LoggedEvent): boolean {
  switch (event.type) {
    case 'seat.created':
      state.seats = [...state.seats, { ...event.payload, createdAt: event.at, revokedAt: null }];
      return true;
    case 'seat.revoked':
      state.seats = state.seats.map((seat) => (seat.seatId === event.payload.seatId && !seat.revokedAt ? { ...seat, revokedAt: event.at } : seat));
      return true;
    case 'seat.granted': {
      const { permission, to } = event.payload;
      if (state.grants.some((grant) => grant.permission === permission && sameGrantTarget(grant.to, to))) return true;
      state.grants = [...state.grants, { permission, to, grantedAt: event.at, grantedBy: event.actor.name }];
      return true;
    }
    case 'seat.grantRevoked': {
      const { permission, to } = event.payload;
      state.grants = state.grants.filter((grant) => !(grant.permission === permission && sameGrantTarget(grant.to, to)));
      return true;
    }
    case 'seat.keyRegistered':
      if (!state.keys[event.payload.seatId]) state.keys = { ...state.keys, [event.payload.seatId]: event.payload.publicKey };
      return true;
    case 'seat.queuedAction': {
      const { seatId, seq, itemId, conflict } = event.payload;
      state.lastQueuedSeq = { ...state.lastQueuedSeq, [seatId]: Math.max(seq, state.lastQueuedSeq[seatId] ?? -1) };
      if (conflict && !state.conflicts[itemId]) state.conflicts = { ...state.conflicts, [itemId]: { seatId, eventSeq: event.seq, at: event.at } };
      return true;
    }
    case 'seat.conflictResolved': {
      const { [event.payload.itemId]: _resolved, ...rest } = state.conflicts;
      state.conflicts = rest;
      return true;
    }
    case 'seat.queuedRefused':
    case 'seat.refused':
      return true;
    default:
      return false;
  }
}

/** Immutable variant for the renderer's per-event updates. */
export function applyWarRoomEvent(state: WarRoomState, event: LoggedEvent): WarRoomState {
  if (!event.type.startsWith('seat.')) return state;
  const next = { ...state };
  reduceWarRoom(next, event);
  return next;
}
