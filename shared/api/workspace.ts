import { z } from 'zod';
import { defineCall } from './define';
import { seatIdentitySchema } from './warRoom';

export const workspaceInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  /** Which shell serves this console. */
  shell: z.enum(['desktop', 'browser']),
  /** Viewers (war-room display) can read but never change anything. */
  access: z.enum(['read', 'write']),
  /** The console's clock minus this answer's wall time: clients add it to their own clock. */
  clockOffsetMs: z.number(),
  /** Set when this client is a war-room seat: who it acts as (fixed by its token) and its session. */
  seat: seatIdentitySchema.nullable(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const workspaceCalls = {
  getViewerLink: defineCall({
    summary: 'A read-only link for the war-room display (a separate token that can only read); null where this shell cannot share.',
    access: 'write',
    input: z.object({ sessionId: z.string().optional() }).strict(),
    result: z.object({ url: z.string().nullable(), note: z.string() }),
  }),
  workspaceInfo: defineCall({
    summary: 'Version, data directory and database of this workspace, and what this client may do.',
    access: 'read',
    input: z.object({}).strict(),
    result: workspaceInfoSchema,
  }),
};
