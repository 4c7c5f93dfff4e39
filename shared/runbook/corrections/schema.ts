// The corrections side file (`<runbook>.tminus-corrections.json`): what the IC corrected in what the
// importer read, kept beside the runbook and re-applied on every import. Each correction is
// anchored to a source line by the hash of its text and of its neighbours, not by its number, so
// edits elsewhere in the runbook do not move it (anchor.ts). See docs/runbook-format.md.
import { z } from 'zod';

export const CORRECTIONS_FORMAT = 'tminus-corrections';
export const CORRECTIONS_SUFFIX = '.tminus-corrections.json';

const lineHash = z.string().regex(/^[0-9a-z]{10}$/, 'a line hash is 10 characters of 0-9 and a-z');

export const anchorSchema = z
  .object({
    /** The line as it was written, trimmed: for people reading the file, and to name an unmatched correction. */
    text: z.string().max(2000),
    hash: lineHash,
    /** Hashes of the nearest non-blank lines above and below, to tell identical lines apart. */
    before: lineHash.nullable(),
    after: lineHash.nullable(),
    /** Where the line was when the correction was made; only breaks ties between equal candidates. */
    line: z.number().int().positive(),
  })
  .strict();
export type LineAnchor = z.infer<typeof anchorSchema>;

const meaning = z.enum(['ok-if', 'alert-if', 'warn-if']);
const offset = z.number().int().min(-30 * 86_400_000).max(30 * 86_400_000).nullable();

const common = {
  id: z.string().min(1).max(100),
  anchor: anchorSchema,
  /** Who made it and when, as the console knew them. */
  by: z.string().max(200).nullish(),
  at: z.string().max(40).nullish(),
};

export const correctionSchema = z.discriminatedUnion('kind', [
  /** Read the threshold on this line (the one with this metric key) with the other meaning. */
  z.object({ ...common, kind: z.literal('threshold-meaning'), metricKey: z.string().min(1).max(200), meaning }).strict(),
  /** The step whose fence starts on this line runs in this window (offsets from T0 in ms). */
  z
    .object({ ...common, kind: z.literal('step-window'), startOffsetMs: offset, endOffsetMs: offset })
    .strict()
    .refine((c) => c.startOffsetMs === null || c.endOffsetMs === null || c.endOffsetMs >= c.startOffsetMs, {
      message: 'the window ends before it starts',
      path: ['endOffsetMs'],
    }),
  /** This line is a go/no-go gate. */
  z.object({ ...common, kind: z.literal('gate'), title: z.string().trim().min(1).max(300), offsetMs: offset }).strict(),
  /** This line is a threshold. */
  z
    .object({
      ...common,
      kind: z.literal('threshold'),
      metric: z.string().trim().min(1).max(200),
      op: z.enum(['<', '<=', '>', '>=', 'between']),
      value: z.number().finite(),
      upper: z.number().finite().nullable(),
      unit: z.string().max(20).nullable(),
      meaning,
    })
    .strict(),
  /** What the importer read on this line is wrong: drop it. `key` narrows it (a threshold's metric key, a gate's title). */
  z
    .object({ ...common, kind: z.literal('dismiss'), target: z.enum(['threshold', 'gate', 'milestone', 'decision-level']), key: z.string().max(300).nullable() })
    .strict(),
]);
export type Correction = z.infer<typeof correctionSchema>;

export const correctionsFileSchema = z
  .object({
    format: z.literal(CORRECTIONS_FORMAT),
    version: z.literal(1),
    /** The runbook's file name, so a side file copied next to another runbook is noticed. */
    runbook: z.string().min(1).max(500),
    corrections: z.array(correctionSchema).max(5000),
  })
  .strict();
export type CorrectionsFile = z.infer<typeof correctionsFileSchema>;

export function correctionsFileName(runbookName: string): string {
  return `${runbookName}${CORRECTIONS_SUFFIX}`;
}
