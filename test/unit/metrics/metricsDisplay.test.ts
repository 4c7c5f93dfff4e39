// How the Metrics tab words and draws a metric (renderer helpers, pure): status in words, the
// threshold crossed, never a pass or a zero without data, and the chart's bands in the shown unit.
import { describe, expect, it } from 'vitest';
import type { MetricLive } from '../../../shared/api/metrics';
import { bandsOf, displayUnitOf, headlineOf, yRangeOf } from '../../../renderer/src/features/metrics/metricsFormat';
import { seedLikeThresholds } from '../../support/promFixtures';

const thresholds = seedLikeThresholds();
const byId = new Map(thresholds.map((t) => [t.id, t]));
const errorThresholds = thresholds.filter((t) => t.metricKey === 'error_rate');

function live(partial: Partial<MetricLive>): MetricLive {
  return { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'q', unit: '%', status: 'ok', value: 0.2, at: 0, ageMs: 0, message: null, statusSince: null, verdicts: [], ...partial };
}

describe('metric display', () => {
  it('names the most serious threshold crossed, in words next to the colour', () => {
    const verdicts = [
      { thresholdId: 'target-error', state: 'breach' as const, value: 12, breachSince: 0, sustainedMs: null, reason: 'Error rate 12% breaks "Error rate < 1%"' },
      { thresholdId: 'page-error', state: 'breach' as const, value: 12, breachSince: 0, sustainedMs: null, reason: 'Error rate 12% matches "Error rate > 10%"' },
      { thresholdId: 'esc-error', state: 'breach' as const, value: 12, breachSince: 0, sustainedMs: null, reason: 'Error rate 12% matches "Error rate > 5%"' },
    ];
    expect(headlineOf(live({ value: 12, verdicts }), byId, 0)).toMatchObject({ status: 'BREACH', tone: 'danger', crossing: 'Error rate > 10% (page)' });
    expect(headlineOf(live({ verdicts: [{ ...verdicts[0]!, state: 'ok' }] }), byId, 0)).toMatchObject({ status: 'OK', tone: 'ok', crossing: null });
  });

  it('no data, stale, error and down are said as such, never as OK', () => {
    expect(headlineOf(live({ status: 'no-data', value: null, message: 'the query returned no series' }), byId, null)).toMatchObject({ status: 'NO DATA', detail: 'the query returned no series' });
    expect(headlineOf(live({ status: 'stale', value: 3 }), byId, 42_000)).toMatchObject({ status: 'STALE 42 s', tone: 'warn' });
    expect(headlineOf(live({ status: 'error', value: null, message: 'bad_data: parse error' }), byId, null)).toMatchObject({ status: 'ERROR: bad_data: parse error', tone: 'danger' });
    expect(headlineOf(live({ status: 'down', value: null, message: 'HTTP 503' }), byId, null).status).toBe('DOWN: HTTP 503');
  });

  it('shows a metric in the runbook unit and draws its thresholds there', () => {
    const p95 = thresholds.filter((t) => t.metricKey === 'p95_latency');
    // The binding answers in seconds, the runbook speaks milliseconds.
    expect(displayUnitOf('s', p95)).toEqual({ unit: 'ms', factor: 1000 });
    const bands = bandsOf(errorThresholds, displayUnitOf('%', errorThresholds));
    expect(bands.filter((b) => b.kind === 'range').map((b) => [b.label, b.from, b.to])).toEqual([
      ['Level 1', 1, 3],
      ['Level 2', 3, 10],
      ['Level 3', 10, Infinity],
    ]);
    // Target and success criterion at the same value make one line naming both.
    expect(bands.filter((b) => b.kind === 'line').map((b) => b.label)).toEqual(['target · success criterion < 1%', 'escalate > 5%', 'page > 10%']);
  });

  it('the y range leaves room for the next threshold above the data, and never collapses', () => {
    const bands = bandsOf(errorThresholds, displayUnitOf('%', errorThresholds));
    expect(yRangeOf(0, 0.4, bands)).toEqual([0, 1 * 1.12]);
    expect(yRangeOf(0, 6, bands)[1]).toBeCloseTo(11.2);
    expect(yRangeOf(null, null, [])).toEqual([0, 1]);
  });
});
