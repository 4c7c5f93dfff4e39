// Event types that shape a session itself: its birth, who is at the keyboard, T0 moves, closing.
import { z } from 'zod';
import { actorSchema } from './actor';

export const environmentSchema = z.enum(['staging', 'production']);
export type Environment = z.infer<typeof environmentSchema>;

/** ISO-8601 instant as written by `Date.prototype.toISOString`. */
export const isoInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

/** The runbook a session froze: content and parsed model are stored by these hashes. */
export const runbookRefSchema = z.object({
  title: z.string(),
  sourceName: z.string(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  modelHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RunbookRef = z.infer<typeof runbookRefSchema>;

export const sessionEventPayloads = {
  'session.created': z.object({
    name: z.string(),
    environment: environmentSchema,
    t0: z.string(),
    runbook: runbookRefSchema.nullable(),
  }),
  'session.actorChanged': z.object({ actor: actorSchema, previous: actorSchema.nullable() }),
  'session.t0Moved': z.object({ from: z.string(), to: z.string(), reason: z.string().nullable() }),
  'session.closed': z.object({ reason: z.string().nullable() }),
  /** A changed runbook re-imported into a running session; ticks on kept items stay. */
  'session.runbookReplaced': z.object({
    from: runbookRefSchema,
    to: runbookRefSchema,
    added: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    /** Set when the IC corrected what the importer read (the runbook text is unchanged). */
    correction: z.object({ kind: z.string(), line: z.number().int(), description: z.string() }).optional(),
  }),
  /** A production launch compares itself with a staging rehearsal of the same runbook. */
  'session.rehearsalLinked': z.object({ rehearsalSessionId: z.string().nullable(), rehearsalName: z.string().nullable() }),
  /** Written at start-up for work that was in progress when the process died. */
  'session.interrupted': z.object({ what: z.string(), ref: z.string().nullable(), detail: z.string() }),
} as const;
