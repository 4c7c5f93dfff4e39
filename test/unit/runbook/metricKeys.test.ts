// Which series a threshold is about decides what it is bound to: two names share a key only when
// they name the same series (issue 15: "Auth Error Rate" is not "Error Rate").
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { metricKeyOf } from '../../../shared/runbook/metricKeys';

describe('metric keys', () => {
  it('gives the same key to the ways runbooks write one series', () => {
    for (const name of ['Error rate', 'Error Rates', 'error rate %', 'HTTP 5xx errors', 'Overall error rate', 'Error rate during failover', 'Verify: Error rate'])
      expect(metricKeyOf(name), name).toBe('error_rate');
    for (const name of ['p95 latency', 'P95 Latency (ms)', 'API latency p95', 'Latency: P95', 'response time p95'])
      expect(metricKeyOf(name), name).toBe('p95_latency');
    expect(metricKeyOf('Active DB connections')).toBe('db_connections');
    expect(metricKeyOf('Total requests/sec')).toBe('request_rate');
    expect(metricKeyOf('Disk space')).toBe('disk_usage');
  });

  it('keeps a qualified series apart from the generic one', () => {
    expect(metricKeyOf('Auth Error Rate')).toBe('auth_error_rate');
    expect(metricKeyOf('Checkout error rate')).toBe('checkout_error_rate');
    expect(metricKeyOf('Payment failure rate')).toBe('payment_failure_rate');
    expect(metricKeyOf('Error budget burn')).toBe('error_budget_burn');
    expect(metricKeyOf('Error budget burn during cutover')).toBe('error_budget_burn');
    expect(metricKeyOf('Write latency p95')).toBe('write_latency_p95');
  });

  it('reads a Prometheus series name next to its label loosely', () => {
    expect(metricKeyOf('Latency dashboard request duration ms p95', { loose: true })).toBe('p95_latency');
  });

  it('an imported runbook binds "Auth Error Rate" and "Error rate" to different series', () => {
    const runbook = importMarkdown('# Launch\n\n## Targets\n\n- Auth Error Rate < 1%\n- Error rate < 2%\n- Write latency p95 < 50ms\n- API latency p95 < 300ms\n', 'keys.md');
    expect(runbook.thresholds.map((t) => [t.metric, t.metricKey])).toEqual([
      ['Auth Error Rate', 'auth_error_rate'],
      ['Error rate', 'error_rate'],
      ['Write latency p95', 'write_latency_p95'],
      ['API latency p95', 'p95_latency'],
    ]);
  });
});
