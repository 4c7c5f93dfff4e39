// Start-up recovery. Work that was in progress when the process died (a step run, later others)
// has no end in the log; left alone, the UI would show it running forever. Before the console
// serves anything, each feature's recoverer looks at every writable session's folded state and
// names what was in progress; each is closed with a `session.interrupted` event by the console
// itself (SYSTEM_ACTOR), saying that its outcome is unknown.
//
// A recoverer must fold `session.interrupted` into its own projection (by `what` and `ref`), or
// return `closing` events its projection folds, so the work it closed is no longer in progress:
// recovery then writes nothing on the next start.
import { SYSTEM_ACTOR } from '../../shared/log/actor';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { SessionState } from '../../shared/session/sessionState';
import type { AppendRequest, EventLog } from '../store/eventLog';
import type { SessionChange } from './sessionWriter';

/** What was in progress: the payload of its `session.interrupted` event. */
export interface InterruptedWork {
  /** Kind of work, e.g. `step run`. */
  what: string;
  /** The id of the interrupted thing (run id, step id …), or null. */
  ref: string | null;
  /** One line for the person reading the log. */
  detail: string;
  /**
   * Events that close the work in the feature's own terms (a step run's `step.runFinished
   * interrupted`), written by the system right after the `session.interrupted` event, in the same
   * transaction. A recoverer that closes its work this way needs no fold of `session.interrupted`.
   */
  closing?: readonly SessionChange[];
}

/** A feature's look at one session: what of its work is still in progress (none: []). */
export type Recoverer = (state: SessionState) => InterruptedWork[];

export interface RecoveryDeps {
  log: Pick<EventLog, 'appendMany'>;
  /** Every session of the workspace. */
  sessionIds(): string[];
  /** Null when the session may take new events; recovery leaves read-only sessions as they are. */
  readOnlyReason(sessionId: string): string | null;
  state(sessionId: string): SessionState | null;
  /** A recoverer that throws must not keep the console from opening the log. */
  onError?: (recoverer: string, sessionId: string, error: unknown) => void;
}

/** Closes in-progress work of every writable session; returns the events written. */
export function recoverInterruptedWork(deps: RecoveryDeps, recoverers: readonly Recoverer[]): LoggedEvent[] {
  if (recoverers.length === 0) return [];
  const onError = deps.onError ?? ((name, sessionId, error) => console.error(`[tminus] recovery by ${name} failed for session ${sessionId}:`, error));
  const written: LoggedEvent[] = [];
  for (const sessionId of deps.sessionIds()) {
    if (deps.readOnlyReason(sessionId) !== null) continue;
    const state = deps.state(sessionId);
    if (!state) continue;
    const requests: AppendRequest[] = [];
    for (const recoverer of recoverers) {
      let found: InterruptedWork[];
      try {
        found = recoverer(state);
      } catch (error) {
        onError(recoverer.name || 'a recoverer', sessionId, error);
        continue;
      }
      for (const work of found) {
        requests.push({ sessionId, actor: SYSTEM_ACTOR, type: 'session.interrupted', payload: { what: work.what, ref: work.ref, detail: work.detail } });
        for (const change of work.closing ?? []) requests.push({ sessionId, actor: SYSTEM_ACTOR, type: change.type, payload: change.payload } as AppendRequest);
      }
    }
    if (requests.length > 0) written.push(...deps.log.appendMany(requests));
  }
  return written;
}
