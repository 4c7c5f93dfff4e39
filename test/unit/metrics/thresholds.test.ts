import { describe, expect, it } from 'vitest';
import { breachRunStart, DEFAULT_SUSTAINED_MS, describeThreshold, evaluateThreshold, isBreaching } from '../../../shared/metrics/thresholds';
import { seriesOf } from '../../../shared/metrics/series';
import { threshold } from '../../support/promFixtures';
import { input, samples, T0 } from './inputs';

const escalateError = threshold({ id: 'e', metric: 'Error rate', op: '>', value: 5, unit: '%' });
const targetError = threshold({ id: 't', metric: 'Error rate', op: '<', value: 1, unit: '%', meaning: 'ok-if', context: 'target' });
const band = threshold({ id: 'b', metric: 'Error rate', op: 'between', value: 1, upper: 3, unit: '%', context: 'decision-level', level: 1 });

describe('threshold evaluation (fixed clock)', () => {
  it('alert-if breaches when the phrase holds', () => {
    expect(evaluateThreshold(escalateError, input('error_rate', 6.2, { unit: '%' }), T0)).toMatchObject({
      state: 'breach',
      value: 6.2,
      breachSince: T0,
      reason: 'Error rate 6.2% matches "Error rate > 5%"',
    });
    expect(evaluateThreshold(escalateError, input('error_rate', 5, { unit: '%' }), T0).state).toBe('ok');
  });

  it('ok-if breaches when the phrase stops holding', () => {
    expect(evaluateThreshold(targetError, input('error_rate', 0.4, { unit: '%' }), T0)).toMatchObject({ state: 'ok', reason: 'Error rate 0.4%: within "Error rate < 1%"' });
    expect(evaluateThreshold(targetError, input('error_rate', 1, { unit: '%' }), T0)).toMatchObject({ state: 'breach', reason: 'Error rate 1% breaks "Error rate < 1%"' });
  });

  it('between includes both ends', () => {
    expect(isBreaching(band, 1)).toBe(true);
    expect(isBreaching(band, 3)).toBe(true);
    expect(isBreaching(band, 0.99)).toBe(false);
    expect(isBreaching(band, 3.01)).toBe(false);
    expect(describeThreshold(band)).toBe('Error rate 1–3%');
  });

  it.each([
    ['<', 4, true],
    ['<', 5, false],
    ['<=', 5, true],
    ['>=', 5, true],
    ['>', 5, false],
  ] as const)('op %s with value %d holds: %s', (op, value, holds) => {
    expect(isBreaching({ op, value: 5, upper: null, meaning: 'alert-if' }, value)).toBe(holds);
  });

  it('converts the binding unit into the threshold unit and says how', () => {
    const p95 = threshold({ id: 'p', metric: 'p95 latency', op: '>', value: 1000, unit: 'ms' });
    const verdict = evaluateThreshold(p95, input('p95_latency', 1.2, { unit: 's' }), T0);
    expect(verdict).toMatchObject({ state: 'breach', value: 1200, conversion: 'converted from seconds to milliseconds (× 1,000)' });
    expect(verdict.reason).toContain('(converted from seconds to milliseconds (× 1,000))');
    const fraction = evaluateThreshold(escalateError, input('error_rate', 0.07, { unit: 'ratio' }), T0);
    expect(fraction).toMatchObject({ state: 'breach', value: 7.000000000000001 });
  });

  it('is unknown, never a pass, when units cannot be compared', () => {
    expect(evaluateThreshold(escalateError, input('error_rate', 120, { unit: 'ms' }), T0)).toMatchObject({
      state: 'unknown',
      unknownCause: 'unit',
      reason: 'Error rate > 5%: unknown — unit mismatch: the binding gives milliseconds, the threshold is in percent',
    });
  });

  it.each([
    ['no-data', null, 'no-data', 'the query returned no series', 'Error rate > 5%: unknown — no data: the query returned no series'],
    ['error', null, 'error', 'bad_data: parse error at char 5', 'Error rate > 5%: unknown — query failed: bad_data: parse error at char 5'],
    ['down', null, 'down', 'HTTP 503', 'Error rate > 5%: unknown — health check failed: HTTP 503'],
  ] as const)('a metric in %s is unknown with the reason', (_name, value, status, message, reason) => {
    const verdict = evaluateThreshold(escalateError, input('error_rate', value, { status, message }), T0);
    expect(verdict).toMatchObject({ state: 'unknown', unknownCause: status, value: null, reason });
  });

  it('a stale metric is unknown with its age, even though a last value exists', () => {
    const stale = input('error_rate', 12, { unit: '%', status: 'stale', message: 'no answer for 6 s: ECONNREFUSED', at: T0 - 45_000 });
    stale.state.ageMs = 45_000;
    expect(evaluateThreshold(escalateError, stale, T0)).toMatchObject({
      state: 'unknown',
      unknownCause: 'stale',
      reason: 'Error rate > 5%: unknown — stale for 45 s: no answer for 6 s: ECONNREFUSED',
    });
  });

  it('an unbound metric is unknown and says it is not bound', () => {
    expect(evaluateThreshold(escalateError, undefined, T0)).toMatchObject({ state: 'unknown', unknownCause: 'unbound', reason: 'Error rate > 5%: unknown — Error rate is not bound to a query' });
  });
});

