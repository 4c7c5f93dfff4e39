import { z } from 'zod';
import { defineCall } from './define';
import { MAX_SESSION_FILE_BYTES, SESSION_FILE_TOO_LARGE, utf8ByteLength } from './limits';
import { sessionIdSchema, sessionSummarySchema } from './sessions';

export const sessionFileCalls = {
  exportSessionFile: defineCall({
    summary:
      'A session as one `.tminus.json` file (runbook snapshots, every event, the chain and its head hash); refused when its log does not verify.',
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema }).strict(),
    result: z.object({
      /** Suggested name: `<slug of the session name>-<yyyymmdd of T0>.tminus.json`. */
      fileName: z.string(),
      /** The file's JSON text. */
      content: z.string(),
    }),
  }),
  importSessionFile: defineCall({
    summary:
      'Open a `.tminus.json` session file read-only in this workspace, after verifying its chain and runbook snapshots; the same file twice answers the same session.',
    access: 'write',
    input: z
      .object({
        fileName: z.string().trim().min(1, 'a file name is required').max(500),
        content: z
          .string()
          .min(1, 'the file is empty')
          // A UTF-8 file's bytes are never fewer than its characters: the cheap check first.
          .max(MAX_SESSION_FILE_BYTES, SESSION_FILE_TOO_LARGE)
          .refine((text) => utf8ByteLength(text) <= MAX_SESSION_FILE_BYTES, SESSION_FILE_TOO_LARGE),
      })
      .strict(),
    result: sessionSummarySchema,
  }),
};
