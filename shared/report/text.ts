// Small text helpers shared by the report formats: times as the report writes them (UTC with the
// T-offset), durations, sizes, and the markdown escape for text people and hosts wrote.
import { describeActor, type Actor } from '../log/actor';
import { formatOffsetLabel, formatUtc } from '../timeline/format';

/** `2025-10-21 12:03:10 UTC`. */
export function utc(at: string | number): string {
  return formatUtc(typeof at === 'number' ? at : Date.parse(at), true);
}

/** `12:03:10 UTC (T+3m10s)`, or with the date when `withDate`. */
export function utcWithOffset(at: string | number, t0Ms: number, withDate = false): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return `${formatUtc(ms, withDate)} (${formatOffsetLabel(ms - t0Ms)})`;
}

export function who(actor: Actor): string {
  return describeActor(actor);
}

/** `850 ms`, `12.4 s`, `3 min 05 s`, `2 h 04 min`. */
export function formatDurationMs(ms: number | null): string {
  if (ms === null) return '—';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(abs / 1000);
  const sign = ms < 0 ? '-' : '';
  if (totalSeconds < 3600) return `${sign}${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${sign}${Math.floor(totalSeconds / 3600)} h ${String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0')} min`;
}

/** `+3 min`, `-45 s`, `on time`. */
export function formatDelta(ms: number | null): string {
  if (ms === null) return '—';
  if (Math.abs(ms) < 1000) return 'on time';
  const text = formatDurationMs(Math.abs(ms));
  return ms > 0 ? `+${text}` : `-${text}`;
}

/** `512 B`, `12.3 KB`, `4.56 MB` (1024-based, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** `12,345` — what toLocaleString('en-US') gives, without Intl's cost in long loops. */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${thousands(count)} ${count === 1 ? one : many}`;
}

/**
 * Text as literal markdown on one line, placed after a prefix of ours (never at a line start):
 * every character that could open inline or block syntax is backslash-escaped and line breaks
 * become spaces, so a note like "```bash" or "- [ ] x" stays
 * words and can never open a code block (a new step) or a list (new checklist items) on re-import.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .trim();
}
