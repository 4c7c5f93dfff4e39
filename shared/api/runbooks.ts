import { z } from 'zod';
import type { Runbook } from '../runbook/model';
import type { RunbookCoverage } from '../runbook/coverage';
import type { RunbookSummary } from '../runbook/summary';
import type { RunbookDiff } from '../runbook/diff';
import { actorSchema } from '../log/actor';
import { defineCall } from './define';

/** A runbook file as the user gave it: its name and its text. */
export const runbookSourceSchema = z
  .object({
    sourceName: z.string().trim().min(1).max(500),
    content: z.string().max(20 * 1024 * 1024, 'a runbook larger than 20 MB is not a runbook'),
    /** The corrections side file kept beside the runbook (`<runbook>.tminus-corrections.json`), if any. */
    corrections: z
      .object({ name: z.string().trim().min(1).max(500), text: z.string().max(5 * 1024 * 1024, 'a corrections file larger than 5 MB is not one') })
      .strict()
      .nullish(),
  })
  .strict();

/**
 * The model is produced by our own importer, so results are typed rather than re-validated field by
 * field; the check keeps a wrong object from passing silently.
 */
export const runbookModelSchema = z.custom<Runbook>(
  (value) => typeof value === 'object' && value !== null && 'formatVersion' in value && Array.isArray((value as Runbook).checklistItems),
  'not a runbook model',
);

export const runbookPreviewSchema = z.object({
  runbook: runbookModelSchema,
  summary: z.custom<RunbookSummary>(),
  /** Lines that look like a time, threshold, gate, role or sign-off but were not read as one. */
  coverage: z.custom<RunbookCoverage>(),
});

const offset = z.number().int().min(-30 * 86_400_000).max(30 * 86_400_000).nullable();
const meaning = z.enum(['ok-if', 'alert-if', 'warn-if']);

/** A correction as the IC asks for it, by source line (the console anchors it to the line's text). */
export const correctionRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold-meaning'), line: z.number().int().positive(), metricKey: z.string().min(1).max(200), meaning }).strict(),
  z.object({ kind: z.literal('step-window'), line: z.number().int().positive(), startOffsetMs: offset, endOffsetMs: offset }).strict(),
  z.object({ kind: z.literal('gate'), line: z.number().int().positive(), title: z.string().trim().min(1).max(300), offsetMs: offset }).strict(),
  z
    .object({
      kind: z.literal('threshold'),
      line: z.number().int().positive(),
      metric: z.string().trim().min(1).max(200),
      op: z.enum(['<', '<=', '>', '>=', 'between']),
      value: z.number().finite(),
      upper: z.number().finite().nullable(),
      unit: z.string().max(20).nullable(),
      meaning,
    })
    .strict(),
  z
    .object({
      kind: z.literal('dismiss'),
      line: z.number().int().positive(),
      target: z.enum(['threshold', 'gate', 'milestone', 'decision-level']),
      key: z.string().max(300).nullable(),
    })
    .strict(),
]);

export const runbookCalls = {
  previewRunbook: defineCall({
    summary: 'Import a runbook without saving anything: the model, its summary, every warning with line:column, and the coverage (lines that look like structure but were not read). Writers only: parsing costs the console CPU that a viewer must not be able to spend.',
    access: 'write',
    input: runbookSourceSchema,
    result: runbookPreviewSchema,
  }),
  previewReimport: defineCall({
    summary: "What re-importing a changed runbook would add, remove and change in a session's runbook. Writers only, like previewRunbook.",
    access: 'write',
    input: z.object({ sessionId: z.string(), source: runbookSourceSchema }).strict(),
    result: z.object({ preview: runbookPreviewSchema, diff: z.custom<RunbookDiff>(), currentModelHash: z.string() }),
  }),
  correctRunbook: defineCall({
    summary:
      "Correct what the importer read in a session's runbook (flip a threshold's meaning, set a step's window, mark a line as a gate or a threshold, dismiss a false one). The runbook text stays; the corrected model replaces the session's, logged as a runbook change naming the correction. The result carries the whole corrections side file to keep beside the runbook.",
    access: 'write',
    input: z.object({ sessionId: z.string(), actor: actorSchema, request: correctionRequestSchema, expectedModelHash: z.string() }).strict(),
    result: z.object({ seq: z.number().int(), hash: z.string(), correctionsFile: z.object({ name: z.string(), text: z.string() }) }),
  }),
  applyReimport: defineCall({
    summary: "Replace a session's runbook with a re-imported version (as previewed: refused if the session's runbook changed since).",
    access: 'write',
    input: z.object({ sessionId: z.string(), actor: actorSchema, source: runbookSourceSchema, expectedModelHash: z.string() }).strict(),
    result: z.object({ changed: z.boolean(), seq: z.number().int(), hash: z.string() }),
  }),
};
