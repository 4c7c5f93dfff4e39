// Per-session metric settings: where metrics come from (sources) and which query answers each
// metric the runbook names (bindings). Parsed with zod wherever they cross a boundary (IPC, HTTP,
// front matter, an imported session), so a bad URL or query is refused with a message naming it.
import { z } from 'zod';
import type { MetricBinding } from '../runbook/model';
import { parseScrapeQuery } from './scrapeQuery';
import { METRIC_UNITS, normaliseUnit, type MetricUnit } from './units';

/** Default poll interval. The seed checks every 2 minutes by hand; a console can afford seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const MIN_POLL_INTERVAL_MS = 1_000;

// `URL` is a DOM/Node global, not ECMAScript, so shared/ checks the shape by hand: scheme, a host
// (name, IPv4 or [IPv6]), an optional port and path. The Node side resolves it with `URL` later.
const HTTP_URL = /^https?:\/\/(?:[A-Za-z0-9._~%-]+(?::[^@\s/]*)?@)?(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:[/?#][^\s]*)?$/;

export function isHttpUrl(text: string): boolean {
  return HTTP_URL.test(text);
}

export const HttpUrlSchema = z.string().trim().refine(isHttpUrl, { message: 'must be an http:// or https:// URL' });

/** A unit as written (`percent`, `count/s`, `MiB` …), stored canonically ('%', 'rps', 'MB' …). */
export const MetricUnitSchema = z.string().transform((text, ctx): MetricUnit => {
  const unit = normaliseUnit(text);
  if (unit === null) {
    ctx.addIssue({ code: 'custom', message: `unknown unit "${text}": use one of ${METRIC_UNITS.join(', ')} (or percent, count/s, MiB …)` });
    return z.NEVER;
  }
  return unit;
});

/**
 * An HTTP header whose value comes from one of the session's secrets, so the settings (which are
 * logged and exported) never hold the token itself: `Authorization: Bearer <PROM_TOKEN>`.
 */
export const AuthHeaderSchema = z.object({
  header: z.string().trim().min(1).regex(/^[A-Za-z0-9-]+$/, 'a header name has letters, digits and dashes only').default('Authorization'),
  secretName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a secret name looks like PROM_TOKEN'),
  /** Text before the secret in the header value. */
  prefix: z.string().default('Bearer '),
});
export type AuthHeader = z.infer<typeof AuthHeaderSchema>;

export const HttpSourceSchema = z.object({
  url: HttpUrlSchema,
  auth: AuthHeaderSchema.nullable().default(null),
});
export type HttpSource = z.infer<typeof HttpSourceSchema>;

export const HealthCheckSchema = HttpSourceSchema.extend({
  /** Shown in the panel, e.g. "API health". */
  name: z.string().trim().min(1),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

export const MetricSourceSettingsSchema = z.object({
  /** Prometheus server base URL (`http://prom:9090`), for `prometheus` bindings. */
  prometheus: HttpSourceSchema.nullable().default(null),
  /** Default `/metrics` endpoint for `scrape` bindings that give no URL of their own. */
  scrape: HttpSourceSchema.nullable().default(null),
  /** `curl -f`-like checks, each shown as a metric with its latency in ms. */
  healthChecks: z.array(HealthCheckSchema).default([]),
  pollIntervalMs: z.number().int().min(MIN_POLL_INTERVAL_MS).max(600_000).default(DEFAULT_POLL_INTERVAL_MS),
  /** Per-request timeout; null means the poll interval (a poll never overlaps the next one). */
  timeoutMs: z.number().int().min(100).max(60_000).nullable().default(null),
});
export type MetricSourceSettings = z.infer<typeof MetricSourceSettingsSchema>;

/** A binding as stored in a session; the same shape as the runbook model's `MetricBinding`. */
export const MetricBindingSchema = z
  .object({
    metricKey: z.string().regex(/^[a-z0-9_]+$/, 'a metric key is lower_snake_case, e.g. error_rate'),
    name: z.string().trim().min(1),
    source: z.enum(['prometheus', 'scrape', 'health']),
    query: z.string().trim().min(1, 'the query is empty'),
    unit: MetricUnitSchema.nullable().default(null),
    url: HttpUrlSchema.nullable().default(null),
  })
  .superRefine((binding, ctx) => {
    if (binding.source === 'scrape') {
      const parsed = parseScrapeQuery(binding.query);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['query'], message: `column ${parsed.error.column}: ${parsed.error.message}` });
    }
    if (binding.source === 'health' && !isHttpUrl(binding.query)) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'a health check binding gives the URL to check as its query' });
    }
  });

