// Redaction across streams. A command's stdout and stderr usually reach the same terminal, so
// `printf Pa; printf 55 >&2` shows `Pa55` to anyone who replays them in arrival order (the run
// view, a JSON or CSV export read top to bottom), though neither stream holds the value. Each
// stream is first redacted on its own (shared/redact.ts); the released pieces are then searched
// again in arrival order, and a form found across pieces is cut from every piece it touches, the
// marker going where it starts. A tail that could still become a form waits for the next piece of
// any stream, and the last tail only when every stream has ended.
import { createRedactor, redactionMarker, secretFinder, type IgnoredSecret, type Span } from './redact';

export interface StreamPiece<S extends string> {
  stream: S;
  text: string;
}

export interface InterleavedRedactor<S extends string> {
  /** Redacts one chunk of `stream`; returns the pieces (of any stream) that can be released now, in order. */
  push(stream: S, text: string): Array<StreamPiece<S>>;
  /** `stream` has ended; the last pieces are released once every stream has. */
  end(stream: S): Array<StreamPiece<S>>;
  readonly ignored: readonly IgnoredSecret[];
}

/** Beyond this many held characters the pieces are released (memory stays bounded on adversarial output). */
const MAX_HELD_CHARS = 64 * 1024;

export function createInterleavedRedactor<S extends string>(secrets: Readonly<Record<string, string>>, streams: readonly S[]): InterleavedRedactor<S> {
  const perStream = new Map(streams.map((stream) => [stream, createRedactor(secrets)]));
  const ignored = perStream.get(streams[0]!)?.ignored ?? [];
  const finder = secretFinder(secrets);
  const open = new Set(streams);
  let held: Array<StreamPiece<S>> = [];

  const settle = (added: StreamPiece<S>, final: boolean): Array<StreamPiece<S>> => {
    const pieces = added.text.length > 0 ? [...held, added] : held;
    if (!finder) {
      held = [];
      return pieces;
    }
    const joined = pieces.map((piece) => piece.text).join('');
    let hold = final ? joined.length : finder.holdStart(joined);
    // One stream alone was searched whole by its own redactor; only pieces of two streams need it again.
    const spans = new Set(pieces.map((piece) => piece.stream)).size > 1 ? finder.spans(joined) : [];
    for (const span of spans) if (span.end > hold && !final) hold = Math.min(hold, span.start);
    if (joined.length - hold > MAX_HELD_CHARS) hold = joined.length;
    const released: Array<StreamPiece<S>> = [];
    const kept: Array<StreamPiece<S>> = [];
    let offset = 0;
    for (const piece of pieces) {
      const start = offset;
      offset += piece.text.length;
      const cut = Math.min(Math.max(hold - start, 0), piece.text.length);
      if (cut > 0) append(released, piece.stream, cutSpans(piece.text.slice(0, cut), start, spans));
      if (cut < piece.text.length) kept.push({ stream: piece.stream, text: piece.text.slice(cut) });
    }
    held = kept;
    return released.filter((piece) => piece.text.length > 0);
  };

  return {
    push: (stream, text) => settle({ stream, text: perStream.get(stream)!.push(text) }, false),
    end(stream) {
      open.delete(stream);
      return settle({ stream, text: perStream.get(stream)!.end() }, open.size === 0);
    },
    ignored,
  };
}

/** `text` (which starts at `offset` of the joined pieces) with the parts inside spans removed, a marker where a span starts. */
function cutSpans(text: string, offset: number, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    const start = span.start - offset;
    const end = span.end - offset;
    if (end <= 0 || start >= text.length) continue;
    out += text.slice(at, Math.max(at, start));
    if (start >= 0) out += redactionMarker(span.name);
    at = Math.min(text.length, end);
  }
  return out + text.slice(at);
}

function append<S extends string>(pieces: Array<StreamPiece<S>>, stream: S, text: string): void {
  const last = pieces.at(-1);
  if (last && last.stream === stream) last.text += text;
  else pieces.push({ stream, text });
}
