// The router's check for seat calls: the seat's rules (shared/warroom/seatPolicy.ts) against the
// session's war room as the log folds it, then the actor replaced by the seat's own — whatever name
// the page sent, the log records the invited person and roles.
import { calls } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { decideSeatCall, seatActor } from '../../shared/warroom/seatPolicy';
import type { SeatGate } from '../core/router';
import type { SessionStates } from '../sessions/sessionStates';
import type { SessionWriter } from '../sessions/sessionWriter';
import type { WarRoom } from './warRoom';

export interface SeatGateDeps {
  states: Pick<SessionStates, 'get'>;
  writer: Pick<SessionWriter, 'write'>;
  warRoom: Pick<WarRoom, 'seen'>;
}

export function createSeatGate(deps: SeatGateDeps): SeatGate {
  return (call, input, context) => {
    const { seat } = context;
    const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const sessionId = typeof fields.sessionId === 'string' ? fields.sessionId : null;
    const access = calls[call].access;
    deps.warRoom.seen(seat, context.address ?? null);
    const verdict = decideSeatCall(seat, call, access, sessionId, deps.states.get(seat.sessionId)?.warRoom ?? null);
    if (!verdict.allowed) {
      // A refused change is kept in the seat's session log, so the IC sees who tried what.
      if (access === 'write') logRefusal(deps, seat.sessionId, seat, call, verdict.reason);
      throw new ApiError('forbidden', verdict.reason);
    }
    return 'actor' in fields ? { ...fields, actor: seatActor(seat) } : input;
  };
}

function logRefusal(deps: SeatGateDeps, sessionId: string, seat: Parameters<typeof seatActor>[0] & { seatId: string }, call: string, reason: string): void {
  try {
    deps.writer.write(sessionId, seatActor(seat), [{ type: 'seat.refused', payload: { seatId: seat.seatId, call, reason } }]);
  } catch {
    // A read-only (closed) session takes no record; the refusal itself still reaches the seat.
  }
}
