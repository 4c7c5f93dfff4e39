import type { StateCreator } from 'zustand';
import type { SessionSummary } from '../../../shared/api/sessions';
import type { SessionState } from '../../../shared/session/sessionState';
import type { AppState, StoreDeps } from './appStore';

export interface RehearsalView {
  sessionId: string;
  name: string;
  state: SessionState;
}

export interface TimelineSlice {
  /** The rehearsal the open launch compares itself with (loaded read-only). */
  rehearsal: RehearsalView | null;
  loadRehearsal(sessionId: string | null): Promise<void>;
  linkRehearsal(rehearsalSessionId: string | null): Promise<boolean>;
  /** A staging session with the same runbook, T0 = now + minutes; null when refused. */
  rehearseNow(sessionId: string, minutes: number): Promise<SessionSummary | null>;
}

export const createTimelineSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], TimelineSlice> =>
  (set, get) => ({
    rehearsal: null,
    async loadRehearsal(sessionId) {
      if (!sessionId) {
        set({ rehearsal: null });
        return;
      }
      if (get().rehearsal?.sessionId === sessionId) return;
      try {
        const opened = await api.openSession({ sessionId });
        set({ rehearsal: { sessionId, name: opened.session.name, state: opened.state } });
      } catch (error) {
        set({ rehearsal: null });
        get().notifyError(error, 'load the rehearsal');
      }
    },
    async rehearseNow(sessionId, minutes) {
      const actor = get().actors[sessionId];
      if (!actor) return null;
      try {
        const created = await api.rehearseNow({ sessionId, actor, minutes });
        // The person who started it is at its keyboard (the creation names them).
        set((state) => ({ actors: { ...state.actors, [created.id]: actor } }));
        await get().loadSessions();
        return created;
      } catch (error) {
        get().notifyError(error, 'start the rehearsal');
        return null;
      }
    },
    async linkRehearsal(rehearsalSessionId) {
      const current = get().current;
      const actor = current ? get().actors[current.session.id] : undefined;
      if (!current || !actor) return false;
      try {
        await api.linkRehearsal({ sessionId: current.session.id, actor, rehearsalSessionId });
        return true;
      } catch (error) {
        get().notifyError(error, 'link the rehearsal');
        return false;
      }
    },
  });
