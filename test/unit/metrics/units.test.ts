import { describe, expect, it } from 'vitest';
import { convertUnit, formatValue, normaliseUnit } from '../../../shared/metrics/units';

describe('units', () => {
  it('reads units as people write them', () => {
    expect(normaliseUnit('percent')).toBe('%');
    expect(normaliseUnit('count/s')).toBe('rps');
    expect(normaliseUnit('MiB')).toBe('MB');
    expect(normaliseUnit('Seconds')).toBe('s');
    expect(normaliseUnit('furlongs')).toBeNull();
  });

  it('converts seconds to the milliseconds a threshold is written in, and says how', () => {
    const result = convertUnit(0.75, 's', 'ms');
    expect(result).toEqual({ ok: true, value: 750, note: 'converted from seconds to milliseconds (× 1,000)' });
  });

  it('converts milliseconds to seconds', () => {
    expect(convertUnit(2500, 'ms', 's')).toMatchObject({ ok: true, value: 2.5, note: expect.stringContaining('÷ 1,000') });
  });

  it('converts a 0–1 fraction to percent', () => {
    expect(convertUnit(0.042, 'ratio', '%')).toMatchObject({ ok: true, value: expect.closeTo(4.2, 9), note: expect.stringContaining('× 100') });
  });

  it('converts bytes to MB as MiB (Redis and dashboards count memory in powers of two)', () => {
    expect(convertUnit(512 * 1024 * 1024, 'bytes', 'MB')).toMatchObject({ ok: true, value: 512 });
  });

  it('refuses to compare units of different kinds', () => {
    expect(convertUnit(120, 'ms', '%')).toEqual({ ok: false, reason: 'unit mismatch: the binding gives milliseconds, the threshold is in percent' });
  });

  it('compares as is when a side has no unit, and says so', () => {
    expect(convertUnit(3, null, '%')).toEqual({ ok: true, value: 3, note: 'compared as is (the binding has no unit)' });
    expect(convertUnit(3, '%', '%')).toEqual({ ok: true, value: 3, note: '' });
  });

  it('formats values for messages', () => {
    expect(formatValue(4.234, '%')).toBe('4.23%');
    expect(formatValue(1475, 'ms')).toBe('1475 ms');
    expect(formatValue(Number.POSITIVE_INFINITY, 'ms')).toBe('+Inf ms');
  });
});
