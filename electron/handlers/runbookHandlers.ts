import { ApiError } from '../../shared/api/errors';
import { diffRunbooks } from '../../shared/runbook/diff';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function runbookHandlers(context: HandlerContext): Pick<ApiHandlers, 'previewRunbook' | 'previewReimport' | 'applyReimport'> {
  return {
    // Parsing runs in a worker with a time limit (electron/runbook/runbookParser.ts).
    previewRunbook: (source) => context.runbookParser.preview(source),

    previewReimport: async ({ sessionId, source }) => {
      const preview = await context.runbookParser.preview(source);
      const state = context.states.get(sessionId);
      if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      const current = context.states.runbook(sessionId);
      if (!current || !state.header.runbook) throw new ApiError('conflict', 'This session has no runbook to compare with.');
      return { preview, diff: diffRunbooks(current, preview.runbook), currentModelHash: state.header.runbook.modelHash };
    },

    applyReimport: async ({ sessionId, actor, source, expectedModelHash }) => {
      // Parsed first: everything below reads the session as it is after the (awaited) parse.
      const { runbook } = await context.runbookParser.preview(source);
      context.writer.assertWritable(sessionId);
      const from = context.states.get(sessionId)?.header.runbook;
      const current = context.states.runbook(sessionId);
      if (!from || !current) throw new ApiError('conflict', 'This session has no runbook to replace.');
      if (from.modelHash !== expectedModelHash) {
        throw new ApiError('conflict', "The session's runbook changed since this re-import was previewed; preview it again.");
      }
      const diff = diffRunbooks(current, runbook);
      const to = context.workspace.runbooks.put(source.sourceName, source.content, runbook);
      if (to.modelHash === from.modelHash) {
        const head = context.workspace.log.head(sessionId)!;
        return { changed: false, seq: head.seq, hash: head.hash };
      }
      const events = context.writer.write(sessionId, actor, [
        {
          type: 'session.runbookReplaced',
          payload: { from, to, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
        },
      ]);
      const last = events.at(-1)!;
      return { changed: true, seq: last.seq, hash: last.hash };
    },
  };
}
