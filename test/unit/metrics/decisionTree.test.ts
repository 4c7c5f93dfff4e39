import { describe, expect, it } from 'vitest';
import { DecisionLevelTracker, evaluateDecisionTree, explainEvaluation } from '../../../shared/metrics/decisionTree';
import { evaluateThresholds } from '../../../shared/metrics/thresholds';
import type { MetricInput } from '../../../shared/metrics/readings';
import { seedLikeLevels, seedLikeThresholds } from '../../support/promFixtures';
import { input, inputs, T0 } from './inputs';

const thresholds = seedLikeThresholds();
const levels = seedLikeLevels();

function evaluate(at: number, ...metrics: MetricInput[]) {
  return evaluateDecisionTree(levels, evaluateThresholds(thresholds, inputs(...metrics), at), at);
}

const ok = (errorRate: number, p95 = 120) => [input('error_rate', errorRate, { unit: '%' }), input('p95_latency', p95, { unit: 'ms' })];

describe('decision tree evaluation', () => {
  it.each([
    [0.5, 120, 0],
    [1.5, 120, 1],
    [2, 700, 1],
    [3, 120, 2], // 1-3% and 3-10% meet at 3: the higher level wins
    [6, 120, 2],
    [0.2, 1500, 2],
    [10.5, 120, 3],
    [25, 3000, 3],
  ])('error rate %d%%, p95 %d ms → level %d', (errorRate, p95, expected) => {
    const evaluation = evaluate(T0, ...ok(errorRate, p95));
    expect(evaluation.level).toBe(expected);
    expect(evaluation.certain).toBe(true);
  });

  it('says why: the conditions that hold with value, threshold and query, and what to do', () => {
    const evaluation = evaluate(T0, ...ok(6.3));
    expect(evaluation).toMatchObject({ level: 2, title: 'Major Issues', verdict: 'Prepare Rollback', actions: ['Level 2 action'], stepIds: ['step-rollback-2'] });
    expect(evaluation.why).toHaveLength(1);
    expect(evaluation.why[0]).toMatchObject({ text: 'Error rate 3-10%', thresholdId: 'l2-error', state: 'holds' });
    expect(evaluation.why[0]!.verdict).toMatchObject({ value: 6.3, query: 'query_for_error_rate', threshold: 'Error rate 3–10%' });
    expect(explainEvaluation(evaluation)).toBe('Level 2 (Major Issues — Prepare Rollback): Error rate 6.3% matches "Error rate 3–10%" [query_for_error_rate]');
  });

  it('lists conditions written in words only as manual, without making the level uncertain', () => {
    const evaluation = evaluate(T0, ...ok(0.1));
    expect(evaluation.levels[0]!.conditions.find((c) => c.thresholdId === null)?.state).toBe('manual');
    expect(evaluation.certain).toBe(true);
  });

  it('missing data is neither a pass nor a silent breach: the level is uncertain with the reason', () => {
    const evaluation = evaluate(T0, input('error_rate', null, { status: 'no-data', message: 'the query returned no series' }), input('p95_latency', 120, { unit: 'ms' }));
    expect(evaluation.level).toBe(0);
    expect(evaluation.certain).toBe(false);
    expect(evaluation.unknown.map((c) => c.thresholdId)).toEqual(['l1-error', 'l2-error', 'l3-error']);
    expect(explainEvaluation(evaluation)).toContain('not certain: level 1 "Error rate 1-3%" unknown — no data: the query returned no series');
  });

  it('a known higher level is certain even if a lower one lacks data', () => {
    const evaluation = evaluate(T0, input('error_rate', 12, { unit: '%' }), input('p95_latency', null, { status: 'error', message: 'bad_data' }));
    expect(evaluation).toMatchObject({ level: 3, certain: true });
  });

  it('reports breaches still inside their sustained window as pending', () => {
    const sustainedLevels = [{ ...levels[1]!, conditions: [{ text: 'Error rate > 5% sustained', thresholdId: 'slow' }] }];
    const slow = [{ ...thresholds[0]!, id: 'slow', op: '>' as const, value: 5, meaning: 'alert-if' as const, context: 'decision-level' as const, sustained: true, sustainedMs: 60_000 }];
    const verdicts = evaluateThresholds(slow, inputs(input('error_rate', 7, { unit: '%' })), T0);
    const evaluation = evaluateDecisionTree(sustainedLevels, verdicts, T0);
    expect(evaluation.level).toBe(0);
    expect(evaluation.pending.map((c) => c.thresholdId)).toEqual(['slow']);
  });
});

