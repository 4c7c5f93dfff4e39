// The engine on the seed runbook as the importer reads it (test/fixtures/runbooks/seed.md is
// GO_LIVE_PROCEDURES.md): suggested bindings, the decision tree's levels and the 12:35 gate.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDecisionTree } from '../../../shared/metrics/decisionTree';
import { evaluateGate } from '../../../shared/metrics/gates';
import { DEFAULT_SUSTAINED_MS, evaluateThresholds } from '../../../shared/metrics/thresholds';
import { suggestBindings, unboundMetrics } from '../../../shared/metrics/suggestBindings';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { input, inputs, T0 } from './inputs';

const seed = importMarkdown(readFileSync(fileURLToPath(new URL('../../fixtures/runbooks/seed.md', import.meta.url)), 'utf8'), 'GO_LIVE_PROCEDURES.md');

describe('the seed runbook', () => {
  it('suggests bindings from the Monitoring Points names and leaves nothing the thresholds use unbound', () => {
    const suggestions = suggestBindings(seed);
    const byKey = new Map(suggestions.map((s) => [s.binding.metricKey, s]));
    expect(byKey.get('error_rate')).toMatchObject({
      basis: 'runbook-name',
      evidence: 'line 265: Error rate: dashboard_errors_total',
      binding: { query: '100 * sum(rate(dashboard_errors_total[1m])) / sum(rate(dashboard_requests_total[1m]))', unit: '%' },
    });
    expect(byKey.get('p95_latency')).toMatchObject({ evidence: 'line 266: Latency: dashboard_request_duration_ms_p95', binding: { unit: 'ms' } });
    expect(byKey.get('request_rate')).toMatchObject({ evidence: 'line 267: Throughput: dashboard_requests_total', binding: { unit: 'rps' } });
    expect(unboundMetrics(seed, suggestions.map((s) => s.binding))).toEqual([]);
    expect(unboundMetrics(seed, []).map((m) => m.metricKey)).toEqual(['error_rate', 'p95_latency', 'p99_latency', 'memory_usage', 'cpu_usage', 'request_rate', 'db_connections', 'redis_memory']);
  });

  it.each([
    [0.4, 0, null],
    [2, 1, "Don't Rollback"],
    [6, 2, 'Prepare Rollback'],
    [12, 3, 'Immediate Rollback'],
  ])('error rate %d%% → level %d (%s) with the runbook’s actions and rollback step', (errorRate, level, verdict) => {
    const verdicts = evaluateThresholds(seed.thresholds, inputs(input('error_rate', errorRate, { unit: '%' }), input('p95_latency', 0.1, { unit: 's' })), T0);
    const evaluation = evaluateDecisionTree(seed.decisionLevels, verdicts, T0);
    expect(evaluation).toMatchObject({ level, certain: true, verdict });
    if (level > 0) {
      const source = seed.decisionLevels.find((l) => l.level === level)!;
      expect(evaluation.actions).toEqual(source.actions);
      expect(evaluation.stepIds).toEqual(source.stepIds);
      expect(evaluation.stepIds).toHaveLength(1);
    }
  });

  it('evaluates the 12:35 gate on its success criteria', () => {
    const gate = seed.gates[0]!;
    const verdicts = evaluateThresholds(seed.thresholds, inputs(input('error_rate', 0.5, { unit: '%' }), input('p95_latency', 620, { unit: 'ms' })), T0);
    const evaluation = evaluateGate(gate, seed.thresholds, verdicts, T0);
    expect(evaluation.verdict).toBe('fail');
    expect(evaluation.criteria.map((c) => [c.threshold, c.verdict])).toEqual([
      ['Error rate < 1%', 'pass'],
      ['p95 latency < 500 ms', 'fail'],
    ]);
    expect(evaluation.goText).toBe('Proceed to 25% if metrics green');
  });

  it('holds "CPU usage > 85% sustained" for the default window', () => {
    const cpu = seed.thresholds.find((t) => t.metricKey === 'cpu_usage' && t.sustained)!;
    const verdict = evaluateThresholds([cpu], inputs(input('cpu_usage', 90, { unit: '%', series: [[T0 - 60_000, 90], [T0, 90]] })), T0).get(cpu.id)!;
    expect(verdict).toMatchObject({ state: 'pending', sustainedMs: DEFAULT_SUSTAINED_MS });
  });
});
