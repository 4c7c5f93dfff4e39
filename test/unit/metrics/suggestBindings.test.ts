import { describe, expect, it } from 'vitest';
import { MetricBindingSchema } from '../../../shared/metrics/bindings';
import { findNamedSeries, suggestBindings, unboundMetrics } from '../../../shared/metrics/suggestBindings';
import type { ChecklistItem, ReferenceBlock } from '../../../shared/runbook/model';
import { runbookWith, seedLikeThresholds, threshold } from '../../support/promFixtures';

function bullet(text: string, line: number): ChecklistItem {
  return { id: `item-${line}`, sectionId: 'canary', parentId: null, depth: 0, label: text, text, detail: '', checkedInSource: false, role: null, signOff: false, style: 'bullet', line, column: 1 };
}

// The seed's "Monitoring Points" as an importer may keep them: bullets with the code markup gone…
const seedBullets = [bullet('Error rate: dashboard_errors_total', 262), bullet('Latency: dashboard_request_duration_ms_p95', 263), bullet('Throughput: dashboard_requests_total', 264)];
// …or as prose with the backticks kept.
const seedProse: ReferenceBlock = {
  id: 'ref-1',
  sectionId: 'canary',
  lang: 'text',
  text: '**Monitoring Points**:\n- Error rate: `dashboard_errors_total`\n- Latency: `dashboard_request_duration_ms_p95`\n- Throughput: `dashboard_requests_total`',
  line: 261,
  column: 1,
  endLine: 264,
};

describe('binding suggestions', () => {
  it.each([
    ['bullets without code markup', { checklistItems: seedBullets }],
    ['prose with backticks', { references: [seedProse] }],
  ])('finds the seed names under Monitoring Points (%s)', (_form, parts) => {
    const runbook = runbookWith({ ...parts, thresholds: seedLikeThresholds() });
    expect(findNamedSeries(runbook).map((s) => [s.metricKey, s.name, s.line])).toEqual([
      ['error_rate', 'dashboard_errors_total', 262],
      ['p95_latency', 'dashboard_request_duration_ms_p95', 263],
      ['request_rate', 'dashboard_requests_total', 264],
    ]);
  });

  it('writes PromQL from the names: error rate as a percent of counter rates, p95 as the series with the histogram as alternative', () => {
    const suggestions = suggestBindings(runbookWith({ checklistItems: seedBullets, thresholds: seedLikeThresholds() }));
    const byKey = new Map(suggestions.map((s) => [s.binding.metricKey, s]));
    expect(byKey.get('error_rate')).toMatchObject({
      basis: 'runbook-name',
      evidence: 'line 262: Error rate: dashboard_errors_total',
      binding: { name: 'Error rate', source: 'prometheus', unit: '%', query: '100 * sum(rate(dashboard_errors_total[1m])) / sum(rate(dashboard_requests_total[1m]))' },
    });
    expect(byKey.get('p95_latency')).toMatchObject({
      binding: { name: 'p95 latency', unit: 'ms', query: 'max(dashboard_request_duration_ms_p95)' },
      alternatives: ['histogram_quantile(0.95, sum by (le) (rate(dashboard_request_duration_ms_bucket[1m])))'],
    });
    expect(byKey.get('request_rate')).toMatchObject({ binding: { unit: 'rps', query: 'sum(rate(dashboard_requests_total[1m]))' } });
    expect(byKey.get('p99_latency')).toMatchObject({ basis: 'derived', binding: { query: 'max(dashboard_request_duration_ms_p99)', unit: 'ms' } });
    expect(byKey.get('cpu_usage')).toMatchObject({ basis: 'convention', binding: { unit: '%' }, evidence: expect.stringContaining('node_exporter') });
    for (const suggestion of suggestions) expect(MetricBindingSchema.safeParse(suggestion.binding).success).toBe(true);
  });

  it('writes scrape queries when the session reads /metrics directly', () => {
    const suggestions = suggestBindings(runbookWith({ checklistItems: seedBullets, thresholds: seedLikeThresholds() }), { source: 'scrape' });
    expect(suggestions.map((s) => [s.binding.metricKey, s.binding.query])).toEqual([
      ['error_rate', 'ratio(dashboard_errors_total, dashboard_requests_total)'],
      ['p95_latency', 'dashboard_request_duration_ms_p95'],
      ['request_rate', 'rate(dashboard_requests_total)'],
      ['p99_latency', 'dashboard_request_duration_ms_p99'],
    ]);
    for (const suggestion of suggestions) expect(MetricBindingSchema.safeParse(suggestion.binding).success).toBe(true);
  });

  it('takes front matter bindings first', () => {
    const fromFrontMatter = { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus' as const, query: 'job:errors:ratio5m * 100', unit: '%', url: null };
    const suggestions = suggestBindings(runbookWith({ metrics: [fromFrontMatter], checklistItems: seedBullets, thresholds: seedLikeThresholds() }));
    expect(suggestions[0]).toEqual({ binding: fromFrontMatter, basis: 'front-matter', evidence: 'front matter `metrics`', alternatives: [] });
    expect(suggestions.filter((s) => s.binding.metricKey === 'error_rate')).toHaveLength(1);
  });

  it('suggests histogram_quantile for a bucket series and unit from its name', () => {
    const runbook = runbookWith({ checklistItems: [bullet('p95 latency: `api_latency_seconds_bucket`', 10)], thresholds: [threshold({ id: 'p', metric: 'p95 latency', op: '<', value: 500, unit: 'ms' })] });
    expect(suggestBindings(runbook)[0]!.binding).toMatchObject({ metricKey: 'p95_latency', unit: 's', query: 'histogram_quantile(0.95, sum by (le) (rate(api_latency_seconds_bucket[1m])))' });
  });

  it('lists metrics with thresholds but no binding', () => {
    const runbook = runbookWith({ thresholds: seedLikeThresholds() });
    const bindings = [{ metricKey: 'error_rate' }];
    expect(unboundMetrics(runbook, bindings)).toEqual([
      { metricKey: 'p95_latency', name: 'p95 latency', thresholdIds: ['success-p95', 'esc-p95', 'l1-p95', 'l2-p95'] },
      { metricKey: 'cpu_usage', name: 'CPU usage', thresholdIds: ['esc-cpu'] },
    ]);
  });
});
