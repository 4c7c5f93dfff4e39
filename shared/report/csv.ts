// The event log as CSV: one row per event (seq, at, actor, role, type, summary, payload, hash),
// RFC 4180 — CRLF line ends, every field quoted when it holds a comma, a quote, CR or LF, quotes
// doubled. Text a person typed (actor names, notes in the summary) that begins like a spreadsheet
// formula (= + - @ tab CR) gets a leading apostrophe, so opening the file in a spreadsheet never
// runs it (OWASP "CSV injection"); the payload column is the event's JSON, untouched.
import type { LoggedEvent } from '../log/eventTypes';
import { describeEvent, type RunbookNames } from './eventSummary';

export const CSV_HEADER = ['seq', 'at', 'actor', 'role', 'type', 'summary', 'payload', 'hash'] as const;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell of free text, defused against formula execution in spreadsheets. */
export function csvText(value: string): string {
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

export function csvRow(event: LoggedEvent, names: RunbookNames): string {
  return [
    String(event.seq),
    csvField(event.at),
    csvText(event.actor.name),
    csvText(event.actor.role ?? ''),
    csvField(event.type),
    csvText(describeEvent(event, names)),
    csvField(JSON.stringify(event.payload)),
    event.hash,
  ].join(',');
}

/** The file as pieces (header first), each ending in CRLF, for streaming or joining. */
export function* csvLines(events: Iterable<LoggedEvent>, names: RunbookNames): Generator<string> {
  yield `${CSV_HEADER.join(',')}\r\n`;
  for (const event of events) yield `${csvRow(event, names)}\r\n`;
}
