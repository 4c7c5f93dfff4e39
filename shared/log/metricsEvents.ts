// Live metrics in the log: the settings in force (sources and bindings — secret *names* only, never
// values), monitoring on and off, alerts as they are raised, lose their data and clear, every
// decision-level change with the metrics, values, thresholds and queries behind it, and each gate
// decision (GO / HOLD / ROLLBACK, per approver role where the gate names them) with the evidence of
// that moment. Alerts and level changes are written by the console
// itself (the system actor); configuration, monitoring and gate decisions by the person at the keyboard.
import { z } from 'zod';
import { EvidenceSnapshotSchema } from '../metrics/evidence';
import { MetricsConfigSchema } from '../metrics/bindings';

/**
 * A measured value as JSON can carry it: ±Inf (a histogram_quantile past its last bucket) as a
 * string, no value as null. The hash chain refuses non-finite numbers, so they never reach it raw.
 */
export const JsonNumberSchema = z.union([z.number(), z.literal('+Inf'), z.literal('-Inf'), z.null()]);
export type JsonNumber = z.infer<typeof JsonNumberSchema>;

export function toJsonNumber(value: number | null | undefined): JsonNumber {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return value;
}

export function fromJsonNumber(value: JsonNumber): number | null {
  if (value === '+Inf') return Number.POSITIVE_INFINITY;
  if (value === '-Inf') return Number.NEGATIVE_INFINITY;
  return value;
}

const isoOrNull = z.string().nullable();
const text = z.string().max(4000);

export const alertSeveritySchema = z.enum(['warning', 'escalate', 'page']);

/** One alert transition: which threshold, on which metric, with what value and query, since when. */
export const alertPayloadSchema = z.object({
  thresholdId: z.string(),
  severity: alertSeveritySchema,
  metricKey: z.string(),
  metric: z.string(),
  /** The threshold as a phrase: `Error rate > 5%`. */
  threshold: z.string(),
  value: JsonNumberSchema,
  unit: z.string().nullable(),
  query: z.string().nullable(),
  /** When the breach began (raised, data-lost) or when the metric came back within bounds (cleared). */
  since: isoOrNull,
  /** What the runbook says to do (`Page on-call engineer`). */
  action: z.string().nullable(),
  reason: text,
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

/** A decision-tree condition as it stood: its words, and the measurement behind it. */
export const conditionEntrySchema = z.object({
  level: z.number().int(),
  text: z.string(),
  thresholdId: z.string().nullable(),
  state: z.enum(['holds', 'pending', 'clear', 'unknown', 'manual']),
  metric: z.string().nullable(),
  value: JsonNumberSchema,
  unit: z.string().nullable(),
  threshold: z.string().nullable(),
  query: z.string().nullable(),
  reason: z.string(),
});
export type ConditionEntry = z.infer<typeof conditionEntrySchema>;

/**
 * What a gate decision can say. `HOLD`: not yet — fix and re-evaluate; `ROLLBACK`: stop and go
 * back. `NO-GO` is what sessions recorded before HOLD existed: it is still read (and shown as
 * written), counts like a HOLD, and is never written any more.
 */
export const gateDecisionSchema = z.enum(['GO', 'HOLD', 'ROLLBACK', 'NO-GO']);
export type GateDecision = z.infer<typeof gateDecisionSchema>;
/** The decisions a person can record now. */
export const gateVoteSchema = z.enum(['GO', 'HOLD', 'ROLLBACK']);
export type GateVote = z.infer<typeof gateVoteSchema>;
const roleName = z.string().trim().min(1).max(120);

export const metricsEventPayloads = {
  'metrics.configured': z.object({
    config: MetricsConfigSchema,
    /** Metric keys whose binding was taken as suggested (from the runbook or its front matter). */
    fromSuggestions: z.array(z.string()).default([]),
  }),
  'metrics.monitoringStarted': z.object({
    pollIntervalMs: z.number().int().positive(),
    metricKeys: z.array(z.string()),
  }),
  'metrics.monitoringStopped': z.object({ reason: z.string().max(2000).nullable() }),
  'metrics.alertRaised': alertPayloadSchema,
  /** A raised alert's metric lost its data; the alert stays raised. */
  'metrics.alertDataLost': alertPayloadSchema,
  'metrics.alertCleared': alertPayloadSchema,
  'metrics.levelChanged': z.object({
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    fromCertain: z.boolean(),
    toCertain: z.boolean(),
    /** One sentence: which metrics, values, thresholds and queries. */
    reason: text,
    title: z.string().nullable(),
    verdict: z.string().nullable(),
    actions: z.array(z.string()),
    stepIds: z.array(z.string()),
    why: z.array(conditionEntrySchema),
    unknown: z.array(conditionEntrySchema),
  }),
  'metrics.gateDecided': z.object({
    gateId: z.string(),
    title: z.string(),
    decision: gateDecisionSchema,
    reason: z.string().max(4000).nullable(),
    /** The approver role this vote is for, on a gate that names its approvers (absent: the gate has none). */
    role: roleName.nullable().optional(),
    /** True when the person at the keyboard recorded it for an absent approver (a reason is then required). */
    onBehalf: z.boolean().optional(),
    /** What the console's criteria said at that moment (advice: the IC decides). */
    verdict: z.enum(['pass', 'fail', 'no-data', 'no-criteria']),
    /** Values, queries, verdicts and the last 15 minutes of every metric, taken by the console. */
    evidence: EvidenceSnapshotSchema,
  }),
  /** Who must say GO at a gate, set in the console (it replaces the roles the runbook names). */
  'metrics.gateApproversSet': z.object({
    gateId: z.string(),
    title: z.string(),
    roles: z.array(roleName).max(20),
    reason: z.string().max(2000).nullable(),
  }),
} as const;
