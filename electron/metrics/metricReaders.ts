// Turns bindings into reads: a PromQL query against the session's Prometheus, a scrape query
// against a `/metrics` endpoint (scraped once per round however many bindings read it), or a
// health check. Every read ends in a `ReadOutcome`; nothing here throws into the poller.
import type { MetricBinding } from '../../shared/runbook/model';
import { authHeaderValue, type AuthHeader, type MetricSourceSettings } from '../../shared/metrics/bindings';
import { parseScrapeQuery, type ScrapeQuery } from '../../shared/metrics/scrapeQuery';
import type { HttpAnswer } from '../../shared/metrics/readings';
import type { SeriesPoint } from '../../shared/metrics/series';
import { checkHealth } from './healthCheck';
import type { FetchLike } from './http';
import { createPrometheusClient, type PrometheusClient } from './prometheusClient';
import { namesRead, windowOf } from './scrapeEvaluate';
import { ScrapeSource } from './scrapeSource';

/**
 * - `value`: a number, measured at `at`.
 * - `empty`: the source answered with nothing (shown as no data).
 * - `error`: the source refused the query, or the answer cannot be one number.
 * - `down`: a health check failed.
 * - `unreachable`: the source did not answer (the metric goes stale rather than erroring).
 */
export type ReadOutcome =
  | { kind: 'value'; value: number; at: number; http?: HttpAnswer; /** Said beside the value (a failed check's reason). */ message?: string }
  | { kind: 'empty'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'down'; message: string; latencyMs: number; at: number; http: HttpAnswer }
  | { kind: 'unreachable'; message: string };

export interface MetricReadersDeps {
  fetch?: FetchLike;
  /** A session secret by name (auth headers), or undefined when the session has none. */
  resolveSecret?: (name: string) => string | undefined;
  timeoutMs: number;
  /** Slack kept beyond a scrape query's window, so a window always has its first scrape. */
  scrapeSlackMs: number;
}

export interface MetricReaders {
  /** Reads every binding once (each scrape URL fetched once). */
  readRound(bindings: readonly MetricBinding[], now: number): Promise<Map<string, ReadOutcome>>;
  /** History from Prometheus for a binding, or null when it has none (scrape, health, errors). */
  backfill(binding: MetricBinding, startMs: number, endMs: number, stepMs: number): Promise<SeriesPoint[] | null>;
}

type Headers = { ok: true; headers: Record<string, string> } | { ok: false; message: string };

