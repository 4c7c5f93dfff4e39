import { z } from 'zod';
import { defineCall } from './define';
import { sessionIdSchema, sessionSummarySchema } from './sessions';

/** A session file is text; larger than this it is no longer something a person moves by hand. */
const MAX_SESSION_FILE_CHARS = 256 * 1024 * 1024;

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
        content: z.string().min(1, 'the file is empty').max(MAX_SESSION_FILE_CHARS, 'a session file larger than 256 MB is refused'),
      })
      .strict(),
    result: sessionSummarySchema,
  }),
};
