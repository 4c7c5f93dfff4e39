import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function sessionHandlers(context: HandlerContext): Pick<ApiHandlers, 'listSessions' | 'createSession' | 'openSession' | 'rehearseNow'> {
  const { workspace, sessions, states, hub } = context;
  return {
    listSessions: () => sessions.list(),

    createSession: async (input) => {
      const { runbook } = await context.runbookParser.preview(input.runbook);
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

    rehearseNow: ({ sessionId, actor, minutes, name }) => {
      const state = states.get(sessionId);
      if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      // The same frozen runbook (already stored by its hashes): the rehearsal runs what the launch will.
      const runbook = state.header.runbook;
      const minute = 60_000;
      const t0 = new Date(Math.ceil((context.clock.now() + minutes * minute) / minute) * minute).toISOString();
      const created = randomUUID();
      workspace.log.append({
        sessionId: created,
        actor,
        type: 'session.created',
        payload: { name: name ?? `Rehearsal: ${state.header.name} (${t0.slice(0, 16).replace('T', ' ')} UTC)`, environment: 'staging', t0, runbook },
      });
      hub.emit('sessions.changed', { sessionId: created });
      return sessions.summary(created)!;
    },

    openSession: ({ sessionId }) => {
      const session = sessions.summary(sessionId);
      const state = states.get(sessionId);
      if (!session || !state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      return { session, runbook: states.runbook(sessionId), state, readOnlyReason: sessions.readOnlyReason(sessionId) };
    },
  };
}
