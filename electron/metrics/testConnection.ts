// The settings' "test connection" button: tries each configured source once and says, in words,
// what answered and what did not.
import { authHeaderValue, type AuthHeader, type MetricSourceSettings } from '../../shared/metrics/bindings';
import { checkHealth } from './healthCheck';
import type { FetchLike } from './http';
import { createPrometheusClient } from './prometheusClient';
import { ScrapeSource } from './scrapeSource';

export interface SourceTest {
  source: 'prometheus' | 'scrape' | 'health';
  /** The URL tried. */
  url: string;
  ok: boolean;
  message: string;
  latencyMs: number | null;
}

export interface TestConnectionDeps {
  fetch?: FetchLike;
  resolveSecret?: (name: string) => string | undefined;
  timeoutMs?: number;
  now?: () => number;
}

export async function testSources(settings: MetricSourceSettings, deps: TestConnectionDeps = {}): Promise<SourceTest[]> {
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const headersFor = (auth: AuthHeader | null): Record<string, string> | string => {
    if (!auth) return {};
    const value = authHeaderValue(auth, deps.resolveSecret?.(auth.secretName));
    return value === null ? `the secret ${auth.secretName} is not set in this session` : { [auth.header]: value };
  };
  const tests: Array<Promise<SourceTest>> = [];

  if (settings.prometheus) {
    const { url, auth } = settings.prometheus;
    const headers = headersFor(auth);
    tests.push(
      typeof headers === 'string'
        ? Promise.resolve({ source: 'prometheus', url, ok: false, message: headers, latencyMs: null })
        : createPrometheusClient({ baseUrl: url, fetch: deps.fetch, headers, timeoutMs })
            .testConnection()
            .then((result) => ({ source: 'prometheus', url, ok: result.ok, message: result.message, latencyMs: result.latencyMs })),
    );
  }
  if (settings.scrape) {
    const { url, auth } = settings.scrape;
    const headers = headersFor(auth);
    const source = new ScrapeSource({ url, fetch: deps.fetch, timeoutMs, retentionMs: 0 });
    tests.push(
      typeof headers === 'string'
        ? Promise.resolve({ source: 'scrape', url, ok: false, message: headers, latencyMs: null })
        : source.scrape((deps.now ?? Date.now)(), headers).then((result) => ({
            source: 'scrape',
            url,
            ok: result.kind === 'ok',
            message: result.kind === 'ok' ? `${result.samples} samples in the Prometheus text format` : result.message,
            latencyMs: null,
          })),
    );
  }
  for (const check of settings.healthChecks) {
    const headers = headersFor(check.auth);
    tests.push(
      typeof headers === 'string'
        ? Promise.resolve({ source: 'health', url: check.url, ok: false, message: headers, latencyMs: null })
        : checkHealth(check.url, { fetch: deps.fetch, headers, timeoutMs }).then((result) => ({
            source: 'health',
            url: check.url,
            ok: result.up,
            message: `${check.name}: ${result.message}`,
            latencyMs: result.latencyMs,
          })),
    );
  }
  return Promise.all(tests);
}
