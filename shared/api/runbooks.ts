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
  applyReimport: defineCall({
    summary: "Replace a session's runbook with a re-imported version (as previewed: refused if the session's runbook changed since).",
    access: 'write',
    input: z.object({ sessionId: z.string(), actor: actorSchema, source: runbookSourceSchema, expectedModelHash: z.string() }).strict(),
    result: z.object({ changed: z.boolean(), seq: z.number().int(), hash: z.string() }),
  }),
};
