import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';
import { previewRunbookSource } from './runbookHandlers';

export function sessionHandlers(context: HandlerContext): Pick<ApiHandlers, 'listSessions' | 'createSession' | 'openSession'> {
  const { workspace, sessions, states, hub } = context;
  return {
    listSessions: () => sessions.list(),

    createSession: (input) => {
      const { runbook } = previewRunbookSource(input.runbook);
      const ref = workspace.runbooks.put(input.runbook.sourceName, input.runbook.content, runbook);
      const sessionId = randomUUID();
      workspace.log.append({
        sessionId,
        actor: input.actor,
        type: 'session.created',
        payload: { name: input.name, environment: input.environment, t0: input.t0, runbook: ref },
      });
      hub.emit('sessions.changed', { sessionId });
      return sessions.summary(sessionId)!;
    },

    openSession: ({ sessionId }) => {
      const session = sessions.summary(sessionId);
      const state = states.get(sessionId);
      if (!session || !state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      return { session, runbook: states.runbook(sessionId), state, readOnlyReason: sessions.readOnlyReason(sessionId) };
    },
  };
}
