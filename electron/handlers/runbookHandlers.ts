import { ApiError } from '../../shared/api/errors';
import { addCorrection } from '../../shared/runbook/corrections/apply';
import { correctionsFileText } from '../../shared/runbook/corrections/importCorrected';
import { correctionsFileName } from '../../shared/runbook/corrections/schema';
import { diffRunbooks } from '../../shared/runbook/diff';
import type { Runbook } from '../../shared/runbook/model';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

/**
 * A re-imported runbook keeps the session's corrections unless its own side file came with it:
 * the IC corrects a misreading once, not after every edit of the runbook.
 */
function withSessionCorrections<S extends { sourceName: string; corrections?: { name: string; text: string } | null }>(source: S, current: Runbook | null): S {
  const kept = current?.corrections;
  if (source.corrections || !kept || kept.error || kept.entries.length === 0) return source;
  return { ...source, corrections: { name: kept.file, text: correctionsFileText(source.sourceName, kept.entries) } };
}

export function runbookHandlers(context: HandlerContext): Pick<ApiHandlers, 'previewRunbook' | 'previewReimport' | 'applyReimport' | 'correctRunbook'> {
  return {
    // Parsing runs in a worker with a time limit (electron/runbook/runbookParser.ts).
    previewRunbook: (source) => context.runbookParser.preview(source),

    previewReimport: async ({ sessionId, source }) => {
      const preview = await context.runbookParser.preview(withSessionCorrections(source, context.states.runbook(sessionId)));
      const state = context.states.get(sessionId);
      if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      const current = context.states.runbook(sessionId);
      if (!current || !state.header.runbook) throw new ApiError('conflict', 'This session has no runbook to compare with.');
      return { preview, diff: diffRunbooks(current, preview.runbook), currentModelHash: state.header.runbook.modelHash };
    },

    correctRunbook: async ({ sessionId, actor, request, expectedModelHash }) => {
      const from = context.states.get(sessionId)?.header.runbook;
      if (!from) throw new ApiError('conflict', 'This session has no runbook to correct.');
      const stored = context.workspace.runbooks.get<Runbook>(from);
      if (!stored) throw new ApiError('conflict', "This session's runbook is not stored in this workspace.");
      const previous = stored.model.corrections;
      if (previous?.error) {
        // The side file could not be read: writing a new one would drop what it holds.
        throw new ApiError('conflict', `${previous.file}:${previous.error.line}:${previous.error.column}: ${previous.error.message} — fix that file and re-import before correcting again.`);
      }
      if (request.line > stored.model.lineCount) throw new ApiError('invalid_input', `line ${request.line} is past the end of ${from.sourceName} (${stored.model.lineCount} lines)`);
      const name = previous?.file ?? correctionsFileName(from.sourceName);
      const entries = addCorrection(previous?.entries ?? [], stored.content, request, actor.name, new Date(context.clock.now()).toISOString());
      const correctionsFile = { name, text: correctionsFileText(from.sourceName, entries) };
      const { runbook } = await context.runbookParser.preview({ sourceName: from.sourceName, content: stored.content, corrections: correctionsFile });
      context.writer.assertWritable(sessionId);
      const now = context.states.get(sessionId)?.header.runbook;
      const current = context.states.runbook(sessionId);
      if (!now || !current || now.modelHash !== expectedModelHash) {
        throw new ApiError('conflict', "The session's runbook changed since it was shown; look at it again before correcting.");
      }
      const added = entries.at(-1)!;
      const outcome = runbook.corrections?.applied.find((a) => a.id === added.id);
      if (!outcome) {
        const miss = runbook.corrections?.unmatched.find((u) => u.id === added.id);
        throw new ApiError('invalid_input', `That correction does not apply to line ${request.line}: ${miss?.reason ?? 'nothing changed'}.`);
      }
      const diff = diffRunbooks(current, runbook);
      const to = context.workspace.runbooks.put(from.sourceName, stored.content, runbook);
      const events = context.writer.write(sessionId, actor, [
        {
          type: 'session.runbookReplaced',
          payload: {
            from: now,
            to,
            added: diff.added.length,
            removed: diff.removed.length,
            changed: diff.changed.length,
            correction: { kind: outcome.kind, line: outcome.line, description: outcome.description },
          },
        },
      ]);
      const last = events.at(-1)!;
      return { seq: last.seq, hash: last.hash, correctionsFile };
    },

    applyReimport: async ({ sessionId, actor, source, expectedModelHash }) => {
      // Parsed first: everything below reads the session as it is after the (awaited) parse.
      const { runbook } = await context.runbookParser.preview(withSessionCorrections(source, context.states.runbook(sessionId)));
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
