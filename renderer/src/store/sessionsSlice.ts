import type { StateCreator } from 'zustand';
import { rememberActor } from './actorSlice';
import type { ApiEventMessage, CallInput, CallResult } from '../../../shared/api/contract';
import type { SessionSummary } from '../../../shared/api/sessions';
import type { LoggedEvent } from '../../../shared/log/eventTypes';
import { applySessionStateEvent } from '../../../shared/session/sessionState';
import type { AppState, StoreDeps } from './appStore';

export type OpenSession = CallResult<'openSession'>;

export interface SessionsSlice {
  sessions: SessionSummary[];
  sessionsLoaded: boolean;
  /** The session on screen: summary, frozen runbook and the state folded from its log. */
  current: OpenSession | null;
  currentError: string | null;
  loadSessions(): Promise<void>;
  createSession(input: CallInput<'createSession'>): Promise<SessionSummary | null>;
  openSession(sessionId: string): Promise<void>;
  closeCurrent(): void;
  /** After the live connection came back: re-read the list and the open session (events may have been missed). */
  resync(): Promise<void>;
  moveT0(t0: string, reason: string | null): Promise<boolean>;
  importSessionFile(fileName: string, content: string): Promise<SessionSummary | null>;
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
        // The creator is at the keyboard; no need to ask again on the first open.
        set((state) => ({ actors: { ...state.actors, [session.id]: input.actor } }));
        rememberActor(input.actor);
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
        const opened = await api.openSession({ sessionId });
        set({ current: opened });
      } catch (error) {
        set({ current: null, currentError: error instanceof Error ? error.message : 'Could not open the session.' });
      }
    },
    closeCurrent() {
      set({ current: null, currentError: null });
    },
    async resync() {
      const current = get().current;
      await Promise.all([get().loadSessions(), current ? get().openSession(current.session.id) : Promise.resolve()]);
    },
    async importSessionFile(fileName, content) {
      try {
        const session = await api.importSessionFile({ fileName, content });
        await get().loadSessions();
        get().notify('success', `Opened "${session.name}" read-only; its chain verified.`);
        return session;
      } catch (error) {
        get().notifyError(error, 'open the session file');
        return null;
      }
    },
    async moveT0(t0, reason) {
      const current = get().current;
      const actor = current ? get().actors[current.session.id] : undefined;
      if (!current || !actor) return false;
      try {
        await api.moveT0({ sessionId: current.session.id, actor, t0, reason });
        return true;
      } catch (error) {
        get().notifyError(error, 'move T0');
        return false;
      }
    },
    onPushed(message) {
      if (message.event === 'sessions.changed') {
        void get().loadSessions();
        return;
      }
      if (message.event === 'warRoom.openRequested') {
        get().onWarRoomOpened(message.payload.url, message.payload.fingerprint);
        return;
      }
      if (message.event === 'warRoom.presence') {
        // Only the IC's console lists seats; a seat's own page has nothing to refresh.
        if (get().current?.session.id === message.payload.sessionId && !get().workspace?.seat && get().workspace?.access === 'write') void get().loadSeats(message.payload.sessionId);
        return;
      }
      if (message.event !== 'log.appended') return;
      const current = get().current;
      if (!current || message.payload.sessionId !== current.session.id) return;
      const event = message.payload.event as LoggedEvent;
      if (event.seq <= current.state.headSeq) return;
      if (event.seq !== current.state.headSeq + 1) {
        // A gap (missed while reconnecting): the log is the truth, read it again.
        void get().openSession(current.session.id);
        return;
      }
      const state = applySessionStateEvent(current.state, event);
      set({
        current: {
          ...current,
          state,
          session: { ...current.session, eventCount: state.headSeq, headHash: event.hash, t0: state.header.t0 },
        },
      });
      if (state.header.runbook?.modelHash !== current.state.header.runbook?.modelHash) void get().openSession(current.session.id);
    },
  });
