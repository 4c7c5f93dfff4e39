// Shared set-up of the Prometheus integration tests: the PromQL bindings of the seed's metrics
// against the test service, and a poller + monitor over them.
import { MetricSourceSettingsSchema } from '../../../shared/metrics/bindings';
import type { MetricBinding } from '../../../shared/runbook/model';
import { MetricsMonitor, type MonitorRunbook } from '../../../electron/metrics/monitor';
import { MetricsPoller } from '../../../electron/metrics/poller';

export const QUERIES = {
  error_rate: '100 * sum(rate(dashboard_errors_total[5s])) / sum(rate(dashboard_requests_total[5s]))',
  p95_latency: 'histogram_quantile(0.95, sum by (le) (rate(dashboard_request_duration_ms_bucket[10s])))',
  request_rate: 'sum(rate(dashboard_requests_total[5s]))',
  cpu_usage: 'max(dashboard_cpu_usage_percent)',
  memory_usage: 'max(dashboard_memory_usage_percent)',
  nothing: 'sum(rate(dashboard_does_not_exist_total[5s]))',
  broken: 'sum(rate(dashboard_requests_total[5s])',
} as const;

const UNITS: Record<keyof typeof QUERIES, string> = { error_rate: '%', p95_latency: 'ms', request_rate: 'rps', cpu_usage: '%', memory_usage: '%', nothing: 'rps', broken: 'rps' };

export function promBindings(...keys: Array<keyof typeof QUERIES>): MetricBinding[] {
  return keys.map((key) => ({ metricKey: key, name: key, source: 'prometheus', query: QUERIES[key], unit: UNITS[key], url: null }));
}

export interface Watch {
  poller: MetricsPoller;
  monitor: MetricsMonitor;
  errors: string[];
}

export function watch(prometheusUrl: string, bindings: MetricBinding[], runbook: MonitorRunbook, options: { clearAfterMs?: number; backfillMs?: number } = {}): Watch {
  const poller = new MetricsPoller({
    sources: MetricSourceSettingsSchema.parse({ prometheus: { url: prometheusUrl }, pollIntervalMs: 1000 }),
    bindings,
    backfillMs: options.backfillMs ?? 60_000,
  });
  const errors: string[] = [];
  poller.on('error', ({ message }) => errors.push(message));
  const monitor = new MetricsMonitor(runbook, poller, { clearAfterMs: options.clearAfterMs ?? 3000 });
  return { poller, monitor, errors };
}
