// The direct `/metrics` scraper (no Prometheus) against the prom-client test service.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';
import type { MetricBinding } from '../../../shared/runbook/model';
import { MetricsPoller } from '../../../electron/metrics/poller';
import { testSources } from '../../../electron/metrics/testConnection';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { near, waitUntil } from '../../support/promWait';

let service: MetricsService;
const pollers: MetricsPoller[] = [];

beforeAll(async () => {
  service = await startMetricsService();
  service.startLoad(50);
});

afterAll(async () => {
  await service?.stop();
});

afterEach(() => {
  for (const p of pollers.splice(0)) p.dispose();
});

function scrapeBinding(metricKey: string, query: string, unit: string): MetricBinding {
  return { metricKey, name: metricKey, source: 'scrape', query, unit, url: null };
}

async function scraping(bindings: MetricBinding[]): Promise<MetricsPoller> {
  const poller = new MetricsPoller({ sources: MetricSourceSettingsSchema.parse({ scrape: { url: service.metricsUrl }, pollIntervalMs: 1000 }), bindings });
  pollers.push(poller);
  await poller.start();
  return poller;
}

describe('direct /metrics scraping', () => {
  it('computes rate, ratio, quantile and plain series from successive scrapes', async () => {
    service.set({ errorRate: 0.1, latencyMs: 800, cpuPercent: 61 });
    const poller = await scraping([
      scrapeBinding('request_rate', 'rate(dashboard_requests_total[5s])', 'rps'),
      scrapeBinding('error_rate', 'ratio(dashboard_errors_total, dashboard_requests_total[5s])', '%'),
      scrapeBinding('p95_latency', 'quantile(0.95, dashboard_request_duration_ms_bucket[5s])', 'ms'),
      scrapeBinding('cpu_usage', 'dashboard_cpu_usage_percent', '%'),
      scrapeBinding('server_errors', 'rate(dashboard_requests_total{code="500"}[5s])', 'rps'),
    ]);
    // The first poll has a single scrape: rates need two, and say so rather than show 0.
    expect(poller.state('request_rate')).toMatchObject({ status: 'no-data', message: expect.stringContaining('rate needs two scrapes') });
    expect(poller.state('cpu_usage')).toMatchObject({ status: 'ok', value: 61 });
    // 800 ms sits in (750, 1000]: 750 + 250 × 0.95 — the same interpolation as histogram_quantile.
    await waitUntil(() => near(poller.state('p95_latency')?.value, 987.5), 'p95 at 987.5 ms', 30_000);
    await waitUntil(() => Math.abs((poller.state('error_rate')?.value ?? 0) - 10) < 1, 'error rate near 10 %', 30_000);
    const rate = poller.state('request_rate')!.value!;
    expect(rate).toBeGreaterThan(5);
    expect(rate).toBeLessThan(80);
    const serverErrors = poller.state('server_errors')!.value!;
    expect(serverErrors / rate).toBeCloseTo(0.1, 1);
  }, 60_000);

  it('a scrape query naming a missing series is no data; a malformed one is an error on that metric only', async () => {
    const poller = await scraping([
      scrapeBinding('cpu_usage', 'dashboard_cpu_usage_percent', '%'),
      scrapeBinding('missing', 'dashboard_nope_total', 'count'),
      scrapeBinding('malformed', 'rate(dashboard_requests_total[5 s])', 'rps'),
    ]);
    expect(poller.state('missing')).toMatchObject({ status: 'no-data', message: 'no series matches dashboard_nope_total' });
    expect(poller.state('malformed')).toMatchObject({ status: 'error', message: 'scrape query, column 30: bad window "[5 s]": write e.g. [30s], [1m] or [500ms]' });
    expect(poller.state('cpu_usage')!.status).toBe('ok');
  });

  it('an endpoint that stops answering goes stale, and resumes', async () => {
    const poller = await scraping([scrapeBinding('cpu_usage', 'dashboard_cpu_usage_percent', '%')]);
    service.set({ metricsUp: false });
    try {
      await waitUntil(() => poller.state('cpu_usage')?.status === 'stale', 'cpu stale', 30_000);
      expect(poller.state('cpu_usage')!.message).toMatch(/^no answer for \d+ s: HTTP 503/);
    } finally {
      service.set({ metricsUp: true });
    }
    await waitUntil(() => poller.state('cpu_usage')?.status === 'ok', 'cpu ok again', 30_000);
  }, 60_000);

  it('"test connection" reports the scrape endpoint and health check', async () => {
    const results = await testSources(MetricSourceSettingsSchema.parse({ scrape: { url: service.metricsUrl }, healthChecks: [{ name: 'API health', url: service.healthUrl }] }));
    expect(results).toEqual([
      { source: 'scrape', url: service.metricsUrl, ok: true, message: expect.stringMatching(/^\d+ samples in the Prometheus text format$/), latencyMs: null },
      { source: 'health', url: service.healthUrl, ok: true, message: 'API health: HTTP 200 OK', latencyMs: expect.any(Number) },
    ]);
  });
});
