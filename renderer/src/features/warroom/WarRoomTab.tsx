// The IC's war room: invite a person to a seat (name, roles from the runbook), show their link and
// QR code, watch who is connected, revoke at once, and hand out IC-only powers to a role or a seat.
import { useEffect, useState, type FormEvent } from 'react';
import type { SeatView } from '../../../../shared/api/warRoom';
import { seatPermissionSchema, type GrantTarget, type SeatPermission } from '../../../../shared/log/seatEvents';
import type { Runbook } from '../../../../shared/runbook/model';
import type { WarRoomState } from '../../../../shared/session/warRoomState';
import { permissionLabels } from '../../../../shared/warroom/seatPolicy';
import { Dialog } from '../../components/Dialog';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import { InvitationView } from './InvitationView';
import './warroom.css';

interface WarRoomTabProps {
  sessionId: string;
  runbook: Runbook;
  warRoom: WarRoomState;
  readOnly: boolean;
}

export function WarRoomTab({ sessionId, runbook, warRoom, readOnly }: WarRoomTabProps) {
  const seats = useAppStore((s) => s.seats);
  const invitation = useAppStore((s) => s.invitation);
  const loadSeats = useAppStore((s) => s.loadSeats);
  const showInvitation = useAppStore((s) => s.showInvitation);
  const closeInvitation = useAppStore((s) => s.closeInvitation);
  const [revoking, setRevoking] = useState<SeatView | null>(null);

  // The log's war room changed (a seat invited or revoked, a grant): the table follows.
  useEffect(() => {
    void loadSeats(sessionId);
  }, [sessionId, warRoom, loadSeats]);

  return (
    <div className="war-room">
      <h2>War room</h2>
      {!readOnly && <InviteForm sessionId={sessionId} roleNames={runbook.roles.map((role) => role.name)} />}
      {invitation && <InvitationView invitation={invitation} onClose={closeInvitation} />}
      <table className="seats-table">
        <caption>Seats</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Presence</th>
            <th scope="col">Last seen</th>
            <th scope="col">Address</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {seats.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Nobody invited yet.
              </td>
            </tr>
          )}
          {seats.map((seat) => (
            <tr key={seat.seatId} className={seat.revokedAt ? 'seat-revoked' : undefined}>
              <th scope="row">{seat.name}</th>
              <td>{seat.roles.join(', ')}</td>
              <td>{seat.revokedAt ? `Revoked ${formatUtc(seat.revokedAt, true)}` : seat.presence.connections > 0 ? `Connected (${seat.presence.connections})` : 'Not connected'}</td>
              <td className="mono">{seat.presence.lastSeen ? formatUtc(seat.presence.lastSeen, true) : 'never'}</td>
              <td className="mono">{seat.presence.address ?? '—'}</td>
              <td>
                {!seat.revokedAt && (
                  <>
                    <button type="button" onClick={() => void showInvitation(sessionId, seat.seatId)}>
                      Show link of {seat.name}
                    </button>{' '}
                    {!readOnly && (
                      <button type="button" className="danger" onClick={() => setRevoking(seat)}>
                        Revoke {seat.name}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Grants sessionId={sessionId} runbook={runbook} warRoom={warRoom} readOnly={readOnly} />
      {revoking && <RevokeDialog sessionId={sessionId} seat={revoking} onClose={() => setRevoking(null)} />}
    </div>
  );
}

function InviteForm({ sessionId, roleNames }: { sessionId: string; roleNames: string[] }) {
  const inviteSeat = useAppStore((s) => s.inviteSeat);
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [freeRole, setFreeRole] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = roleNames.length ? roles : freeRole.trim() ? [freeRole.trim()] : [];
    if (await inviteSeat(sessionId, name.trim(), chosen)) {
      setName('');
      setRoles([]);
      setFreeRole('');
    }
  }
  return (
    <form className="invite-form" onSubmit={(event) => void submit(event)} aria-label="Invite a person">
      <label>
        Person&apos;s name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      {roleNames.length > 0 ? (
        <fieldset>
          <legend>Roles</legend>
          {roleNames.map((role) => (
            <label key={role} className="inline">
              <input type="checkbox" checked={roles.includes(role)} onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))} />
              {role}
            </label>
          ))}
        </fieldset>
      ) : (
        <label>
          Role
          <input value={freeRole} onChange={(e) => setFreeRole(e.target.value)} required maxLength={120} />
        </label>
      )}
      <button type="submit" className="primary" disabled={!name.trim() || (roleNames.length > 0 && roles.length === 0)}>
        Create invitation
      </button>
    </form>
  );
}

function RevokeDialog({ sessionId, seat, onClose }: { sessionId: string; seat: SeatView; onClose: () => void }) {
  const revokeSeat = useAppStore((s) => s.revokeSeat);
  const [reason, setReason] = useState('');
  return (
    <Dialog title={`Revoke the seat of ${seat.name}?`} open onClose={onClose} tone="danger">
      <p>Their link stops working and their open pages are disconnected now. What they did stays in the log.</p>
      <label>
        Reason (optional)
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoFocus />
      </label>
      <div className="actions">
        <button type="button" className="danger" onClick={() => void revokeSeat(sessionId, seat.seatId, reason.trim() || null).then(onClose)}>
          Revoke seat
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function targetKey(to: GrantTarget): string {
  return to.kind === 'role' ? `role:${to.role}` : `seat:${to.seatId}`;
}

function Grants({ sessionId, runbook, warRoom, readOnly }: WarRoomTabProps) {
  const changeGrant = useAppStore((s) => s.changeGrant);
  const liveSeats = warRoom.seats.filter((seat) => !seat.revokedAt);
  const targets: Array<{ key: string; label: string; to: GrantTarget }> = [
    ...runbook.roles.map((role) => ({ key: `role:${role.name}`, label: `Role: ${role.name}`, to: { kind: 'role', role: role.name } as GrantTarget })),
    ...liveSeats.map((seat) => ({ key: `seat:${seat.seatId}`, label: `Seat: ${seat.name}`, to: { kind: 'seat', seatId: seat.seatId } as GrantTarget })),
  ];
  const [permission, setPermission] = useState<SeatPermission>('runSteps');
  const [targetChoice, setTarget] = useState('');
  const target = targets.find((candidate) => candidate.key === targetChoice) ?? targets[0];
  const nameOf = (to: GrantTarget) =>
    to.kind === 'role' ? `role ${to.role}` : `seat ${warRoom.seats.find((seat) => seat.seatId === to.seatId)?.name ?? to.seatId}`;
  return (
    <section className="grants" aria-label="Permissions">
      <h3>Permissions</h3>
      <p className="help">Every seat may tick and note items. Running steps, deciding gates and moving T0 are the IC&apos;s unless granted here.</p>
      <ul>
        {warRoom.grants.length === 0 && <li className="muted">Nothing granted: only the IC runs steps, decides gates and moves T0.</li>}
        {warRoom.grants.map((grant) => (
          <li key={`${grant.permission}-${targetKey(grant.to)}`}>
            {nameOf(grant.to)} may {permissionLabels[grant.permission]} <span className="muted">(granted by {grant.grantedBy})</span>{' '}
            {!readOnly && (
              <button type="button" onClick={() => void changeGrant(sessionId, false, grant.permission, grant.to)}>
                Take back: {nameOf(grant.to)} may {permissionLabels[grant.permission]}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && target && (
        <div className="grant-form">
          <label>
            Permission
            <select value={permission} onChange={(e) => setPermission(e.target.value as SeatPermission)}>
              {seatPermissionSchema.options.map((option) => (
                <option key={option} value={option}>
                  {permissionLabels[option]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Granted to
            <select value={target.key} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void changeGrant(sessionId, true, permission, target.to)}>
            Grant
          </button>
        </div>
      )}
    </section>
  );
}
