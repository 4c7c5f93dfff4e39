// Live metrics, alerts, the decision tree and gates (GO / HOLD / ROLLBACK, per approver). Reads are open to viewers (the
// war-room display); configuring, testing sources, starting / stopping and deciding are writes.
import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { alertSeveritySchema, conditionEntrySchema, gateDecisionSchema, gateVoteSchema, JsonNumberSchema } from '../log/metricsEvents';
import { ConditionBindingSchema, MetricBindingSchema, MetricsConfigSchema, MetricSourceSettingsSchema } from '../metrics/bindings';
import { EvidenceSnapshotSchema } from '../metrics/evidence';
import { committedSchema } from './checklist';
import { defineCall, defineEvent } from './define';
import { sessionIdSchema } from './sessions';

/** Chart ranges the panel offers: 15 min … 3 h (what the poller keeps). */
export const METRICS_RANGES_MS = [15 * 60_000, 30 * 60_000, 60 * 60_000, 3 * 60 * 60_000] as const;
export const MIN_RANGE_MS = METRICS_RANGES_MS[0];
export const MAX_RANGE_MS = METRICS_RANGES_MS[3];

const metricBindingViewSchema = z.object({
  metricKey: z.string(),
  name: z.string(),
  source: z.enum(['prometheus', 'scrape', 'health']),
  query: z.string(),
  unit: z.string().nullable(),
  url: z.string().nullable(),
});

export const bindingSuggestionSchema = z.object({
  binding: metricBindingViewSchema,
  basis: z.enum(['front-matter', 'runbook-name', 'derived', 'convention']),
  /** Where it comes from, for the IC to check (`line 265: Error rate: dashboard_errors_total`). */
  evidence: z.string(),
  alternatives: z.array(z.string()),
});

export const unboundMetricSchema = z.object({ metricKey: z.string(), name: z.string(), thresholdIds: z.array(z.string()) });

/** One [time (ms since epoch), value or null for a gap] pair, oldest first. */
export const seriesPointSchema = z.tuple([z.number(), z.number().nullable()]);

export const metricStatusSchema = z.enum(['pending', 'ok', 'no-data', 'error', 'down', 'stale']);

export const thresholdVerdictViewSchema = z.object({
  thresholdId: z.string(),
  state: z.enum(['ok', 'pending', 'breach', 'unknown']),
  /** Value in the threshold's unit. */
  value: JsonNumberSchema,
  breachSince: z.number().nullable(),
  sustainedMs: z.number().nullable(),
  reason: z.string(),
});
export type ThresholdVerdictView = z.infer<typeof thresholdVerdictViewSchema>;

/** A metric's state now, as the panel shows it (the series travels separately). */
export const metricLiveSchema = z.object({
  metricKey: z.string(),
  name: z.string(),
  source: z.enum(['prometheus', 'scrape', 'health']),
  query: z.string(),
  unit: z.string().nullable(),
  status: metricStatusSchema,
  value: JsonNumberSchema,
  /** When the value was measured, and how old it was when this was sent. */
  at: z.number().nullable(),
  ageMs: z.number().nullable(),
  /** The source's own words: Prometheus' error, "the query returned no series", "no answer for 12 s". */
  message: z.string().nullable(),
  /** Since when the status is what it is (stale: since the source last answered); null when not known. */
  statusSince: z.number().nullable(),
  verdicts: z.array(thresholdVerdictViewSchema),
  /** Health checks: the last answer's HTTP status (null when refused or timed out) and response time in ms. */
  http: z.object({ status: z.number().int().nullable(), latencyMs: z.number() }).nullish(),
});
export type MetricLive = z.infer<typeof metricLiveSchema>;

