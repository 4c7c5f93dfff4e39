import type { StateCreator } from 'zustand';
import type { ApiEventMessage, CallInput } from '../../../shared/api/contract';
import type { SessionSummary } from '../../../shared/api/sessions';
import type { AppState, StoreDeps } from './appStore';

export interface SessionsSlice {
  sessions: SessionSummary[];
  sessionsLoaded: boolean;
  /** The session on screen, as the console last reported it. */
  current: SessionSummary | null;
  currentError: string | null;
  loadSessions(): Promise<void>;
  createSession(input: CallInput<'createSession'>): Promise<SessionSummary | null>;
  openSession(sessionId: string): Promise<void>;
  closeCurrent(): void;
  /** Keeps the list and the open session current from pushed events. */
  onPushed(message: ApiEventMessage): void;
}

export const createSessionsSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], SessionsSlice> =>
  (set, get) => ({
    sessions: [],
    sessionsLoaded: false,
    current: null,
    currentError: null,
    async loadSessions() {
      try {
        set({ sessions: await api.listSessions({}), sessionsLoaded: true });
      } catch (error) {
        get().notifyError(error, 'list the sessions');
      }
    },
    async createSession(input) {
      try {
        const session = await api.createSession(input);
        await get().loadSessions();
        return session;
      } catch (error) {
        get().notifyError(error, 'create the session');
        return null;
      }
    },
    async openSession(sessionId) {
      set({ currentError: null });
      try {
        const { session } = await api.openSession({ sessionId });
        set({ current: session });
      } catch (error) {
        set({ current: null, currentError: error instanceof Error ? error.message : 'Could not open the session.' });
      }
    },
    closeCurrent() {
      set({ current: null, currentError: null });
    },
    onPushed(message) {
      if (message.event === 'sessions.changed') {
        void get().loadSessions();
        return;
      }
      if (message.event === 'log.appended') {
        const current = get().current;
        if (current && message.payload.sessionId === current.id) void get().openSession(current.id);
      }
    },
  });
