// Every change to a session goes through here: refused when the session is read-only, preceded
// by an actor-change event when someone else is at the keyboard, committed as one transaction.
import { ApiError } from '../../shared/api/errors';
import type { Actor } from '../../shared/log/actor';
import type { EventType, LoggedEvent } from '../../shared/log/eventTypes';
import type { AppendRequest, EventLog } from '../store/eventLog';
import type { SessionRegistry } from './sessionRegistry';

export interface SessionChange<T extends EventType = EventType> {
  type: T;
  payload: AppendRequest<T>['payload'];
}

export class SessionWriter {
  constructor(
    private readonly log: EventLog,
    private readonly sessions: SessionRegistry,
  ) {}

  /** Throws `not_found` / `read_only` when the session cannot take changes. */
  assertWritable(sessionId: string): void {
    if (!this.sessions.get(sessionId)) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
    const reason = this.sessions.readOnlyReason(sessionId);
    if (reason) throw new ApiError('read_only', `This session is read-only: ${reason}.`);
  }

  write(sessionId: string, actor: Actor, changes: readonly SessionChange[]): LoggedEvent[] {
    this.assertWritable(sessionId);
    const current = this.sessions.get(sessionId)!.actor;
    const requests: AppendRequest[] = [];
    if (!sameActor(current, actor)) {
      requests.push({ sessionId, actor, type: 'session.actorChanged', payload: { actor, previous: current } });
    }
    for (const change of changes) requests.push({ sessionId, actor, type: change.type, payload: change.payload } as AppendRequest);
    return requests.length ? this.log.appendMany(requests) : [];
  }
}

export function sameActor(a: Actor, b: Actor): boolean {
  return a.name === b.name && (a.role ?? null) === (b.role ?? null);
}
