import type { StateCreator } from 'zustand';
import type { Invitation, SeatView } from '../../../shared/api/warRoom';
import type { GrantTarget, SeatPermission } from '../../../shared/log/seatEvents';
import type { AppState, StoreDeps } from './appStore';

export interface WarRoomSlice {
  /** The IC's view of the open session's seats (with presence), read from the console. */
  seats: SeatView[];
  /** The invitation on screen (just created, or shown again). */
  invitation: Invitation | null;
  /** Bumped when the desktop app's "Invite to the war room…" started the LAN listener. */
  warRoomOpenRequests: number;
  onWarRoomOpened(url: string, fingerprint: string): void;
  loadSeats(sessionId: string): Promise<void>;
  inviteSeat(sessionId: string, name: string, roles: string[]): Promise<boolean>;
  showInvitation(sessionId: string, seatId: string): Promise<void>;
  closeInvitation(): void;
  revokeSeat(sessionId: string, seatId: string, reason: string | null): Promise<boolean>;
  changeGrant(sessionId: string, grant: boolean, permission: SeatPermission, to: GrantTarget): Promise<boolean>;
}

export const createWarRoomSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], WarRoomSlice> =>
  (set, get) => {
    function actorFor(sessionId: string) {
      const actor = get().actors[sessionId];
      if (!actor) throw new Error('Say who is at the keyboard first.');
      return actor;
    }
    async function attempt(doing: string, work: () => Promise<unknown>): Promise<boolean> {
      try {
        await work();
        return true;
      } catch (error) {
        get().notifyError(error, doing);
        return false;
      }
    }
    return {
      seats: [],
      invitation: null,
      warRoomOpenRequests: 0,
      onWarRoomOpened(url, fingerprint) {
        set((state) => ({ warRoomOpenRequests: state.warRoomOpenRequests + 1 }));
        const where = get().current ? 'Invite people in the War room tab.' : 'Open a session, then its War room tab, to invite people.';
        get().notify('info', `The war room is open on the local network at ${url} (certificate SHA-256 ${fingerprint}). ${where}`);
      },
      async loadSeats(sessionId) {
        await attempt('list the seats', async () => set({ seats: await api.listSeats({ sessionId }) }));
      },
      async inviteSeat(sessionId, name, roles) {
        const done = await attempt('invite the seat', async () => set({ invitation: await api.createSeat({ sessionId, actor: actorFor(sessionId), name, roles }) }));
        if (done) await get().loadSeats(sessionId);
        return done;
      },
      async showInvitation(sessionId, seatId) {
        await attempt('show the invitation', async () => set({ invitation: await api.seatInvitation({ sessionId, seatId }) }));
      },
      closeInvitation() {
        set({ invitation: null });
      },
      async revokeSeat(sessionId, seatId, reason) {
        const done = await attempt('revoke the seat', () => api.revokeSeat({ sessionId, actor: actorFor(sessionId), seatId, reason }));
        if (done) await get().loadSeats(sessionId);
        return done;
      },
      changeGrant(sessionId, grant, permission, to) {
        const input = { sessionId, actor: actorFor(sessionId), permission, to };
        return attempt(grant ? 'grant the permission' : 'take the permission back', () => (grant ? api.grantPermission(input) : api.revokeGrant(input)));
      },
    };
  };
