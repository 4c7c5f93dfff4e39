import { describe, expect, it } from 'vitest';
import { evaluateDecisionTree } from '../../../shared/metrics/decisionTree';
import { buildEvidenceSnapshot, EvidenceSnapshotSchema } from '../../../shared/metrics/evidence';
import { combineVerdicts, evaluateGate } from '../../../shared/metrics/gates';
import { evaluateThresholds } from '../../../shared/metrics/thresholds';
import { seedLikeGate, seedLikeLevels, seedLikeThresholds } from '../../support/promFixtures';
import { input, inputs, samples, T0 } from './inputs';

const thresholds = seedLikeThresholds();
const gate = seedLikeGate();

function gateWith(...metrics: ReturnType<typeof input>[]) {
  return evaluateGate(gate, thresholds, evaluateThresholds(thresholds, inputs(...metrics), T0), T0);
}

describe('gate evaluation', () => {
  it('passes when every criterion passes, showing each live value', () => {
    const evaluation = gateWith(input('error_rate', 0.3, { unit: '%' }), input('p95_latency', 0.21, { unit: 's' }));
    expect(evaluation.verdict).toBe('pass');
    expect(evaluation.criteria).toEqual([
      expect.objectContaining({ thresholdId: 'success-error', metric: 'Error rate', value: 0.3, unit: '%', verdict: 'pass', query: 'query_for_error_rate' }),
      expect.objectContaining({ thresholdId: 'success-p95', value: 210, unit: 'ms', verdict: 'pass', reason: expect.stringContaining('converted from seconds') }),
    ]);
    expect(evaluation).toMatchObject({ notes: ['No unusual logs'], goText: 'Proceed to 25% if metrics green', noGoText: 'Rollback immediately if issues detected' });
  });

  it('fails when a criterion fails, with the reason', () => {
    const evaluation = gateWith(input('error_rate', 1.4, { unit: '%' }), input('p95_latency', 200, { unit: 'ms' }));
    expect(evaluation.verdict).toBe('fail');
    expect(evaluation.criteria[0]).toMatchObject({ verdict: 'fail', reason: 'Error rate 1.4% breaks "Error rate < 1%"' });
  });

  it('a criterion without data is no-data, never a pass', () => {
    const evaluation = gateWith(input('error_rate', 0.3, { unit: '%' }), input('p95_latency', null, { status: 'no-data', message: 'the query returned no series' }));
    expect(evaluation.verdict).toBe('no-data');
    expect(evaluation.criteria[1]).toMatchObject({ verdict: 'no-data', value: null, reason: expect.stringContaining('no data') });
    expect(gateWith(input('error_rate', 0.3, { unit: '%' })).criteria[1]).toMatchObject({ verdict: 'no-data', reason: expect.stringContaining('not bound') });
  });

  it('combines verdicts: fail beats no-data beats pass; nothing measurable is no-criteria', () => {
    expect(combineVerdicts(['pass', 'no-data', 'fail'])).toBe('fail');
    expect(combineVerdicts(['pass', 'no-data'])).toBe('no-data');
    expect(combineVerdicts(['pass'])).toBe('pass');
    expect(combineVerdicts([])).toBe('no-criteria');
  });
});

describe('evidence snapshot', () => {
  it('holds values, queries, statuses and the last 15 minutes of each series, as valid JSON', () => {
    const errorSeries = samples(T0, 60_000, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2]);
    const metrics = [
      input('error_rate', 2, { unit: '%', series: errorSeries }),
      input('p95_latency', Number.POSITIVE_INFINITY, { unit: 'ms', series: samples(T0, 1000, [100, null, Number.POSITIVE_INFINITY]) }),
      input('cpu_usage', null, { status: 'error', message: 'bad_data: parse error' }),
    ];
    const verdicts = evaluateThresholds(thresholds, inputs(...metrics), T0);
    const snapshot = buildEvidenceSnapshot({
      now: T0,
      metrics,
      gate: evaluateGate(gate, thresholds, verdicts, T0),
      decision: evaluateDecisionTree(seedLikeLevels(), verdicts, T0),
    });
    const reread = EvidenceSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)));
    expect(reread).toEqual(snapshot);
    expect(snapshot.windowMs).toBe(15 * 60_000);
    const error = snapshot.metrics[0]!;
    expect(error).toMatchObject({ metricKey: 'error_rate', query: 'query_for_error_rate', status: 'ok', value: 2, unit: '%' });
    expect(error.series).toHaveLength(16); // T0-15min … T0 at one per minute
    expect(error.series[0]).toEqual([T0 - 15 * 60_000, 0.5]);
    expect(snapshot.metrics[1]!.series).toEqual([
      [T0 - 2000, 100],
      [T0 - 1000, null],
      [T0, '+Inf'],
    ]);
    expect(snapshot.metrics[2]).toMatchObject({ status: 'error', message: 'bad_data: parse error', series: [] });
    expect(snapshot.gate).toMatchObject({ gateId: 'gate-1235', verdict: 'fail' });
    expect(snapshot.decision).toMatchObject({ level: 2, certain: true });
  });

  it('thins long series to the point budget, keeping the newest point', () => {
    const dense = samples(T0, 100, Array.from({ length: 9000 }, (_, i) => i));
    const snapshot = buildEvidenceSnapshot({ now: T0, metrics: [input('error_rate', 1, { series: dense })], maxPoints: 900 });
    const series = snapshot.metrics[0]!.series;
    expect(series.length).toBeLessThanOrEqual(900);
    expect(series[series.length - 1]).toEqual([T0, 8999]);
  });
});
