import { describe, expect, it } from 'vitest';
import { createSystemClock, createTestClock, elapsedSince } from '../../../shared/timeline';

describe('injected clocks', () => {
  it('a test clock advances wall and monotonic time together', () => {
    const clock = createTestClock(Date.UTC(2025, 9, 21, 11, 55), 1000);
    const mark = clock.monotonic();
    clock.advance(5 * 60_000);
    expect(clock.now()).toBe(Date.UTC(2025, 9, 21, 12, 0));
    expect(elapsedSince(clock, mark)).toBe(5 * 60_000);
  });

  it('a wall-clock jump on the test clock does not change measured durations', () => {
    const clock = createTestClock(Date.UTC(2025, 9, 21, 12, 0));
    const mark = clock.monotonic();
    clock.advance(2000);
    clock.set(Date.UTC(2025, 9, 21, 11, 0)); // the wall clock is stepped back an hour
    expect(elapsedSince(clock, mark)).toBe(2000);
    expect(clock.now()).toBe(Date.UTC(2025, 9, 21, 11, 0));
  });

  it('refuses to let negative time pass', () => {
    const clock = createTestClock(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('the system clock reads wall time from Date and durations from the monotonic source given', () => {
    let mono = 10;
    const clock = createSystemClock(() => mono);
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    mono = 25;
    expect(elapsedSince(clock, 10)).toBe(15);
  });
});
