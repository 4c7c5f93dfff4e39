// How times read on screen: UTC first (the launch runs on UTC), local second.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2025-10-21 12:00:00 UTC` */
export function formatUtc(value: string | number | Date, withSeconds = true): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return 'invalid time';
  const time = withSeconds ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time} UTC`;
}

// One formatter for the page: `toLocaleTimeString` with options builds a new one on every call,
// which the countdown and the clock do on every render.
const localTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short' });

/** `14:00:00` in the browser's own time zone, with its short name. */
export function formatLocalTime(value: number | Date): string {
  return localTime.format(new Date(value));
}

/** Value for a `datetime-local` input holding a UTC time. */
export function toUtcInputValue(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A `datetime-local` value read as UTC; null when incomplete. */
export function fromUtcInputValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(`${value}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
