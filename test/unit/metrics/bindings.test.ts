import { describe, expect, it } from 'vitest';
import { healthCheckBindings, MetricBindingSchema, MetricsConfigSchema, MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';

function issues(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
}

describe('metric settings and bindings (zod)', () => {
  it('fills defaults for a session with only a Prometheus URL', () => {
    expect(MetricSourceSettingsSchema.parse({ prometheus: { url: 'http://prom:9090' } })).toEqual({
      prometheus: { url: 'http://prom:9090', auth: null },
      scrape: null,
      healthChecks: [],
      pollIntervalMs: 5000,
      timeoutMs: null,
    });
  });

  it('keeps auth as a reference to a secret, never the token', () => {
    const settings = MetricSourceSettingsSchema.parse({ prometheus: { url: 'https://prom.example:9090', auth: { secretName: 'PROM_TOKEN' } } });
    expect(settings.prometheus!.auth).toEqual({ header: 'Authorization', secretName: 'PROM_TOKEN', prefix: 'Bearer ' });
    expect(issues(MetricSourceSettingsSchema.safeParse({ prometheus: { url: 'http://p', auth: { secretName: 'Bearer abc123' } } }))).toEqual(['prometheus.auth.secretName: a secret name looks like PROM_TOKEN']);
  });

  it('refuses URLs that are not http(s) and poll intervals under a second', () => {
    expect(issues(MetricSourceSettingsSchema.safeParse({ scrape: { url: 'ftp://x/metrics' }, pollIntervalMs: 200 }))).toEqual([
      'scrape.url: must be an http:// or https:// URL',
      'pollIntervalMs: Too small: expected number to be >=1000',
    ]);
  });

  it('normalises units as written and refuses unknown ones', () => {
    const base = { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'x' };
    expect(MetricBindingSchema.parse({ ...base, unit: 'percent' })).toMatchObject({ unit: '%', url: null });
    expect(MetricBindingSchema.parse({ ...base, unit: 'count/s' }).unit).toBe('rps');
    expect(issues(MetricBindingSchema.safeParse({ ...base, unit: 'parsecs' }))[0]).toContain('unknown unit "parsecs"');
  });

  it('checks a scrape query with the scrape parser, naming the column', () => {
    const result = MetricBindingSchema.safeParse({ metricKey: 'error_rate', name: 'Error rate', source: 'scrape', query: 'ratio(a_total b_total)' });
    expect(issues(result)).toEqual(['query: column 15: expected ",", found "b_total"']);
  });

  it('refuses a binding whose source is not configured, and a metric bound twice', () => {
    const result = MetricsConfigSchema.safeParse({
      bindings: [
        { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'x' },
        { metricKey: 'error_rate', name: 'Errors', source: 'scrape', query: 'y' },
      ],
    });
    expect(issues(result)).toEqual([
      'bindings.0.source: no Prometheus URL is set for this session',
      'bindings.1.metricKey: "error_rate" is bound twice',
      'bindings.1.url: no /metrics URL: set one on the binding or in the sources',
    ]);
  });

  it('turns health checks into bindings with a latency in ms', () => {
    const settings = MetricSourceSettingsSchema.parse({ healthChecks: [{ name: 'API health', url: 'http://prod.api.com/api/health' }] });
    expect(healthCheckBindings(settings)).toEqual([{ metricKey: 'health_api_health', name: 'API health', source: 'health', query: 'http://prod.api.com/api/health', unit: 'ms', url: 'http://prod.api.com/api/health' }]);
  });
});
