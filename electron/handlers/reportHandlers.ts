import { ApiError } from '../../shared/api/errors';
import type { ApiHandlers } from '../core/router';
import { PdfUnavailableError, printHtmlWithChromium, type PdfPrinter } from '../report/chromiumPdf';
import { exportSessionReport, type ReportProgress } from '../report/exportReport';
import { SessionExportError } from '../report/sessionFile';
import type { HandlerContext } from './context';

export interface ReportHandlerOptions {
  /** The shell's PDF printer (Electron's printToPDF); headless Chromium when absent. */
  printPdf?: PdfPrinter;
}

/** At most this often a progress event per export: a progress bar needs no more. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs printers one at a time: each print starts a whole browser (or a hidden Electron window), so
 * a viewer asking for many PDFs at once must queue rather than exhaust the machine (issue 16,
 * point 5). The queue outlives a failed print.
 */
export function oneAtATime(print: PdfPrinter): PdfPrinter {
  let last: Promise<unknown> = Promise.resolve();
  return (html) => {
    const run = last.then(() => print(html));
    last = run.catch(() => undefined);
    return run;
  };
}

export function reportHandlers(context: HandlerContext, options: ReportHandlerOptions = {}): Pick<ApiHandlers, 'exportReport'> {
  const { workspace, sessions, hub, clock } = context;
  const printPdf = oneAtATime(options.printPdf ?? ((html) => printHtmlWithChromium(html)));
  return {
    exportReport: async ({ sessionId, format, requestId }) => {
      const summary = sessions.summary(sessionId);
      if (!summary) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
      let lastSent = 0;
      const onProgress = (progress: ReportProgress) => {
        const now = Date.now();
        if (progress.stage !== 'done' && progress.stage !== 'printing' && now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        hub.emit('report.progress', { requestId: requestId ?? null, sessionId, format, ...progress });
      };
      try {
        const report = await exportSessionReport(
          { workspace, summary, expectedHead: workspace.heads.get(sessionId), format },
          { appVersion: context.version, now: clock.now(), printPdf, onProgress },
        );
        const binary = typeof report.body !== 'string';
        return {
          fileName: report.fileName,
          mimeType: report.mimeType,
          encoding: binary ? 'base64' : 'utf8',
          content: binary ? Buffer.from(report.body as Uint8Array).toString('base64') : (report.body as string),
          eventCount: report.eventCount,
          headHash: report.headHash,
        };
      } catch (error) {
        if (error instanceof SessionExportError) throw new ApiError('conflict', error.message);
        if (error instanceof PdfUnavailableError) throw new ApiError('unavailable', error.message);
        throw error;
      }
    },
  };
}
