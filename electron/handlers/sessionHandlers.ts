import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function sessionHandlers(context: HandlerContext): Pick<ApiHandlers, 'listSessions' | 'createSession' | 'openSession'> {
  const { workspace, sessions, hub } = context;
  return {
    listSessions: () => sessions.list(),

    createSession: (input) => {
      const sessionId = randomUUID();
      workspace.log.append({
        sessionId,
        actor: input.actor,
        type: 'session.created',
        payload: { name: input.name, environment: input.environment, t0: input.t0, runbook: null },
      });
      hub.emit('sessions.changed', { sessionId });
      return sessions.summary(sessionId)!;
    },

    openSession: ({ sessionId }) => {
      const session = sessions.summary(sessionId);
      if (!session) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      return { session };
    },
  };
}
