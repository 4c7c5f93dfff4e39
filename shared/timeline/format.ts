// Text for the clock display: the T-minus / T-plus counter, countdowns, T-offset labels, and wall
// times in UTC (primary) and in a zone the caller names. Nothing here reads the current time or
// the machine's time zone: the same inputs give the same text on every machine and in every test.

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** How a sub-second remainder becomes whole seconds. */
export type SecondRounding = 'floor' | 'ceil';

/** Splits a non-negative duration into whole days/hours/minutes/seconds. */
export function durationParts(ms: number, rounding: SecondRounding = 'floor'): DurationParts {
  const abs = Math.abs(ms);
  const totalSeconds = rounding === 'ceil' ? Math.ceil(abs / SECOND) : Math.floor(abs / SECOND);
  return {
    days: Math.floor(totalSeconds / 86_400),
    hours: Math.floor((totalSeconds % 86_400) / 3600),
    minutes: Math.floor((totalSeconds % 3600) / 60),
    seconds: totalSeconds % 60,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function partsText(p: DurationParts): string {
  const clock = `${pad2(p.hours)}:${pad2(p.minutes)}:${pad2(p.seconds)}`;
  return p.days > 0 ? `${p.days}d ${clock}` : clock;
}

/** `00:05:00`, `3d 00:00:00` (days only beyond 24 h). The sign of `ms` is ignored. */
export function formatDuration(ms: number, rounding: SecondRounding = 'floor'): string {
  return partsText(durationParts(ms, rounding));
}

/**
 * A countdown to something ahead: rounded up, so it shows `00:00:01` during the last second and
 * reaches `00:00:00` exactly when the moment arrives. A moment already past shows `00:00:00`.
 */
export function formatCountdown(remainingMs: number): string {
  return formatDuration(Math.max(0, remainingMs), 'ceil');
}

export interface TCounter {
  /** `-` before T0, `+` from T0 on. */
  sign: '-' | '+';
  parts: DurationParts;
  /** `T-00:05:00`, `T+01:02:03`, `T-3d 00:00:00`. */
  text: string;
}

/**
 * The big counter. Before T0 the remaining time is rounded up and from T0 on the elapsed time is
 * rounded down, so the display ticks `T-00:00:01` → `T+00:00:00` at the exact instant of T0 and
 * never shows `T-00:00:00` (no "negative zero"), whatever the sub-second phase of the clock.
 */
export function tCounter(nowMs: number, t0Ms: number): TCounter {
  const relative = nowMs - t0Ms;
  const before = relative < 0;
  const parts = durationParts(relative, before ? 'ceil' : 'floor');
  const sign = before ? '-' : '+';
  return { sign, parts, text: `T${sign}${partsText(parts)}` };
}

export function formatTCounter(nowMs: number, t0Ms: number): string {
  return tCounter(nowMs, t0Ms).text;
}

/**
 * A planned time as a T-offset label: `T+5m`, `T-30m`, `T+1h30m`, `T+2h`, `T-3d`, `T+1d2h`,
 * `T+5m30s`; T0 itself is `T+0m`. Rounded to the nearest second; zero parts are left out.
 */
export function formatOffsetLabel(offsetMs: number): string {
  const totalSeconds = Math.round(Math.abs(offsetMs) / SECOND);
  if (totalSeconds === 0) return 'T+0m';
  const sign = offsetMs < 0 ? '-' : '+';
  const p = durationParts(totalSeconds * SECOND);
  let text = '';
  if (p.days) text += `${p.days}d`;
  if (p.hours) text += `${p.hours}h`;
  if (p.minutes) text += `${p.minutes}m`;
  if (p.seconds) text += `${p.seconds}s`;
  return `T${sign}${text}`;
}

/** `T+5m..T+15m`; an unknown end or start is written `?`. */
export function formatWindowLabel(startOffsetMs: number | null, endOffsetMs: number | null): string {
  const side = (v: number | null) => (v == null ? '?' : formatOffsetLabel(v));
  return `${side(startOffsetMs)}..${side(endOffsetMs)}`;
}

/** Where to show a wall time. IANA zones go through Intl with the zone named explicitly. */
export type ZoneSpec =
  | { kind: 'utc' }
  | { kind: 'fixed'; offsetMinutes: number; label?: string }
  | { kind: 'iana'; timeZone: string };

export interface WallTime {
  /** `2025-10-21` in the zone. */
  date: string;
  /** `14:00:00` in the zone (24-hour). */
  time: string;
  /** `14:00` in the zone. */
  timeShort: string;
  /** Minutes east of UTC at that instant (DST included for IANA zones). */
  offsetMinutes: number;
  /** `UTC+02:00`, `UTC`. */
  offsetLabel: string;
  /** `UTC`, the IANA name, or the fixed zone's label (falls back to the offset label). */
  zoneLabel: string;
  /** `2025-10-21 14:00:00 Europe/Berlin`. */
  text: string;
}

function offsetLabelOf(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function utcFields(ms: number): { date: string; time: string; timeShort: string } {
  const iso = new Date(ms).toISOString(); // 2025-10-21T12:00:00.000Z (UTC by definition)
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), timeShort: iso.slice(11, 16) };
}

function ianaOffsetMinutes(ms: number, timeZone: string): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = fmt.formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // The zone's wall clock read back as if it were UTC; the difference to the instant is the offset.
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSecondInstant = Math.floor(ms / SECOND) * SECOND;
  return Math.round((asUtc - wholeSecondInstant) / MINUTE);
}

/** True when the runtime's Intl knows the IANA zone name (settings should check before saving). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall time of instant `ms` in `zone`. Throws RangeError for an unknown IANA zone name. */
export function wallTimeIn(ms: number, zone: ZoneSpec): WallTime {
  let offsetMinutes = 0;
  let zoneLabel = 'UTC';
  if (zone.kind === 'fixed') {
    offsetMinutes = zone.offsetMinutes;
    zoneLabel = zone.label ?? offsetLabelOf(offsetMinutes);
  } else if (zone.kind === 'iana') {
    offsetMinutes = ianaOffsetMinutes(ms, zone.timeZone);
    zoneLabel = zone.timeZone;
  }
  const fields = utcFields(ms + offsetMinutes * MINUTE);
  return {
    ...fields,
    offsetMinutes,
    offsetLabel: offsetLabelOf(offsetMinutes),
    zoneLabel,
    text: `${fields.date} ${fields.time} ${zoneLabel}`,
  };
}

/** `12:00:00 UTC`; with `withDate`, `2025-10-21 12:00:00 UTC`. */
export function formatUtc(ms: number, withDate = false): string {
  const f = utcFields(ms);
  return withDate ? `${f.date} ${f.time} UTC` : `${f.time} UTC`;
}
