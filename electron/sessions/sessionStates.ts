// Folded session state, kept per open session: built once from the log (linear fold), then
// advanced by each committed event, so every `openSession` answers from memory.
import { applySessionStateEvent, foldSessionState, type SessionState } from '../../shared/session/sessionState';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { Runbook } from '../../shared/runbook/model';
import type { EventLog } from '../store/eventLog';
import type { RunbookStore } from '../store/runbookStore';

export class SessionStates {
  private readonly states = new Map<string, SessionState>();
  private readonly runbooks = new Map<string, Runbook | null>();

  constructor(
    private readonly log: Pick<EventLog, 'iterate'>,
    private readonly runbookStore: Pick<RunbookStore, 'get'>,
  ) {}

  get(sessionId: string): SessionState | null {
    const cached = this.states.get(sessionId);
    if (cached) return cached;
    const state = foldSessionState(this.log.iterate(sessionId));
    if (state) this.states.set(sessionId, state);
    return state;
  }

  /** The runbook the session runs (the frozen snapshot its log names). */
  runbook(sessionId: string): Runbook | null {
    const state = this.get(sessionId);
    const ref = state?.header.runbook;
    if (!ref) return null;
    const key = `${sessionId}:${ref.modelHash}`;
    if (!this.runbooks.has(key)) this.runbooks.set(key, this.runbookStore.get<Runbook>(ref)?.model ?? null);
    return this.runbooks.get(key) ?? null;
  }

  /** Advances cached states; sessions not yet loaded are folded fresh when first asked for. */
  apply(event: LoggedEvent): void {
    const state = this.states.get(event.sessionId);
    if (!state) return;
    if (event.seq !== state.headSeq + 1) {
      this.states.delete(event.sessionId);
      return;
    }
    this.states.set(event.sessionId, applySessionStateEvent(state, event));
  }
}
