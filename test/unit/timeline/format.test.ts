import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDuration,
  formatOffsetLabel,
  formatTCounter,
  formatUtc,
  formatWindowLabel,
  isKnownTimeZone,
  tCounter,
  wallTimeIn,
} from '../../../shared/timeline';
import { MIN, SEC } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('T-minus / T-plus counter', () => {
  it('counts down before T0 and up after it', () => {
    expect(formatTCounter(T0 - 5 * MIN, T0)).toBe('T-00:05:00');
    expect(formatTCounter(T0 + HOUR + 2 * MIN + 3 * SEC, T0)).toBe('T+01:02:03');
    expect(formatTCounter(T0 - 30 * MIN, T0)).toBe('T-00:30:00');
  });

  it('shows T+00:00:00 exactly at T0 and never a negative zero', () => {
    expect(formatTCounter(T0, T0)).toBe('T+00:00:00');
    // The last sub-second before T0 still shows the final second to go.
    expect(formatTCounter(T0 - 1, T0)).toBe('T-00:00:01');
    expect(formatTCounter(T0 - 999, T0)).toBe('T-00:00:01');
    expect(formatTCounter(T0 + 999, T0)).toBe('T+00:00:00');
    expect(formatTCounter(T0 + 1000, T0)).toBe('T+00:00:01');
    expect(tCounter(T0, T0).sign).toBe('+');
  });

  it('rounds the remaining time up before T0 so every second is shown for a whole second', () => {
    expect(formatTCounter(T0 - 5 * MIN - 1, T0)).toBe('T-00:05:01');
    expect(formatTCounter(T0 - 5 * MIN + 1, T0)).toBe('T-00:05:00');
    expect(formatTCounter(T0 + 5 * MIN - 1, T0)).toBe('T+00:04:59');
  });

  it('writes days beyond 24 hours', () => {
    expect(formatTCounter(T0 - 3 * DAY, T0)).toBe('T-3d 00:00:00');
    expect(formatTCounter(T0 + DAY + HOUR + 1 * SEC, T0)).toBe('T+1d 01:00:01');
    expect(formatTCounter(T0 - 24 * HOUR + SEC, T0)).toBe('T-23:59:59');
    expect(formatTCounter(T0 - 24 * HOUR, T0)).toBe('T-1d 00:00:00');
    expect(tCounter(T0 - 72 * HOUR, T0).parts).toEqual({ days: 3, hours: 0, minutes: 0, seconds: 0 });
  });
});

describe('durations and countdowns', () => {
  it('formats a duration with days only when needed', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(90 * MIN)).toBe('01:30:00');
    expect(formatDuration(49 * HOUR)).toBe('2d 01:00:00');
  });

  it('counts a countdown down to 00:00:00 at the moment and not below', () => {
    expect(formatCountdown(5 * MIN)).toBe('00:05:00');
    expect(formatCountdown(1)).toBe('00:00:01');
    expect(formatCountdown(0)).toBe('00:00:00');
    expect(formatCountdown(-30 * SEC)).toBe('00:00:00');
  });
});

describe('T-offset labels', () => {
  it('writes offsets the way runbooks do', () => {
    expect(formatOffsetLabel(5 * MIN)).toBe('T+5m');
    expect(formatOffsetLabel(-30 * MIN)).toBe('T-30m');
    expect(formatOffsetLabel(90 * MIN)).toBe('T+1h30m');
    expect(formatOffsetLabel(2 * HOUR)).toBe('T+2h');
    expect(formatOffsetLabel(-72 * HOUR)).toBe('T-3d');
    expect(formatOffsetLabel(26 * HOUR)).toBe('T+1d2h');
    expect(formatOffsetLabel(5 * MIN + 30 * SEC)).toBe('T+5m30s');
  });

  it('writes T0 itself as T+0m, whatever the sign of zero or a sub-second remainder', () => {
    expect(formatOffsetLabel(0)).toBe('T+0m');
    expect(formatOffsetLabel(-0)).toBe('T+0m');
    expect(formatOffsetLabel(-400)).toBe('T+0m');
  });

  it('writes a window as start..end with ? for an unknown side', () => {
    expect(formatWindowLabel(5 * MIN, 15 * MIN)).toBe('T+5m..T+15m');
    expect(formatWindowLabel(30 * MIN, null)).toBe('T+30m..?');
  });
});

describe('wall times', () => {
  it('gives UTC time and date, also across midnight', () => {
    const lateT0 = Date.UTC(2025, 9, 21, 23, 50, 0);
    expect(formatUtc(lateT0)).toBe('23:50:00 UTC');
    expect(formatUtc(lateT0 + 15 * MIN, true)).toBe('2025-10-22 00:05:00 UTC');
    expect(wallTimeIn(lateT0 + 15 * MIN, { kind: 'utc' })).toMatchObject({ date: '2025-10-22', time: '00:05:00', offsetLabel: 'UTC' });
  });

  it('gives the local time for a fixed offset passed in', () => {
    const w = wallTimeIn(T0, { kind: 'fixed', offsetMinutes: 330, label: 'IST' });
    expect(w).toMatchObject({ date: '2025-10-21', time: '17:30:00', timeShort: '17:30', offsetLabel: 'UTC+05:30', zoneLabel: 'IST' });
    const west = wallTimeIn(Date.UTC(2025, 9, 21, 2, 0, 0), { kind: 'fixed', offsetMinutes: -7 * 60 });
    expect(west).toMatchObject({ date: '2025-10-20', time: '19:00:00', zoneLabel: 'UTC-07:00' });
  });

  it('gives the local time in a named IANA zone, with that zone’s offset at the instant', () => {
    expect(wallTimeIn(T0, { kind: 'iana', timeZone: 'Europe/Berlin' })).toMatchObject({
      time: '14:00:00',
      offsetMinutes: 120,
      text: '2025-10-21 14:00:00 Europe/Berlin',
    });
    // A week later Berlin is back on winter time: the offset comes from the zone, not from the machine.
    expect(wallTimeIn(T0 + 7 * DAY, { kind: 'iana', timeZone: 'Europe/Berlin' })).toMatchObject({ time: '13:00:00', offsetMinutes: 60 });
    expect(wallTimeIn(T0 + 250, { kind: 'iana', timeZone: 'America/New_York' })).toMatchObject({ time: '08:00:00', offsetMinutes: -240 });
  });

  it('tells a known zone name from an unknown one', () => {
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => wallTimeIn(T0, { kind: 'iana', timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});