describe('decision level tracker (hysteresis)', () => {
  it('raises at once, lowers only after the lower level held for clearAfterMs, each change with its reason', () => {
    const tracker = new DecisionLevelTracker({ clearAfterMs: 20_000 });
    expect(tracker.update(evaluate(T0, ...ok(0.5)), T0)).toBeNull();
    const up = tracker.update(evaluate(T0 + 1000, ...ok(12)), T0 + 1000);
    expect(up).toMatchObject({ from: 0, to: 3, toCertain: true });
    expect(up!.reason).toBe('Level 0 → 3: Level 3 (Critical Issues — Immediate Rollback): Error rate 12% matches "Error rate > 10%" [query_for_error_rate]');
    expect(tracker.update(evaluate(T0 + 2000, ...ok(2)), T0 + 2000)).toBeNull();
    expect(tracker.current()).toMatchObject({ level: 3, holding: 'holding level 3 until level 1 has held for 20 s' });
    expect(tracker.update(evaluate(T0 + 15_000, ...ok(2)), T0 + 15_000)).toBeNull();
    const down = tracker.update(evaluate(T0 + 22_000, ...ok(2)), T0 + 22_000);
    expect(down).toMatchObject({ from: 3, to: 1 });
    expect(down!.reason).toMatch(/^Level 3 → 1 after 20 s below: Level 1 \(Minor Issues — Don't Rollback\): Error rate 2% matches "Error rate 1–3%"/);
  });

  it('lost data never lowers the level: it holds and becomes uncertain, naming the metric', () => {
    const tracker = new DecisionLevelTracker({ clearAfterMs: 5_000 });
    tracker.update(evaluate(T0, ...ok(6)), T0);
    const stale = input('error_rate', 6, { unit: '%', status: 'stale', message: 'no answer for 4 s: ECONNREFUSED' });
    const change = tracker.update(evaluate(T0 + 10_000, stale, input('p95_latency', 100, { unit: 'ms' })), T0 + 10_000);
    expect(change).toMatchObject({ from: 2, to: 2, fromCertain: true, toCertain: false });
    expect(change!.reason).toBe('Level 2 is no longer certain: holding level 2: cannot confirm it cleared — Error rate unknown — stale for 0 s: no answer for 4 s: ECONNREFUSED');
    expect(tracker.update(evaluate(T0 + 60_000, stale, input('p95_latency', 100, { unit: 'ms' })), T0 + 60_000)).toBeNull();
    expect(tracker.current()).toMatchObject({ level: 2, certain: false });
    const back = tracker.update(evaluate(T0 + 61_000, ...ok(6)), T0 + 61_000);
    expect(back).toMatchObject({ from: 2, to: 2, toCertain: true });
  });

  it('an unbound metric makes the level uncertain but does not hold it', () => {
    const tracker = new DecisionLevelTracker({ clearAfterMs: 5_000 });
    tracker.update(evaluate(T0, input('error_rate', 6, { unit: '%' })), T0);
    tracker.update(evaluate(T0 + 1000, input('error_rate', 0.5, { unit: '%' })), T0 + 1000);
    const down = tracker.update(evaluate(T0 + 7000, input('error_rate', 0.5, { unit: '%' })), T0 + 7000);
    expect(down).toMatchObject({ from: 2, to: 0, toCertain: false });
  });
});
