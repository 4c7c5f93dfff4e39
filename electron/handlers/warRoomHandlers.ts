// Seats and grants: each a logged event by the IC; the token of a seat is made here and kept
// beside the workspace, never in the log.
import QRCode from 'qrcode';
import { ApiError } from '../../shared/api/errors';
import type { Invitation } from '../../shared/api/warRoom';
import type { Actor } from '../../shared/log/actor';
import type { GrantTarget, SeatPermission } from '../../shared/log/seatEvents';
import { sameGrantTarget, type SeatRecord } from '../../shared/session/warRoomState';
import type { ApiHandlers } from '../core/router';
import { newSeatId } from '../warroom/warRoom';
import type { HandlerContext } from './context';

type WarRoomCallName = 'listSeats' | 'createSeat' | 'seatInvitation' | 'revokeSeat' | 'grantPermission' | 'revokeGrant';

export function warRoomHandlers(context: HandlerContext): Pick<ApiHandlers, WarRoomCallName> {
  const { states, writer, warRoom } = context;

  function warRoomOf(sessionId: string) {
    const state = states.get(sessionId);
    if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
    return state.warRoom;
  }

  function liveSeat(sessionId: string, seatId: string): SeatRecord {
    const seat = warRoomOf(sessionId).seats.find((candidate) => candidate.seatId === seatId);
    if (!seat) throw new ApiError('not_found', `This session has no seat ${seatId}.`);
    if (seat.revokedAt) throw new ApiError('conflict', `The seat of ${seat.name} was revoked at ${seat.revokedAt}; invite them again for a new link.`);
    return seat;
  }

  async function invitation(seat: SeatRecord): Promise<Invitation> {
    const token = warRoom.tokenOf(seat.seatId);
    const base = (await context.share.invitationBase?.()) ?? null;
    const url = token && base ? `${base.base}?token=${token}` : null;
    const note = !base
      ? 'This console serves no browser: run `tminus serve --lan` (or "Invite to the war room…" in the desktop app) and show the link again.'
      : !token
        ? 'This seat has no token any more (the console was started with --new-token): revoke it and invite the person again.'
        : base.fingerprint
          ? 'Give this link to that person only: it acts as them. Their browser will warn about the certificate: compare its SHA-256 fingerprint with the one below before going on.'
          : 'Give this link to that person only: it acts as them. It works on this machine only (127.0.0.1); start `tminus serve --lan` to reach other computers.';
    return { seatId: seat.seatId, name: seat.name, roles: seat.roles, url, certificateFingerprint: url ? (base?.fingerprint ?? null) : null, qr: url ? qrOf(url) : null, note };
  }

  function committed(sessionId: string, events: { seq: number; hash: string }[]) {
    const last = events.at(-1) ?? context.workspace.log.head(sessionId)!;
    return { changed: events.length > 0, seq: last.seq, hash: last.hash };
  }

  function assertRunbookRoles(sessionId: string, roles: string[]): void {
    const known = states.runbook(sessionId)?.roles.map((role) => role.name) ?? [];
    // A runbook without a roles section lets the IC name roles freely; one with it is the list.
    if (known.length === 0) return;
    const unknown = roles.filter((role) => !known.some((name) => name.toLowerCase() === role.toLowerCase()));
    if (unknown.length) throw new ApiError('invalid_input', `Not a role of this runbook: ${unknown.join(', ')} (the runbook names ${known.join(', ')}).`, [{ path: 'roles', message: 'unknown role' }]);
  }

  function grantChange(type: 'seat.granted' | 'seat.grantRevoked', sessionId: string, actor: Actor, permission: SeatPermission, to: GrantTarget) {
    const state = warRoomOf(sessionId);
    if (to.kind === 'seat') liveSeat(sessionId, to.seatId);
    else assertRunbookRoles(sessionId, [to.role]);
    const held = state.grants.some((grant) => grant.permission === permission && sameGrantTarget(grant.to, to));
    // Granting what is held, or taking back what is not, changes nothing and logs nothing.
    if ((type === 'seat.granted') === held) return committed(sessionId, []);
    return committed(sessionId, writer.write(sessionId, actor, [{ type, payload: { permission, to } }]));
  }

  return {
    listSeats: ({ sessionId }) =>
      warRoomOf(sessionId).seats.map((seat) => ({ ...seat, presence: warRoom.presenceOf(seat.seatId) })),

    createSeat: async ({ sessionId, actor, name, roles }) => {
      writer.assertWritable(sessionId);
      assertRunbookRoles(sessionId, roles);
      const seatId = newSeatId();
      // The token exists before the seat is logged: a seat in the log always has a usable link.
      warRoom.issueToken(seatId, sessionId);
      writer.write(sessionId, actor, [{ type: 'seat.created', payload: { seatId, name, roles } }]);
      return invitation(liveSeat(sessionId, seatId));
    },

    seatInvitation: ({ sessionId, seatId }) => invitation(liveSeat(sessionId, seatId)),

    revokeSeat: ({ sessionId, actor, seatId, reason }) => {
      liveSeat(sessionId, seatId);
      const events = writer.write(sessionId, actor, [{ type: 'seat.revoked', payload: { seatId, reason } }]);
      warRoom.revoke(seatId);
      return committed(sessionId, events);
    },

    grantPermission: ({ sessionId, actor, permission, to }) => grantChange('seat.granted', sessionId, actor, permission, to),
    revokeGrant: ({ sessionId, actor, permission, to }) => grantChange('seat.grantRevoked', sessionId, actor, permission, to),
  };
}

function qrOf(text: string): Invitation['qr'] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let line = '';
    for (let column = 0; column < modules.size; column++) line += modules.get(row, column) ? '1' : '0';
    rows.push(line);
  }
  return { size: modules.size, rows };
}
