// HTTP health checks like the seed's `curl -f …/api/health`: up, down, slow, unreachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';
import { checkHealth } from '../../../electron/metrics/healthCheck';
import { MetricsPoller } from '../../../electron/metrics/poller';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { freePort } from '../../support/prometheus';

let service: MetricsService;

beforeAll(async () => {
  service = await startMetricsService();
});

afterAll(async () => {
  await service?.stop();
});

describe('health checks', () => {
  it('up: 2xx with its latency', async () => {
    service.set({ up: true, healthDelayMs: 0 });
    expect(await checkHealth(service.healthUrl, { timeoutMs: 5000 })).toMatchObject({ up: true, status: 200, message: 'HTTP 200 OK', latencyMs: expect.any(Number) });
  });

  it('down: any status outside 2xx fails, as curl -f does', async () => {
    service.set({ up: false });
    try {
      expect(await checkHealth(service.healthUrl, { timeoutMs: 5000 })).toMatchObject({ up: false, status: 503, message: 'HTTP 503 Service Unavailable (curl -f fails on any status outside 2xx)' });
    } finally {
      service.set({ up: true });
    }
  });

  it('slow: the latency shows the delay; past the timeout it is down', async () => {
    service.set({ healthDelayMs: 300 });
    try {
      const slow = await checkHealth(service.healthUrl, { timeoutMs: 5000 });
      expect(slow.up).toBe(true);
      expect(slow.latencyMs).toBeGreaterThanOrEqual(300);
      expect(await checkHealth(service.healthUrl, { timeoutMs: 100 })).toMatchObject({ up: false, status: null, message: 'no answer within 100 ms' });
    } finally {
      service.set({ healthDelayMs: 0 });
    }
  });

  it('unreachable: connection refused is down with the reason', async () => {
    const port = await freePort();
    expect(await checkHealth(`http://127.0.0.1:${port}/api/health`, { timeoutMs: 2000 })).toMatchObject({ up: false, status: null, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('as polled metrics: latency in ms when up, "down" with the reason when not — never a value', async () => {
    const poller = new MetricsPoller({
      sources: MetricSourceSettingsSchema.parse({ healthChecks: [{ name: 'API health', url: service.healthUrl }], pollIntervalMs: 1000 }),
      bindings: [],
    });
    try {
      await poller.start();
      expect(poller.state('health_api_health')).toMatchObject({ status: 'ok', unit: 'ms', value: expect.any(Number) });
      service.set({ up: false });
      await poller.pollNow();
      expect(poller.state('health_api_health')).toMatchObject({ status: 'down', value: null, message: expect.stringContaining('HTTP 503') });
    } finally {
      service.set({ up: true });
      poller.dispose();
    }
  });
});