export const decisionViewSchema = z.object({
  level: z.number().int().min(0),
  certain: z.boolean(),
  since: z.number(),
  /** Why a lower evaluated level is not taken yet (hysteresis, lost data), or null. */
  holding: z.string().nullable(),
  title: z.string().nullable(),
  verdict: z.string().nullable(),
  /** What the runbook prescribes at this level, and its rollback steps. */
  actions: z.array(z.string()),
  stepIds: z.array(z.string()),
  why: z.array(conditionEntrySchema),
  unknown: z.array(conditionEntrySchema),
  pending: z.array(conditionEntrySchema),
  /** One sentence, as logged on a change. */
  explanation: z.string(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

export const alertViewSchema = z.object({
  thresholdId: z.string(),
  severity: alertSeveritySchema,
  metricKey: z.string(),
  metric: z.string(),
  threshold: z.string(),
  value: JsonNumberSchema,
  unit: z.string().nullable(),
  query: z.string().nullable(),
  since: z.number(),
  dataLost: z.boolean(),
  action: z.string().nullable(),
  reason: z.string(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const gateCriterionViewSchema = z.object({
  thresholdId: z.string(),
  metricKey: z.string(),
  metric: z.string(),
  threshold: z.string(),
  value: JsonNumberSchema,
  unit: z.string().nullable(),
  query: z.string().nullable(),
  at: z.number().nullable(),
  verdict: z.enum(['pass', 'fail', 'no-data']),
  reason: z.string(),
});

export const gateEvaluationViewSchema = z.object({
  gateId: z.string(),
  title: z.string(),
  at: z.number(),
  verdict: z.enum(['pass', 'fail', 'no-data', 'no-criteria']),
  criteria: z.array(gateCriterionViewSchema),
  notes: z.array(z.string()),
  goText: z.string().nullable(),
  noGoText: z.string().nullable(),
});
export type GateEvaluationView = z.infer<typeof gateEvaluationViewSchema>;

export const gateDecisionViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: actorSchema,
  gateId: z.string(),
  title: z.string(),
  decision: gateDecisionSchema,
  reason: z.string().nullable(),
  role: z.string().nullable(),
  onBehalf: z.boolean(),
  verdict: z.enum(['pass', 'fail', 'no-data', 'no-criteria']),
  evidence: EvidenceSnapshotSchema,
});

/** `live`: from the running monitor; `one-shot`: monitoring is off, the sources were read once for this answer. */
const readingSchema = z.enum(['live', 'one-shot']);

const sessionInput = z.object({ sessionId: sessionIdSchema }).strict();
const reasonText = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((value) => value || null);

export const metricsCalls = {
  getMetricsConfig: defineCall({
    summary:
      "The session's metric settings in force, a draft to start from (front matter and suggestions from the runbook's names), every suggestion with its evidence, and the metrics no binding answers. Decision-tree conditions bound to a health check are in `conditions`.",
    access: 'read',
    input: sessionInput,
    result: z.object({
      config: MetricsConfigSchema.nullable(),
      /** What the settings form starts from: the config in force, else the runbook's suggestions (it may still lack a source URL). */
      draft: z.object({ sources: MetricSourceSettingsSchema, bindings: z.array(metricBindingViewSchema), conditions: z.array(ConditionBindingSchema) }),
      suggestions: z.array(bindingSuggestionSchema),
      /** Metrics with thresholds that the config in force (or the draft, when none) leaves unbound. */
      unbound: z.array(unboundMetricSchema),
      /** Secrets the auth headers name, and where their value would come from (never the value). */
      secrets: z.array(z.object({ name: z.string(), source: z.string().nullable() })),
      monitoring: z.boolean(),
    }),
  }),
  setMetricsConfig: defineCall({
    summary: "Set the session's metric sources and bindings (logged; secret names only). A running monitor restarts with them.",
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        actor: actorSchema,
        config: MetricsConfigSchema,
        /** Metric keys whose binding was accepted as suggested. */
        fromSuggestions: z.array(z.string().max(200)).max(500).default([]),
      })
      .strict(),
    result: committedSchema,
  }),
  testMetricsSources: defineCall({
    summary: 'Test connection: try each source once (Prometheus version, /metrics scrape, health checks) and read each given binding once.',
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        sources: MetricSourceSettingsSchema,
        bindings: z.array(MetricBindingSchema).max(200).default([]),
      })
      .strict(),
    result: z.object({
      sources: z.array(
        z.object({ source: z.enum(['prometheus', 'scrape', 'health']), url: z.string(), ok: z.boolean(), message: z.string(), latencyMs: z.number().nullable() }),
      ),
      bindings: z.array(z.object({ metricKey: z.string(), status: metricStatusSchema, value: JsonNumberSchema, unit: z.string().nullable(), message: z.string().nullable() })),
    }),
  }),
  startMonitoring: defineCall({
    summary: "Start watching the session's metrics (logged). Alerts, level changes and gate evidence come from it.",
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema, actor: actorSchema }).strict(),
    result: committedSchema,
  }),
  stopMonitoring: defineCall({
    summary: 'Stop watching the metrics (logged, with an optional reason). Active alerts end with it.',
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema, actor: actorSchema, reason: reasonText }).strict(),
    result: committedSchema,
  }),
  getMetricsSnapshot: defineCall({
    summary:
      'The metrics panel: per metric its current value, status (stale with its age, no data, error with the source message), threshold verdicts and its series over the range (15 min … 3 h); the decision level and active alerts.',
    access: 'read',
    input: z
      .object({
        sessionId: sessionIdSchema,
        rangeMs: z.number().int().min(MIN_RANGE_MS).max(MAX_RANGE_MS).default(MIN_RANGE_MS),
        /** Series are thinned to at most this many points (the newest always kept). */
        maxPoints: z.number().int().min(100).max(20_000).default(3_600),
      })
      .strict(),
    result: z.object({
      monitoring: z.boolean(),
      /** Changes each time monitoring (re)starts: a pushed update with another run id means "fetch again". */
      runId: z.string().nullable(),
      at: z.number(),
      pollIntervalMs: z.number().nullable(),
      rangeMs: z.number(),
      metrics: z.array(metricLiveSchema.extend({ series: z.array(seriesPointSchema) })),
      decision: decisionViewSchema.nullable(),
      alerts: z.array(alertViewSchema),
    }),
  }),
  getDecision: defineCall({
    summary: 'The decision level now: why (metrics, values, thresholds, queries), what the runbook prescribes, its rollback steps, and the active alerts.',
    access: 'read',
    input: sessionInput,
    result: z.object({ monitoring: z.boolean(), decision: decisionViewSchema.nullable(), alerts: z.array(alertViewSchema) }),
  }),
  evaluateGate: defineCall({
    summary: "A gate's criteria with live values and verdicts (pass / fail / no data — never a pass without data), and its decision if taken.",
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema, gateId: z.string().min(1).max(200) }).strict(),
    result: z.object({ evaluation: gateEvaluationViewSchema, reading: readingSchema, decision: gateDecisionViewSchema.nullable() }),
  }),
  decideGate: defineCall({
    summary:
      'Record GO, HOLD (not yet: re-evaluate) or ROLLBACK at a gate — again as often as needed, the latest counts. On a gate with approvers, the vote is for one role (recording it for an absent approver needs a reason and is logged as such). HOLD and ROLLBACK need a reason. The console takes the evidence snapshot (values, queries, verdicts, 15 min of series) and logs it with the decision.',
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        actor: actorSchema,
        gateId: z.string().min(1).max(200),
        decision: gateVoteSchema,
        reason: reasonText,
        /** The approver role voted for; required on a gate with approvers, refused on one without. */
        role: z.string().trim().min(1).max(120).nullish().transform((value) => value ?? null),
        /** The person at the keyboard records the vote of an absent approver. */
        onBehalf: z.boolean().default(false),
      })
      .strict()
      .superRefine((input, ctx) => {
        if (input.decision !== 'GO' && !input.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `a ${input.decision} needs a reason` });
        if (input.onBehalf && !input.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a vote recorded for an absent approver needs a reason' });
        if (input.onBehalf && !input.role) ctx.addIssue({ code: 'custom', path: ['role'], message: 'say which approver the vote is recorded for' });
      }),
    result: committedSchema.extend({ verdict: z.enum(['pass', 'fail', 'no-data', 'no-criteria']), reading: readingSchema }),
  }),
  setGateApprovers: defineCall({
    summary: "Set who must say GO at a gate (logged; replaces the roles the runbook names). An empty list leaves the decision to the IC alone.",
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        actor: actorSchema,
        gateId: z.string().min(1).max(200),
        roles: z.array(z.string().trim().min(1).max(120)).max(20),
        reason: reasonText,
      })
      .strict()
      .superRefine((input, ctx) => {
        const seen = new Set<string>();
        input.roles.forEach((role, index) => {
          if (seen.has(role.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['roles', index], message: `"${role}" is listed twice` });
          seen.add(role.toLowerCase());
        });
      }),
    result: committedSchema,
  }),
};

export const metricsUpdateSchema = z.object({
  sessionId: z.string(),
  runId: z.string(),
  at: z.number(),
  pollIntervalMs: z.number(),
  metrics: z.array(metricLiveSchema.extend({ points: z.array(seriesPointSchema) })),
  decision: decisionViewSchema,
  alerts: z.array(alertViewSchema),
});
export type MetricsUpdate = z.infer<typeof metricsUpdateSchema>;

export const metricsEvents = {
  'metrics.update': defineEvent({
    summary: 'After each poll of a monitored session: every metric state with its new points, the decision level and the active alerts.',
    payload: metricsUpdateSchema,
  }),
};
