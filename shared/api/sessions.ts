import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { environmentSchema, isoInstant, runbookRefSchema } from '../log/sessionEvents';
import type { SessionState } from '../session/sessionState';
import { defineCall } from './define';
import { runbookModelSchema, runbookSourceSchema } from './runbooks';

export const sessionIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'not a session id');

export const sessionSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: environmentSchema,
  t0: z.string(),
  createdAt: z.string(),
  createdBy: actorSchema,
  runbook: runbookRefSchema.nullable(),
  /** Closed sessions and sessions imported from a file are read-only for everyone. */
  readOnly: z.boolean(),
  origin: z.enum(['local', 'imported']),
  eventCount: z.number().int(),
  headHash: z.string(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const createSessionInputSchema = z
  .object({
    name: z.string().trim().min(1, 'a session needs a name').max(200),
    environment: environmentSchema,
    t0: isoInstant,
    actor: actorSchema,
    runbook: runbookSourceSchema,
  })
  .strict();

export const sessionStateSchema = z.custom<SessionState>(
  (value) => typeof value === 'object' && value !== null && 'headSeq' in value && 'checklist' in value,
  'not a session state',
);

export const sessionCalls = {
  listSessions: defineCall({
    summary: 'All sessions of the workspace, newest T0 first.',
    access: 'read',
    input: z.object({}).strict(),
    result: z.array(sessionSummarySchema),
  }),
  createSession: defineCall({
    summary: 'Create a session (name, environment, T0) from a runbook file, as the given actor. The runbook is frozen into the session.',
    access: 'write',
    input: createSessionInputSchema,
    result: sessionSummarySchema,
  }),
  rehearseNow: defineCall({
    summary: "Start a rehearsal now: a new staging session with the same frozen runbook as the given session, T0 = now + the given minutes (rounded up to the minute).",
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        actor: actorSchema,
        minutes: z.number().int().min(0).max(24 * 60),
        name: z.string().trim().min(1).max(200).nullish(),
      })
      .strict(),
    result: sessionSummarySchema,
  }),
  openSession: defineCall({
    summary: 'One session: its summary, its frozen runbook and the state folded from its log.',
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema }).strict(),
    result: z.object({
      session: sessionSummarySchema,
      runbook: runbookModelSchema.nullable(),
      state: sessionStateSchema,
      /** Why the session cannot be changed, or null. */
      readOnlyReason: z.string().nullable(),
    }),
  }),
};