describe('sustained windows', () => {
  const cpu = threshold({ id: 'cpu', metric: 'CPU usage', op: '>', value: 85, unit: '%', sustained: true, sustainedMs: 60_000 });

  it('is pending until the breach has held for the whole window', () => {
    const series = samples(T0, 10_000, [50, 90, 91, 92, 93]);
    const verdict = evaluateThreshold(cpu, input('cpu_usage', 93, { unit: '%', series }), T0);
    expect(verdict).toMatchObject({ state: 'pending', breachSince: T0 - 30_000, sustainedMs: 60_000 });
    expect(verdict.reason).toBe('CPU usage 93% matches "CPU usage > 85%" for 30 s of the 1 min it must be sustained');
  });

  it('breaches once held for the window', () => {
    const series = samples(T0, 10_000, [50, 90, 91, 92, 93, 94, 95, 96]);
    expect(evaluateThreshold(cpu, input('cpu_usage', 96, { unit: '%', series }), T0)).toMatchObject({ state: 'breach', breachSince: T0 - 60_000, reason: expect.stringContaining('(sustained for 1 min)') });
  });

  it('a dip below the line restarts the window', () => {
    const series = samples(T0, 10_000, [90, 91, 92, 93, 80, 95, 96]);
    expect(evaluateThreshold(cpu, input('cpu_usage', 96, { unit: '%', series }), T0)).toMatchObject({ state: 'pending', breachSince: T0 - 10_000 });
  });

  it('a gap with no data restarts the window (missing data never completes a breach)', () => {
    const series = samples(T0, 10_000, [90, 91, 92, 93, null, 95, 96]);
    expect(evaluateThreshold(cpu, input('cpu_usage', 96, { unit: '%', series }), T0).state).toBe('pending');
  });

  it('a hole longer than maxGapMs between samples restarts the window', () => {
    const series: Array<readonly [number, number]> = [
      [T0 - 120_000, 90],
      [T0 - 10_000, 95],
      [T0, 96],
    ];
    expect(evaluateThreshold(cpu, input('cpu_usage', 96, { unit: '%', series }), T0, { maxGapMs: 25_000 }).state).toBe('pending');
    expect(evaluateThreshold(cpu, input('cpu_usage', 96, { unit: '%', series }), T0).state).toBe('breach');
  });

  it(`uses ${DEFAULT_SUSTAINED_MS / 60_000} minutes when the runbook says "sustained" without a duration`, () => {
    const bare = threshold({ id: 'cpu2', metric: 'CPU usage', op: '>', value: 85, unit: '%', sustained: true });
    const fourMinutes = samples(T0, 60_000, [90, 90, 90, 90, 90]);
    expect(evaluateThreshold(bare, input('cpu_usage', 90, { unit: '%', series: fourMinutes }), T0)).toMatchObject({ state: 'pending', sustainedMs: DEFAULT_SUSTAINED_MS });
    const fiveMinutes = samples(T0, 60_000, [90, 90, 90, 90, 90, 90]);
    expect(evaluateThreshold(bare, input('cpu_usage', 90, { unit: '%', series: fiveMinutes }), T0).state).toBe('breach');
    expect(evaluateThreshold(bare, input('cpu_usage', 90, { unit: '%', series: fourMinutes }), T0, { defaultSustainedMs: 60_000 }).state).toBe('breach');
  });

  it('applies the unit conversion to every sample of the run', () => {
    const p95 = threshold({ id: 'p', metric: 'p95 latency', op: '>', value: 1000, unit: 'ms', sustained: true, sustainedMs: 20_000 });
    const series = samples(T0, 10_000, [0.5, 1.1, 1.2, 1.3]);
    expect(evaluateThreshold(p95, input('p95_latency', 1.3, { unit: 's', series }), T0)).toMatchObject({ state: 'breach', breachSince: T0 - 20_000 });
  });

  it('finds the start of the breaching run', () => {
    const series = seriesOf(samples(T0, 1000, [1, 9, 9, 9]));
    expect(breachRunStart(series, (v) => v > 5)).toBe(T0 - 2000);
    expect(breachRunStart(series, (v) => v > 50)).toBeNull();
  });
});
