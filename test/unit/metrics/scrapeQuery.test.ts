import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRAPE_WINDOW_MS, matchesLabels, parseDuration, parseScrapeQuery } from '../../../shared/metrics/scrapeQuery';

function parsed(source: string) {
  const result = parseScrapeQuery(source);
  if (!result.ok) throw new Error(`expected ${source} to parse: ${result.error.message}`);
  return result.query;
}

function error(source: string) {
  const result = parseScrapeQuery(source);
  if (result.ok) throw new Error(`expected ${source} to fail`);
  return result.error;
}

describe('scrape query parser', () => {
  it('reads a plain series with label matchers', () => {
    expect(parsed('dashboard_cpu_percent{instance="green", job!="old"}')).toEqual({
      kind: 'series',
      selector: {
        name: 'dashboard_cpu_percent',
        matchers: [
          { label: 'instance', op: '=', value: 'green' },
          { label: 'job', op: '!=', value: 'old' },
        ],
      },
    });
  });

  it('reads rate() with its window', () => {
    expect(parsed('rate(dashboard_requests_total[30s])')).toEqual({ kind: 'rate', selector: { name: 'dashboard_requests_total', matchers: [] }, windowMs: 30_000 });
  });

  it('uses the default window when none is written', () => {
    expect(parsed('rate(x_total)')).toMatchObject({ windowMs: DEFAULT_SCRAPE_WINDOW_MS });
  });

  it('reads ratio() of two counters, the window on either argument', () => {
    expect(parsed('ratio(dashboard_errors_total, dashboard_requests_total[1m])')).toEqual({
      kind: 'ratio',
      numerator: { name: 'dashboard_errors_total', matchers: [] },
      denominator: { name: 'dashboard_requests_total', matchers: [] },
      windowMs: 60_000,
    });
  });

  it('reads quantile() over histogram buckets', () => {
    expect(parsed('quantile(0.95, latency_ms_bucket{route=~"/api/.*"}[10s])')).toEqual({
      kind: 'quantile',
      quantile: 0.95,
      selector: { name: 'latency_ms_bucket', matchers: [{ label: 'route', op: '=~', value: '/api/.*' }] },
      windowMs: 10_000,
    });
  });

  it('keeps escaped quotes in label values', () => {
    expect(parsed('m{path="a\\"b"}')).toMatchObject({ selector: { matchers: [{ value: 'a"b' }] } });
  });

  it.each([
    ['', 1, 'empty query'],
    ['rate(x[30s]', 12, 'expected ")"'],
    ['rate(x[30 seconds])', 7, 'bad window'],
    ['avg(x)', 1, 'unknown function "avg"'],
    ['x[5m]', 2, 'a window needs a function'],
    ['quantile(1.5, x_bucket)', 10, 'between 0 and 1'],
    ['quantile(x_bucket)', 10, 'quantile first'],
    ['m{job=prod}', 7, 'label values are quoted'],
    ['m{job="a" x="b"}', 11, 'expected "," or "}"'],
    ['m{job=~"("}', 8, 'invalid regular expression'],
    ['ratio(a[30s], b[1m])', 16, 'one window for both'],
    ['m{le="1"} + 2', 11, 'unexpected character "+"'],
    ['quantile(0.9, h_bucket{le="1"})', 1, 'do not match on "le"'],
  ])('refuses %j at column %i: %s', (source, column, message) => {
    const e = error(source);
    expect(e.message).toContain(message);
    expect(e.column).toBe(column);
  });

  it('parses durations', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('0s')).toBeNull();
    expect(parseDuration('10')).toBeNull();
  });

  it('matches labels like Prometheus (anchored regexes, missing label is empty)', () => {
    expect(matchesLabels({ code: '500' }, [{ label: 'code', op: '=~', value: '5..' }])).toBe(true);
    expect(matchesLabels({ code: '1500' }, [{ label: 'code', op: '=~', value: '5..' }])).toBe(false);
    expect(matchesLabels({}, [{ label: 'code', op: '!=', value: '200' }])).toBe(true);
    expect(matchesLabels({ code: '200' }, [{ label: 'code', op: '!~', value: '2..' }])).toBe(false);
  });
});