export function createMetricReaders(sources: MetricSourceSettings, bindings: readonly MetricBinding[], deps: MetricReadersDeps): MetricReaders {
  const resolveSecret = deps.resolveSecret ?? (() => undefined);
  const headersFor = (auth: AuthHeader | null): Headers => {
    if (!auth) return { ok: true, headers: {} };
    const value = authHeaderValue(auth, resolveSecret(auth.secretName));
    return value === null ? { ok: false, message: `the secret ${auth.secretName} for the ${auth.header} header is not set in this session` } : { ok: true, headers: { [auth.header]: value } };
  };

  let prometheusHeaders: Headers = { ok: true, headers: {} };
  const prometheus: PrometheusClient | null = sources.prometheus
    ? createPrometheusClient({ baseUrl: sources.prometheus.url, fetch: deps.fetch, timeoutMs: deps.timeoutMs, headers: () => (prometheusHeaders.ok ? prometheusHeaders.headers : {}) })
    : null;

  // Parse every scrape query once; a bad one stays an error on its own metric.
  const scrapeQueries = new Map<string, ScrapeQuery | string>();
  const queriesByUrl = new Map<string, ScrapeQuery[]>();
  for (const binding of bindings) {
    if (binding.source !== 'scrape') continue;
    const parsed = parseScrapeQuery(binding.query);
    scrapeQueries.set(binding.metricKey, parsed.ok ? parsed.query : `scrape query, column ${parsed.error.column}: ${parsed.error.message}`);
    const url = binding.url ?? sources.scrape?.url;
    if (url && parsed.ok) queriesByUrl.set(url, [...(queriesByUrl.get(url) ?? []), parsed.query]);
  }
  const scrapeGroups = new Map<string, { source: ScrapeSource; auth: AuthHeader | null }>();
  for (const [url, queries] of queriesByUrl) {
    const source = new ScrapeSource({
      url,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      retentionMs: Math.max(...queries.map(windowOf)) + deps.scrapeSlackMs,
      keepNames: new Set(queries.flatMap(namesRead)),
    });
    // The session's scrape auth goes to its own URL only, never to a binding's other host.
    scrapeGroups.set(url, { source, auth: url === sources.scrape?.url ? sources.scrape.auth : null });
  }

  async function readPrometheus(binding: MetricBinding, now: number): Promise<ReadOutcome> {
    if (!prometheus) return { kind: 'error', message: 'no Prometheus URL is set for this session' };
    if (!prometheusHeaders.ok) return { kind: 'error', message: prometheusHeaders.message };
    return prometheus.query(binding.query, now);
  }

  async function readHealth(binding: MetricBinding, now: number): Promise<ReadOutcome> {
    const url = binding.url ?? binding.query;
    const check = sources.healthChecks.find((c) => c.url === url);
    const headers = headersFor(check?.auth ?? null);
    if (!headers.ok) return { kind: 'error', message: headers.message };
    const result = await checkHealth(url, { fetch: deps.fetch, headers: headers.headers, timeoutMs: deps.timeoutMs });
    const http = { status: result.status, latencyMs: result.latencyMs };
    return result.up ? { kind: 'value', value: result.latencyMs, at: now, http } : { kind: 'down', message: result.message, latencyMs: result.latencyMs, at: now, http };
  }

  async function scrapeAll(now: number): Promise<Map<string, ReadOutcome | null>> {
    const failures = new Map<string, ReadOutcome | null>();
    await Promise.all(
      [...scrapeGroups.entries()].map(async ([url, group]) => {
        const headers = headersFor(group.auth);
        if (!headers.ok) {
          failures.set(url, { kind: 'error', message: headers.message });
          return;
        }
        const result = await group.source.scrape(now, headers.headers);
        failures.set(url, result.kind === 'ok' ? null : result);
      }),
    );
    return failures;
  }

  function readScrape(binding: MetricBinding, failures: Map<string, ReadOutcome | null>): ReadOutcome {
    const query = scrapeQueries.get(binding.metricKey);
    if (typeof query === 'string' || query === undefined) return { kind: 'error', message: query ?? 'not a scrape binding' };
    const url = binding.url ?? sources.scrape?.url;
    const group = url ? scrapeGroups.get(url) : undefined;
    if (!url || !group) return { kind: 'error', message: 'no /metrics URL: set one on the binding or in the sources' };
    const failure = failures.get(url);
    if (failure) return failure;
    return group.source.evaluate(query);
  }

  async function guarded(read: () => Promise<ReadOutcome> | ReadOutcome): Promise<ReadOutcome> {
    try {
      return await read();
    } catch (error) {
      return { kind: 'error', message: `internal error while reading: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  return {
    async readRound(round, now) {
      prometheusHeaders = headersFor(sources.prometheus?.auth ?? null);
      const failures = round.some((b) => b.source === 'scrape') ? await scrapeAll(now) : new Map<string, ReadOutcome | null>();
      const outcomes = await Promise.all(
        round.map((binding) =>
          guarded(() => {
            switch (binding.source) {
              case 'prometheus':
                return readPrometheus(binding, now);
              case 'health':
                return readHealth(binding, now);
              case 'scrape':
                return readScrape(binding, failures);
            }
          }),
        ),
      );
      return new Map(round.map((binding, index) => [binding.metricKey, outcomes[index]!]));
    },

    async backfill(binding, startMs, endMs, stepMs) {
      if (binding.source !== 'prometheus' || !prometheus) return null;
      prometheusHeaders = headersFor(sources.prometheus?.auth ?? null);
      if (!prometheusHeaders.ok) return null;
      try {
        const result = await prometheus.queryRange(binding.query, startMs, endMs, stepMs);
        return result.kind === 'series' ? result.points : null;
      } catch {
        return null;
      }
    },
  };
}
