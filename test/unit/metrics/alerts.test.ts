import { describe, expect, it } from 'vitest';
import { AlertTracker } from '../../../shared/metrics/alerts';
import { evaluateThresholds } from '../../../shared/metrics/thresholds';
import { seedLikeThresholds } from '../../support/promFixtures';
import { input, inputs, T0 } from './inputs';

const thresholds = seedLikeThresholds();

function step(tracker: AlertTracker, at: number, errorRate: number | null, status?: 'stale' | 'no-data') {
  const metric = input('error_rate', errorRate, { unit: '%', at, status, message: status === 'stale' ? 'ECONNREFUSED' : undefined });
  return tracker.update(evaluateThresholds(thresholds, inputs(metric), at), at);
}

describe('alerts (fixed clock)', () => {
  it('raises an alert per crossed threshold with metric, value, threshold, query, since and action', () => {
    const tracker = new AlertTracker(thresholds, { clearAfterMs: 30_000 });
    const raised = step(tracker, T0, 6.5);
    expect(raised.map((t) => [t.kind, t.thresholdId, t.severity])).toEqual([
      ['raised', 'target-error', 'warning'],
      ['raised', 'success-error', 'warning'],
      ['raised', 'esc-error', 'escalate'],
    ]);
    expect(raised[2]).toMatchObject({
      metric: 'Error rate',
      value: 6.5,
      unit: '%',
      threshold: 'Error rate > 5%',
      query: 'query_for_error_rate',
      since: T0,
      action: 'Immediate escalation',
    });
    // Decision-level thresholds feed the level, not alerts.
    expect(raised.some((t) => t.thresholdId.startsWith('l'))).toBe(false);
  });

  it('does not repeat a raised alert while it stays breached', () => {
    const tracker = new AlertTracker(thresholds);
    step(tracker, T0, 12);
    expect(step(tracker, T0 + 5_000, 13)).toEqual([]);
    expect(tracker.active().map((a) => a.thresholdId)).toEqual(['target-error', 'success-error', 'esc-error', 'page-error']);
  });

  it('clears only after the metric stayed within bounds for clearAfterMs (no flapping)', () => {
    const tracker = new AlertTracker(thresholds, { clearAfterMs: 30_000 });
    step(tracker, T0, 6);
    expect(step(tracker, T0 + 5_000, 4)).toEqual([]);
    expect(step(tracker, T0 + 10_000, 6)).toEqual([]); // back over the line: the clear timer restarts
    expect(step(tracker, T0 + 15_000, 4)).toEqual([]);
    expect(step(tracker, T0 + 40_000, 4)).toEqual([]);
    const cleared = step(tracker, T0 + 45_000, 4);
    expect(cleared.map((t) => [t.kind, t.thresholdId, t.since])).toEqual([['cleared', 'esc-error', T0 + 15_000]]);
  });

  it('keeps a raised alert raised when its data is lost, says so once, and re-raises when data comes back breaching', () => {
    const tracker = new AlertTracker(thresholds, { clearAfterMs: 10_000 });
    step(tracker, T0, 7);
    const lost = step(tracker, T0 + 5_000, 7, 'stale');
    expect(lost.map((t) => t.kind)).toEqual(['data-lost', 'data-lost', 'data-lost']);
    expect(lost[2]!.reason).toContain('stays raised');
    expect(step(tracker, T0 + 10_000, null, 'no-data')).toEqual([]);
    expect(tracker.active().every((a) => a.dataLost)).toBe(true);
    const back = step(tracker, T0 + 15_000, 7.5);
    expect(back.map((t) => [t.kind, t.since])).toEqual([
      ['raised', T0],
      ['raised', T0],
      ['raised', T0],
    ]);
  });

  it('never raises on no data alone', () => {
    const tracker = new AlertTracker(thresholds);
    expect(step(tracker, T0, null, 'no-data')).toEqual([]);
  });
});
