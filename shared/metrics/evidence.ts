// Evidence snapshot: what the metrics said when a GO / NO-GO or rollback decision was taken —
// each metric's value, status and query, and its series over the last 15 minutes — plus the gate's
// criteria and the decision level. It is stored in the event log with the decision, so it is plain
// JSON with a schema (±Inf, which JSON cannot carry, is written as a string).
import { z } from 'zod';
import type { DecisionEvaluation } from './decisionTree';
import type { GateEvaluation } from './gates';
import type { MetricInput } from './readings';
import { pointsSince } from './series';

export const EVIDENCE_WINDOW_MS = 15 * 60_000;
/** Series are thinned to at most this many points (15 min at 1 s polls fits whole). */
export const EVIDENCE_MAX_POINTS = 900;

const JsonNumberSchema = z.union([z.number(), z.literal('+Inf'), z.literal('-Inf'), z.null()]);
type JsonNumber = z.infer<typeof JsonNumberSchema>;

export const EvidenceMetricSchema = z.object({
  metricKey: z.string(),
  name: z.string(),
  source: z.enum(['prometheus', 'scrape', 'health']),
  query: z.string(),
  unit: z.string().nullable(),
  status: z.enum(['pending', 'ok', 'no-data', 'error', 'down', 'stale']),
  value: JsonNumberSchema,
  at: z.number().nullable(),
  ageMs: z.number().nullable(),
  message: z.string().nullable(),
  /** [ms since epoch, value or null for a gap], oldest first. */
  series: z.array(z.tuple([z.number(), JsonNumberSchema])),
});
export type EvidenceMetric = z.infer<typeof EvidenceMetricSchema>;

export const EvidenceCriterionSchema = z.object({
  thresholdId: z.string(),
  metric: z.string(),
  threshold: z.string(),
  value: JsonNumberSchema,
  unit: z.string().nullable(),
  query: z.string().nullable(),
  verdict: z.enum(['pass', 'fail', 'no-data']),
  reason: z.string(),
});

export const EvidenceSnapshotSchema = z.object({
  version: z.literal(1),
  takenAt: z.number(),
  windowMs: z.number(),
  metrics: z.array(EvidenceMetricSchema),
  gate: z
    .object({
      gateId: z.string(),
      title: z.string(),
      verdict: z.enum(['pass', 'fail', 'no-data', 'no-criteria']),
      criteria: z.array(EvidenceCriterionSchema),
    })
    .nullable(),
  decision: z
    .object({
      level: z.number().int().min(0),
      certain: z.boolean(),
      title: z.string().nullable(),
      why: z.array(z.string()),
      unknown: z.array(z.string()),
    })
    .nullable(),
});
export type EvidenceSnapshot = z.infer<typeof EvidenceSnapshotSchema>;

function jsonNumber(value: number | null): JsonNumber {
  if (value === null || Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return value;
}

/** Keeps every k-th point so at most `max` remain, always keeping the newest. */
function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const stride = Math.ceil(points.length / max);
  const kept = points.filter((_, index) => (points.length - 1 - index) % stride === 0);
  return kept;
}

export interface EvidenceInput {
  now: number;
  metrics: readonly MetricInput[];
  gate?: GateEvaluation | null;
  decision?: DecisionEvaluation | null;
  windowMs?: number;
  maxPoints?: number;
}

export function buildEvidenceSnapshot(input: EvidenceInput): EvidenceSnapshot {
  const windowMs = input.windowMs ?? EVIDENCE_WINDOW_MS;
  const since = input.now - windowMs;
  const metrics = input.metrics.map(({ state, series }): EvidenceMetric => ({
    metricKey: state.metricKey,
    name: state.name,
    source: state.source,
    query: state.query,
    unit: state.unit,
    status: state.status,
    value: jsonNumber(state.value),
    at: state.at,
    ageMs: state.ageMs,
    message: state.message,
    series: series ? thin(pointsSince(series, since), input.maxPoints ?? EVIDENCE_MAX_POINTS).map(([at, value]) => [at, jsonNumber(value)] as [number, JsonNumber]) : [],
  }));
  const gate = input.gate
    ? {
        gateId: input.gate.gateId,
        title: input.gate.title,
        verdict: input.gate.verdict,
        criteria: input.gate.criteria.map((c) => ({
          thresholdId: c.thresholdId,
          metric: c.metric,
          threshold: c.threshold,
          value: jsonNumber(c.value),
          unit: c.unit,
          query: c.query,
          verdict: c.verdict,
          reason: c.reason,
        })),
      }
    : null;
  const decision = input.decision
    ? {
        level: input.decision.level,
        certain: input.decision.certain,
        title: input.decision.title,
        why: input.decision.why.map((c) => c.verdict?.reason ?? c.text),
        unknown: input.decision.unknown.map((c) => c.verdict?.reason ?? c.text),
      }
    : null;
  return { version: 1, takenAt: input.now, windowMs, metrics, gate, decision };
}
