// The header of a session — name, environment, T0, runbook, who is at the keyboard, closed or
// not — folded from its `session.*` events. Both the console and the renderer use this fold, so
// what the list shows is exactly what the log says.
import type { Actor } from '../log/actor';
import type { LoggedEvent } from '../log/eventTypes';
import type { Environment, RunbookRef } from '../log/sessionEvents';

export interface SessionHeader {
  id: string;
  name: string;
  environment: Environment;
  /** Current T0 (after any moves), ISO instant. */
  t0: string;
  /** T0 as first planned. */
  plannedT0: string;
  /**
   * Every T0 the session has had, oldest first, with the instant from which it was in force (the
   * first from the session's creation): runs are judged against the plan of their own time.
   */
  t0History: Array<{ since: string; t0: string }>;
  createdAt: string;
  createdBy: Actor;
  runbook: RunbookRef | null;
  /** Who is at the keyboard now (the creator until an actor change). */
  actor: Actor;
  closed: boolean;
  /** The staging rehearsal this launch compares itself with, if any. */
  rehearsalSessionId: string | null;
  eventCount: number;
  headHash: string;
}

/** Applies one event; events of other kinds only advance the count and head. */
export function applySessionEvent(header: SessionHeader | null, event: LoggedEvent): SessionHeader | null {
  if (event.type === 'session.created') {
    return {
      id: event.sessionId,
      name: event.payload.name,
      environment: event.payload.environment,
      t0: event.payload.t0,
      plannedT0: event.payload.t0,
      t0History: [{ since: event.at, t0: event.payload.t0 }],
      createdAt: event.at,
      createdBy: event.actor,
      runbook: event.payload.runbook,
      actor: event.actor,
      closed: false,
      rehearsalSessionId: null,
      eventCount: 1,
      headHash: event.hash,
    };
  }
  if (!header) return null;
  const next: SessionHeader = { ...header, eventCount: event.seq, headHash: event.hash };
  switch (event.type) {
    case 'session.actorChanged':
      next.actor = event.payload.actor;
      break;
    case 'session.t0Moved':
      next.t0 = event.payload.to;
      next.t0History = [...header.t0History, { since: event.at, t0: event.payload.to }];
      break;
    case 'session.closed':
      next.closed = true;
      break;
    case 'session.rehearsalLinked':
      next.rehearsalSessionId = event.payload.rehearsalSessionId;
      break;
    case 'session.runbookReplaced':
      next.runbook = event.payload.to;
      break;
    default:
      break;
  }
  return next;
}
