// The war room folded from the log: the seats (live or revoked) and the grants in force.
import type { LoggedEvent } from '../log/eventTypes';
import type { GrantTarget, SeatPermission } from '../log/seatEvents';

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

export interface WarRoomState {
  seats: SeatRecord[];
  grants: Grant[];
}

export function emptyWarRoomState(): WarRoomState {
  return { seats: [], grants: [] };
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
    default:
      return false;
  }
}

/** Immutable variant for the renderer's per-event updates. */
export function applyWarRoomEvent(state: WarRoomState, event: LoggedEvent): WarRoomState {
  if (!event.type.startsWith('seat.')) return state;
  const next = { seats: state.seats, grants: state.grants };
  reduceWarRoom(next, event);
  return next;
}