// The schema's output must stay assignable to the model's type, so front-matter bindings and
// session bindings are one thing.
type _BindingFitsModel = z.infer<typeof MetricBindingSchema> extends MetricBinding ? true : never;
const _bindingFitsModel: _BindingFitsModel = true;
void _bindingFitsModel;

/**
 * A decision-tree condition the runbook states in words ("Service completely down") answered by a
 * health check: the condition holds while the check fails (refused, timed out, non-2xx).
 */
export const ConditionBindingSchema = z.object({
  /** The decision level's id in the runbook, and the condition's text as written there. */
  levelId: z.string().min(1),
  condition: z.string().trim().min(1),
  /** The health check's metric key (`health_api`). */
  metricKey: z.string().regex(/^[a-z0-9_]+$/, 'a metric key is lower_snake_case, e.g. health_api'),
});
export type ConditionBinding = z.infer<typeof ConditionBindingSchema>;

export const MetricsConfigSchema = z
  .object({
    sources: MetricSourceSettingsSchema.default(() => MetricSourceSettingsSchema.parse({})),
    bindings: z.array(MetricBindingSchema).default([]),
    conditions: z.array(ConditionBindingSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.bindings.forEach((binding, index) => {
      if (seen.has(binding.metricKey)) {
        ctx.addIssue({ code: 'custom', path: ['bindings', index, 'metricKey'], message: `"${binding.metricKey}" is bound twice` });
      }
      seen.add(binding.metricKey);
      if (binding.source === 'prometheus' && !config.sources.prometheus) {
        ctx.addIssue({ code: 'custom', path: ['bindings', index, 'source'], message: 'no Prometheus URL is set for this session' });
      }
      if (binding.source === 'scrape' && !binding.url && !config.sources.scrape) {
        ctx.addIssue({ code: 'custom', path: ['bindings', index, 'url'], message: 'no /metrics URL: set one on the binding or in the sources' });
      }
    });
    const healthKeys = new Set(healthBindingsOf(config).map((b) => b.metricKey));
    const conditions = new Set<string>();
    config.conditions.forEach((binding, index) => {
      if (!healthKeys.has(binding.metricKey)) {
        ctx.addIssue({ code: 'custom', path: ['conditions', index, 'metricKey'], message: `"${binding.metricKey}" is not a health check of this session` });
      }
      const key = `${binding.levelId}\u0000${binding.condition}`;
      if (conditions.has(key)) ctx.addIssue({ code: 'custom', path: ['conditions', index], message: `"${binding.condition}" is bound twice` });
      conditions.add(key);
    });
  });
export type MetricsConfig = z.infer<typeof MetricsConfigSchema>;

/** Health checks from the source settings as bindings, so one poller reads everything. */
export function healthCheckBindings(settings: { healthChecks: readonly Pick<HealthCheck, 'name' | 'url'>[] }): MetricBinding[] {
  return settings.healthChecks.map((check) => ({
    metricKey: `health_${check.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'check'}`,
    name: check.name,
    source: 'health',
    query: check.url,
    unit: 'ms',
    url: check.url,
  }));
}

/** Every health check a config polls: bindings with a health source and the sources' checks. */
export function healthBindingsOf(config: { sources: { healthChecks: readonly Pick<HealthCheck, 'name' | 'url'>[] }; bindings: readonly MetricBinding[] }): MetricBinding[] {
  const own = config.bindings.filter((b) => b.source === 'health');
  return [...own, ...healthCheckBindings(config.sources).filter((h) => !own.some((b) => b.metricKey === h.metricKey))];
}

/** Key of the availability metric every health check adds beside its latency (`health_api_up`). */
export function availabilityKey(healthMetricKey: string): string {
  return `${healthMetricKey}_up`;
}

/**
 * A health check's availability as a value thresholds can compare: 100 % while it passes, 0 % while
 * it fails. The latency metric has no value while the check fails (that is not a number of ms), so
 * without this a failed check could only make conditions unknown, never make them hold.
 */
export function availabilityBinding(health: MetricBinding): MetricBinding {
  return { metricKey: availabilityKey(health.metricKey), name: `${health.name} up`, source: 'health', query: health.query, unit: '%', url: health.url };
}

/** Value of an auth header, or null when the secret is missing (the caller reports it). */
export function authHeaderValue(auth: AuthHeader, secret: string | undefined): string | null {
  return secret === undefined ? null : `${auth.prefix}${secret}`;
}
