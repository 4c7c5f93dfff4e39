import { ApiError } from '../../shared/api/errors';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import { sessionFileName } from '../../shared/log/sessionFile';
import type { ApiHandlers } from '../core/router';
import { buildSessionFile, checkEventsReadable, readSessionFile, serializeSessionFile, SessionExportError } from '../report/sessionFile';
import { importOutputs, sessionOutputSource } from '../steps/outputStore';
import { insertVerifiedSession } from '../store/chainImport';
import type { HandlerContext } from './context';

export function sessionFileHandlers(context: HandlerContext): Pick<ApiHandlers, 'exportSessionFile' | 'importSessionFile'> {
  const { workspace, sessions, hub, clock } = context;
  return {
    exportSessionFile: ({ sessionId }) => {
      const summary = sessions.summary(sessionId);
      if (!summary) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      try {
        const file = buildSessionFile(
          { log: workspace.log, runbooks: workspace.runbooks, summary, expectedHead: workspace.heads.get(sessionId), outputs: sessionOutputSource(workspace.db, sessionId) },
          { appVersion: context.version, now: clock.now(), signingKey: workspace.signingKey },
        );
        return { fileName: sessionFileName(summary.name, summary.t0), content: serializeSessionFile(file) };
      } catch (error) {
        if (error instanceof SessionExportError) throw new ApiError('conflict', error.message);
        throw error;
      }
    },

    importSessionFile: ({ fileName, content }) => {
      const reading = readSessionFile(content);
      const problem = reading.ok ? checkEventsReadable(reading.file) : reading.fault;
      if (!reading.ok || problem) {
        const message = `${fileName}: ${problem!.message}.`;
        throw new ApiError('invalid_input', message, [{ path: 'content', message: problem!.message }]);
      }
      if (!reading.signer) {
        const message = `${fileName}: the file is not signed (exported by a T-Minus before session files were signed, or its signature was removed), so an edit with recomputed hashes could not be told apart; export it again from its workspace.`;
        throw new ApiError('invalid_input', message, [{ path: 'content', message: 'not signed' }]);
      }
      const { file, sessionId, headSeq, headHash } = reading;
      const existing = workspace.log.head(sessionId);
      if (existing) {
        // The same file again (or this workspace's own session): nothing to add.
        if (existing.seq === headSeq && existing.hash === headHash) return sessions.summary(sessionId)!;
        const here = sessions.summary(sessionId);
        throw new ApiError(
          'conflict',
          `This workspace already holds a different version of session ${sessionId}${here ? ` ("${here.name}", ${here.eventCount} events)` : ''}; the file has ${headSeq} events ending in ${headHash.slice(0, 12)}….`,
        );
      }
      // Events and step output in one transaction: a session is imported whole or not at all.
      workspace.db.transaction(() => {
        insertVerifiedSession(workspace.db, {
          sessionId,
          fileName,
          importedAt: new Date(clock.now()).toISOString(),
          head: { seq: headSeq, hash: headHash },
          events: file.events,
          runbooks: file.runbooks,
        });
        importOutputs(workspace.db, sessionId, file.outputs ?? []);
      })();
      // The heads side file guards imported chains against a cut-off tail like local ones.
      workspace.heads.record(sessionId, { seq: headSeq, hash: headHash });
      // Imports do not go through EventLog.append, so the registry learns of them here.
      sessions.markImported(sessionId);
      for (const event of file.events) sessions.apply(event as LoggedEvent);
      hub.emit('sessions.changed', { sessionId });
      return sessions.summary(sessionId)!;
    },
  };
}
