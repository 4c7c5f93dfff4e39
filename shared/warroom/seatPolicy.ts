// What a seat may do, decided in one place for every transport (the router asks it before any
// handler runs). Reading its own session and ticking or noting items belong to every seat; running
// steps, deciding gates and moving T0 belong to the IC unless granted; everything else (creating
// sessions, settings, secrets, seats themselves) stays with the IC's console.
import type { CallName } from '../api/contract';
import type { Actor } from '../log/actor';
import type { SeatPermission } from '../log/seatEvents';
import type { SeatRecord, WarRoomState } from '../session/warRoomState';

/** Who a seat is, as the console knows it from its token. */
export interface SeatIdentity {
  seatId: string;
  sessionId: string;
  name: string;
  roles: string[];
}

export type SeatNeed = 'read' | 'tick' | SeatPermission | 'ic';

const callNeeds: Partial<Record<CallName, SeatNeed>> = {
  checkItem: 'tick',
  uncheckItem: 'tick',
  addNote: 'tick',
  changeActor: 'tick',
  registerSeatKey: 'tick',
  submitQueuedActions: 'tick',
  resolveConflict: 'tick',
  runStep: 'runSteps',
  cancelRun: 'runSteps',
  checkRunHost: 'runSteps',
  decideGate: 'decideGates',
  moveT0: 'moveT0',
};

/** Read calls are open to a seat (within its session); a write not listed above is the IC's. */
export function seatNeedOf(call: CallName, access: 'read' | 'write'): SeatNeed {
  return callNeeds[call] ?? (access === 'read' ? 'read' : 'ic');
}

export const permissionLabels: Record<SeatPermission, string> = {
  runSteps: 'run steps',
  decideGates: 'decide gates',
  moveT0: 'move T0',
};

/** The actor every action of a seat is logged as: the invited name and roles, never what the page sends. */
export function seatActor(seat: Pick<SeatIdentity, 'name' | 'roles'>): Actor {
  return { name: seat.name, role: seat.roles.join(', ') };
}

export function seatHolds(permission: SeatPermission, seat: Pick<SeatRecord, 'seatId' | 'roles'>, state: WarRoomState): boolean {
  const roles = new Set(seat.roles.map((role) => role.toLowerCase()));
  return state.grants.some(
    (grant) =>
      grant.permission === permission &&
      ((grant.to.kind === 'seat' && grant.to.seatId === seat.seatId) || (grant.to.kind === 'role' && roles.has(grant.to.role.toLowerCase()))),
  );
}

export type SeatVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * May this seat make this call? `sessionId` is the session the call names (null for calls about
 * the workspace). The reason is written for the person at the seat: what was refused and who can
 * change that.
 */
export function decideSeatCall(
  seat: SeatIdentity,
  call: CallName,
  access: 'read' | 'write',
  sessionId: string | null,
  state: WarRoomState | null,
): SeatVerdict {
  const record = state?.seats.find((candidate) => candidate.seatId === seat.seatId);
  if (!record || record.revokedAt) return { allowed: false, reason: 'This seat has been revoked by the Incident Commander.' };
  const need = seatNeedOf(call, access);
  if (sessionId !== null && sessionId !== seat.sessionId) {
    return { allowed: false, reason: 'This seat was invited to another session; it can only see and work on that one.' };
  }
  if (need === 'read' || need === 'tick') return { allowed: true };
  if (need === 'ic') return { allowed: false, reason: `Only the Incident Commander's console can do this ("${call}").` };
  if (state && seatHolds(need, record, state)) return { allowed: true };
  return {
    allowed: false,
    reason: `Only the Incident Commander may ${permissionLabels[need]} unless they grant it to your role or seat (${seat.roles.join(', ')}).`,
  };
}

/** Items under the seat's role heading are its own ("mine"). */
export function isMine(itemRole: string | null, roles: readonly string[]): boolean {
  if (!itemRole) return false;
  const wanted = itemRole.toLowerCase();
  return roles.some((role) => role.toLowerCase() === wanted);
}
