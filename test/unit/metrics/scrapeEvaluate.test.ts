import { describe, expect, it } from 'vitest';
import { parseScrapeQuery } from '../../../shared/metrics/scrapeQuery';
import { parseExposition } from '../../../electron/metrics/exposition';
import { bucketQuantile, evaluateScrapeQuery, type ScrapeSnapshot } from '../../../electron/metrics/scrapeEvaluate';

function query(text: string) {
  const parsed = parseScrapeQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
}

function snapshot(at: number, body: string): ScrapeSnapshot {
  return { at, samples: parseExposition(body).samples };
}

function counters(at: number, requests: number, errors: number): ScrapeSnapshot {
  return snapshot(at, `# TYPE svc_requests_total counter\nsvc_requests_total{code="200"} ${requests - errors}\nsvc_requests_total{code="500"} ${errors}\n# TYPE svc_errors_total counter\nsvc_errors_total ${errors}\n`);
}

function histogram(at: number, buckets: Record<string, number>): ScrapeSnapshot {
  const lines = Object.entries(buckets).map(([le, count]) => `lat_ms_bucket{le="${le}",route="/a"} ${count}`);
  return snapshot(at, `# TYPE lat_ms histogram\n${lines.join('\n')}\nlat_ms_sum{route="/a"} 1\nlat_ms_count{route="/a"} ${buckets['+Inf']}`);
}

describe('exposition parsing', () => {
  it('keeps every label set of a labelled histogram (the library alone keeps one) and the last line without a newline', () => {
    const body = [
      '# TYPE h_ms histogram',
      'h_ms_bucket{le="10",route="a"} 1',
      'h_ms_bucket{le="+Inf",route="a"} 1',
      'h_ms_sum{route="a"} 5',
      'h_ms_count{route="a"} 1',
      'h_ms_bucket{le="10",route="b"} 0',
      'h_ms_bucket{le="+Inf",route="b"} 2',
      'h_ms_sum{route="b"} 550',
      'h_ms_count{route="b"} 2',
    ].join('\n');
    const { samples, types } = parseExposition(body);
    expect(types.get('h_ms')).toBe('histogram');
    expect(samples.filter((s) => s.name === 'h_ms_bucket')).toHaveLength(4);
    expect(samples.find((s) => s.name === 'h_ms_count' && s.labels.route === 'b')?.value).toBe(2);
  });

  it('reads special values and escaped labels', () => {
    const { samples } = parseExposition('a NaN\nb +Inf\nc{path="C:\\\\x",msg="say \\"hi\\""} 1.5e3 1395066363000\n');
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ['a', Number.NaN],
      ['b', Number.POSITIVE_INFINITY],
      ['c', 1500],
    ]);
    expect(samples[2]!.labels).toEqual({ path: 'C:\\x', msg: 'say "hi"' });
  });

  it('refuses a body that is not in the text format, naming the line', () => {
    expect(() => parseExposition('<html><body>Bad gateway</body></html>')).toThrow();
    expect(() => parseExposition('foo{a="b" 2\n')).toThrow(/invalid line: foo\{a="b" 2/);
    expect(() => parseExposition('garbage line here\n')).toThrow(/not a number/);
  });
});

describe('scrape queries over successive scrapes', () => {
  const history = [counters(0, 100, 0), counters(1000, 200, 2), counters(2000, 300, 5), counters(3000, 400, 8)];

  it('a plain series sums the matching series of the newest scrape', () => {
    expect(evaluateScrapeQuery(query('svc_requests_total'), history)).toEqual({ kind: 'value', value: 400, at: 3000 });
    expect(evaluateScrapeQuery(query('svc_requests_total{code="500"}'), history)).toEqual({ kind: 'value', value: 8, at: 3000 });
    expect(evaluateScrapeQuery(query('svc_requests_total{code="404"}'), history)).toEqual({ kind: 'empty', reason: 'no series matches svc_requests_total{code="404"}' });
  });

  it('rate() is the per-second increase over the window', () => {
    expect(evaluateScrapeQuery(query('rate(svc_requests_total[10s])'), history)).toEqual({ kind: 'value', value: 100, at: 3000 });
    expect(evaluateScrapeQuery(query('rate(svc_requests_total[2s])'), history)).toEqual({ kind: 'value', value: 100, at: 3000 });
  });

  it('rate() counts through a counter reset', () => {
    const reset = [counters(0, 100, 0), counters(1000, 150, 0), counters(2000, 30, 0), counters(3000, 80, 0)];
    // 50 + 30 (reset: the new value is the increase) + 50 over 3 s
    expect(evaluateScrapeQuery(query('rate(svc_requests_total[10s])'), reset)).toMatchObject({ value: 130 / 3 });
  });

  it('rate() with fewer than two scrapes in the window is no data, saying why', () => {
    expect(evaluateScrapeQuery(query('rate(svc_requests_total[500ms])'), history)).toEqual({
      kind: 'empty',
      reason: 'rate needs two scrapes within 0.5 s (have 1); the window must span at least two poll intervals',
    });
  });

  it('ratio() is a percent of rates; 0/0 is no data, not 0 %', () => {
    expect(evaluateScrapeQuery(query('ratio(svc_errors_total, svc_requests_total[10s])'), history)).toMatchObject({ kind: 'value', value: expect.closeTo((8 / 300) * 100, 9) });
    const idle = [counters(0, 100, 1), counters(1000, 100, 1)];
    expect(evaluateScrapeQuery(query('ratio(svc_errors_total, svc_requests_total)'), idle)).toEqual({ kind: 'empty', reason: 'svc_requests_total did not increase in the last 30 s (0/0)' });
  });

  it('quantile() interpolates inside the bucket like histogram_quantile', () => {
    const h = [histogram(0, { '10': 0, '100': 0, '1000': 0, '+Inf': 0 }), histogram(1000, { '10': 10, '100': 90, '1000': 100, '+Inf': 100 })];
    // rank 95 falls in (100, 1000] holding 10 observations, 5 into it → 100 + 900 × 0.5
    expect(evaluateScrapeQuery(query('quantile(0.95, lat_ms_bucket[5s])'), h)).toEqual({ kind: 'value', value: 550, at: 1000 });
    expect(evaluateScrapeQuery(query('quantile(0.5, lat_ms[5s])'), h)).toMatchObject({ value: 10 + 90 * (40 / 80) });
  });

  it('quantile() with no observations in the window is no data', () => {
    const h = [histogram(0, { '10': 5, '+Inf': 5 }), histogram(1000, { '10': 5, '+Inf': 5 })];
    expect(evaluateScrapeQuery(query('quantile(0.95, lat_ms_bucket[5s])'), h)).toEqual({ kind: 'empty', reason: 'no observations in the last 5 s' });
  });

  it('bucketQuantile matches Prometheus at the edges', () => {
    const buckets = [
      { upperBound: 1, count: 10 },
      { upperBound: 2, count: 20 },
      { upperBound: Number.POSITIVE_INFINITY, count: 30 },
    ];
    expect(bucketQuantile(0.99, buckets)).toBe(2); // in the +Inf bucket: the highest finite bound
    expect(bucketQuantile(0.5, buckets)).toBe(1.5);
    expect(bucketQuantile(0.5, [{ upperBound: 1, count: 3 }])).toBeNaN();
  });
});
