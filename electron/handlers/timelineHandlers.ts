import { ApiError } from '../../shared/api/errors';
import { stepRunsOf } from '../../shared/session/timelineInputs';
import { moveT0 } from '../../shared/timeline/moveT0';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function timelineHandlers(context: HandlerContext): Pick<ApiHandlers, 'moveT0' | 'linkRehearsal'> {
  return {
    moveT0: ({ sessionId, actor, t0, reason }) => {
      context.writer.assertWritable(sessionId);
      const state = context.states.get(sessionId)!;
      const outcome = moveT0({
        currentT0Ms: Date.parse(state.header.t0),
        newT0Ms: Date.parse(t0),
        nowMs: context.clock.now(),
        runs: stepRunsOf(state),
        reason,
      });
      if (!outcome.ok) {
        const issues = outcome.error.code === 'reason-required' ? [{ path: 'reason', message: outcome.error.message }] : undefined;
        throw new ApiError(outcome.error.code === 'unchanged' ? 'conflict' : 'invalid_input', outcome.error.message, issues);
      }
      const events = context.writer.write(sessionId, actor, [
        { type: 'session.t0Moved', payload: { from: state.header.t0, to: new Date(outcome.move.toT0Ms).toISOString(), reason } },
      ]);
      const last = events.at(-1)!;
      return { changed: true, seq: last.seq, hash: last.hash };
    },

    linkRehearsal: ({ sessionId, actor, rehearsalSessionId }) => {
      context.writer.assertWritable(sessionId);
      let rehearsalName: string | null = null;
      if (rehearsalSessionId !== null) {
        const rehearsal = context.sessions.get(rehearsalSessionId);
        if (!rehearsal) throw new ApiError('not_found', `No session ${rehearsalSessionId} to compare with.`);
        if (rehearsalSessionId === sessionId) throw new ApiError('invalid_input', 'A session cannot be its own rehearsal.');
        if (rehearsal.environment !== 'staging') throw new ApiError('invalid_input', `"${rehearsal.name}" is not a staging session; only staging sessions are rehearsals.`);
        rehearsalName = rehearsal.name;
      }
      const events = context.writer.write(sessionId, actor, [{ type: 'session.rehearsalLinked', payload: { rehearsalSessionId, rehearsalName } }]);
      const last = events.at(-1)!;
      return { changed: true, seq: last.seq, hash: last.hash };
    },
  };
}
