import { ApiError } from '../../shared/api/errors';
import { diffRunbooks } from '../../shared/runbook/diff';
import { importMarkdown } from '../../shared/runbook/importMarkdown';
import { summarizeRunbook } from '../../shared/runbook/summary';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function previewRunbookSource(source: { sourceName: string; content: string }) {
  const runbook = importMarkdown(source.content, source.sourceName);
  return { runbook, summary: summarizeRunbook(runbook) };
}

export function runbookHandlers(context: HandlerContext): Pick<ApiHandlers, 'previewRunbook' | 'previewReimport'> {
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
  };
}
