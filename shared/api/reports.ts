// The audit report: one call exports a session in one of five formats, and pushed progress events
// let the UI show a real progress bar while a large session is read and drawn.
import { z } from 'zod';
import { reportFormatSchema } from '../report/formats';
import { defineCall, defineEvent } from './define';
import { sessionIdSchema } from './sessions';

export const reportStageSchema = z.enum(['reading', 'rendering', 'printing', 'done']);

export const reportCalls = {
  exportReport: defineCall({
    summary:
      'Export a session: `html` (self-contained report), `pdf` (the same, paginated), `md` (the runbook as run), `json` (the verifiable session file), `csv` (one row per event). Refused when the log does not verify. Progress is pushed as `report.progress`.',
    access: 'read',
    input: z
      .object({
        sessionId: sessionIdSchema,
        format: reportFormatSchema,
        /** Chosen by the caller; echoed in `report.progress` so it can follow its own export. */
        requestId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    result: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      /** `base64` for the PDF, `utf8` text otherwise. */
      encoding: z.enum(['utf8', 'base64']),
      content: z.string(),
      eventCount: z.number().int(),
      /** The chain head the export was made from (the one `tminus verify` prints). */
      headHash: z.string(),
    }),
  }),
};

export const reportEvents = {
  'report.progress': defineEvent({
    summary: 'How far an export has got: the stage and work done of total.',
    payload: z.object({
      requestId: z.string().nullable(),
      sessionId: z.string(),
      format: reportFormatSchema,
      stage: reportStageSchema,
      done: z.number().nonnegative(),
      total: z.number().nonnegative(),
    }),
  }),
};
