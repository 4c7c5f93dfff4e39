import { ApiError } from '../../shared/api/errors';
import { diffRunbooks } from '../../shared/runbook/diff';
import { importMarkdown } from '../../shared/runbook/importMarkdown';
import { runbookCoverage } from '../../shared/runbook/coverage';
import { summarizeRunbook } from '../../shared/runbook/summary';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function previewRunbookSource(source: { sourceName: string; content: string }) {
  const runbook = importMarkdown(source.content, source.sourceName);
  return { runbook, summary: summarizeRunbook(runbook), coverage: runbookCoverage(runbook, source.content) };
}

export function runbookHandlers(context: HandlerContext): Pick<ApiHandlers, 'previewRunbook' | 'previewReimport' | 'applyReimport'> {
  return {
    previewRunbook: (source) => previewRunbookSource(source),

    previewReimport: ({ sessionId, source }) => {
      const state = context.states.get(sessionId);
      if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      const current = context.states.runbook(sessionId);
      if (!current || !state.header.runbook) throw new ApiError('conflict', 'This session has no runbook to compare with.');
      const preview = previewRunbookSource(source);
      return { preview, diff: diffRunbooks(current, preview.runbook), currentModelHash: state.header.runbook.modelHash };
    },

    applyReimport: ({ sessionId, actor, source, expectedModelHash }) => {
      context.writer.assertWritable(sessionId);
      const from = context.states.get(sessionId)?.header.runbook;
      const current = context.states.runbook(sessionId);
      if (!from || !current) throw new ApiError('conflict', 'This session has no runbook to replace.');
      if (from.modelHash !== expectedModelHash) {
        throw new ApiError('conflict', "The session's runbook changed since this re-import was previewed; preview it again.");
      }
      const { runbook } = previewRunbookSource(source);
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
