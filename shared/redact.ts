// Redaction at ingest: every secret value, and its base64, URL-encoded, hex, shell-quoted and
// JSON-escaped forms, becomes `[REDACTED:NAME]` before output reaches the log, the UI or an export.
// Forms are searched in the raw text and in the text as a person sees it (terminal sequences and
// invisible characters removed, shared/terminalView.ts): `grep --color=always` splits a value with
// colour codes, and a match there cuts the whole covering span of the original.
//
// The redactor is streaming: output arrives in chunks and a secret may be split across two of
// them. It holds back only the shortest tail that could still turn into a secret (a suffix that is
// a proper prefix of some form), and `end()` flushes it. Overlapping occurrences (two secrets that
// share characters, or a repeated value) are merged into one redacted span, so no complete form
// of any secret survives, and streaming gives exactly the same text as redacting the whole output
// at once (up to the hold-back cap below).

import { base64Forms, hexForms, jsonEscapedForms, shellQuotedForms, urlEncodedForms } from './redactEncodings';
import { isPlainText, terminalView } from './terminalView';

/**
 * Values shorter than this are not redacted. A 1–3 character "secret" would match all over
 * ordinary output (replacing every `a` destroys the log) while protecting nothing, since such a
 * value is guessable anyway. The same floor applies to each derived form (the stable base64 runs of
 * a 4-byte value at odd alignments are only 4–5 characters). Ignored secrets are reported, so the
 * console can warn that they will appear in clear.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Cap on the held-back tail when overlapping occurrences keep chaining across chunk boundaries
 * (e.g. the secret `aaaa` inside a long run of `a`): beyond it the span found so far is emitted
 * redacted, so memory stays bounded on adversarial output.
 */
const MAX_HELD_CHARS = 64 * 1024;

export type SecretForm = 'value' | 'base64' | 'url';

export interface IgnoredSecret {
  name: string;
  reason: string;
}

export interface Redactor {
  /** Redacts one chunk; returns what can be released now (may be shorter than the input). */
  push(text: string): string;
  /** Releases the held-back tail, redacted. The redactor can be reused afterwards. */
  end(): string;
  /** Secrets that are not redacted, with the reason (too short, empty). */
  readonly ignored: readonly IgnoredSecret[];
  /** Number of redactions made so far. */
  readonly count: number;
}

interface Pattern {
  text: string;
  name: string;
}

export function redactionMarker(name: string): string {
  return `[REDACTED:${name}]`;
}

/** The value and every encoding of it that output may carry. */
export function secretForms(value: string): string[] {
  return [value, ...base64Forms(value), ...urlEncodedForms(value), ...hexForms(value), ...shellQuotedForms(value), ...jsonEscapedForms(value)];
}

/** Every form of every secret, longest first (so the longest form wins where several start). */
export function secretPatterns(secrets: Readonly<Record<string, string>>): { patterns: Pattern[]; ignored: IgnoredSecret[] } {
  const byText = new Map<string, string>();
  const ignored: IgnoredSecret[] = [];
  for (const name of Object.keys(secrets).sort()) {
    const value = secrets[name]!;
    if (value.length === 0) {
      ignored.push({ name, reason: 'empty value' });
      continue;
    }
    if (value.length < MIN_SECRET_LENGTH) {
      ignored.push({ name, reason: `shorter than ${MIN_SECRET_LENGTH} characters; it will appear in clear` });
      continue;
    }
    for (const form of secretForms(value)) {
      if (form.length >= MIN_SECRET_LENGTH && !byText.has(form)) byText.set(form, name);
    }
  }
  const patterns = [...byText].map(([text, name]) => ({ text, name }));
  patterns.sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  return { patterns, ignored };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledSecrets {
  patterns: Pattern[];
  ignored: IgnoredSecret[];
  nameOf: Map<string, string>;
  /** Source of the alternation of every form (a RegExp per redactor: `lastIndex` is state). */
  anySource: string;
  byFirstChar: Map<string, Pattern[]>;
  properPrefixes: Set<string>;
  longest: number;
}

/**
 * Compiled forms are cached (a fan-out redacts two streams on each of N hosts with one secret set,
 * and building the forms costs more than running a short command). Bounded, in memory only.
 */
const compiledCache = new Map<string, CompiledSecrets>();
const COMPILED_CACHE_SIZE = 16;

function compileSecrets(secrets: Readonly<Record<string, string>>): CompiledSecrets {
  const key = Object.keys(secrets)
    .sort()
    .map((name) => `${name}\u0000${secrets[name]}`)
    .join('\u0001');
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const { patterns, ignored } = secretPatterns(secrets);
  const byFirstChar = new Map<string, Pattern[]>();
  const properPrefixes = new Set<string>();
  let longest = 0;
  for (const pattern of patterns) {
    const first = pattern.text[0]!;
    byFirstChar.set(first, [...(byFirstChar.get(first) ?? []), pattern]);
    for (let i = 1; i < pattern.text.length; i++) properPrefixes.add(pattern.text.slice(0, i));
    longest = Math.max(longest, pattern.text.length);
  }
  const compiled: CompiledSecrets = {
    patterns,
    ignored,
    nameOf: new Map(patterns.map((p) => [p.text, p.name])),
    anySource: patterns.map((p) => escapeRegExp(p.text)).join('|'),
    byFirstChar,
    properPrefixes,
    longest,
  };
  if (compiledCache.size >= COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value!);
  compiledCache.set(key, compiled);
  return compiled;
}

export interface Span {
  start: number;
  end: number;
  name: string;
}

/** Finding forms in one piece of text: every occurrence, and how much of a tail must wait. */
interface Matcher {
  /** Start of the longest suffix of `text` that could still grow into a form; text.length if none. */
  holdStart(text: string): number;
  /** Every occurrence of any form, overlapping ones merged, in order. */
  occurrences(text: string): Span[];
}

function matcherFor({ nameOf, anySource, byFirstChar, properPrefixes, longest }: CompiledSecrets): Matcher {
  const anyPattern = new RegExp(anySource, 'g');
  /** End of the span starting at `start` after merging every occurrence that overlaps it. */
  const mergedEnd = (text: string, start: number, end: number): number => {
    for (let p = start + 1; p < end; p++) {
      for (const pattern of byFirstChar.get(text[p]!) ?? []) {
        if (p + pattern.text.length > end && text.startsWith(pattern.text, p)) end = p + pattern.text.length;
      }
    }
    return end;
  };
  return {
    holdStart(text) {
      for (let i = Math.max(0, text.length - longest + 1); i < text.length; i++) {
        if (properPrefixes.has(text.slice(i))) return i;
      }
      return text.length;
    },
    occurrences(text) {
      const spans: Span[] = [];
      anyPattern.lastIndex = 0;
      for (let match = anyPattern.exec(text); match !== null; match = anyPattern.exec(text)) {
        const end = mergedEnd(text, match.index, match.index + match[0].length);
        spans.push({ start: match.index, end, name: nameOf.get(match[0])! });
        anyPattern.lastIndex = end;
      }
      return spans;
    },
  };
}

/**
 * Where forms of the secrets are in `text` (raw and as seen, merged), and where a tail that could
 * still become one starts — for redacting across pieces, such as two streams interleaved
 * (shared/redactInterleaved.ts). Null when no secret is long enough to redact.
 */
export function secretFinder(secrets: Readonly<Record<string, string>>): { spans(text: string): Span[]; holdStart(text: string): number } | null {
  const compiled = compileSecrets(secrets);
  if (compiled.patterns.length === 0) return null;
  const matcher = matcherFor(compiled);
  return {
    spans(text) {
      const spans = matcher.occurrences(text);
      if (isPlainText(text)) return spans;
      const view = terminalView(text, true);
      const seen = matcher.occurrences(view.text).map((span) => ({ start: view.rawIndex[span.start]!, end: view.rawIndex[span.end - 1]! + 1, name: span.name }));
      return seen.length > 0 ? mergeSpans([...spans, ...seen]) : spans;
    },
    holdStart(text) {
      let hold = matcher.holdStart(text);
      if (isPlainText(text)) return hold;
      const view = terminalView(text, false);
      if (view.incompleteFrom >= 0) hold = Math.min(hold, view.incompleteFrom);
      const viewHold = matcher.holdStart(view.text);
      if (viewHold < view.text.length) hold = Math.min(hold, view.rawIndex[viewHold]!);
      return view.unitStart(hold);
    },
  };
}

export function createRedactor(secrets: Readonly<Record<string, string>>): Redactor {
  const compiled = compileSecrets(secrets);
  const { patterns, ignored } = compiled;
  if (patterns.length === 0) return passThroughRedactor(ignored);
  const { holdStart, occurrences } = matcherFor(compiled);

  let pending = '';
  let count = 0;

  const redactBuffered = (text: string, final: boolean): string => {
    let hold = final ? text.length : holdStart(text);
    let spans = occurrences(text);
    // Output with control sequences is also searched as a person sees it; a match there cuts the
    // original from its first to its last visible character, sequences inside included.
    const view = isPlainText(text) ? null : terminalView(text, final);
    if (view) {
      if (!final) {
        if (view.incompleteFrom >= 0) hold = Math.min(hold, view.incompleteFrom);
        const viewHold = holdStart(view.text);
        if (viewHold < view.text.length) hold = Math.min(hold, view.rawIndex[viewHold]!);
        hold = view.unitStart(Math.max(hold, text.length - MAX_HELD_CHARS));
      }
      const seen = occurrences(view.text).map((span) => ({ start: view.rawIndex[span.start]!, end: view.rawIndex[span.end - 1]! + 1, name: span.name }));
      if (seen.length > 0) spans = mergeSpans([...spans, ...seen]);
    }
    let out = '';
    let emitted = 0;
    let commit = hold;
    for (const span of spans) {
      if (span.start >= hold) break;
      if (span.end > hold && text.length - span.start <= MAX_HELD_CHARS) {
        // A form may begin inside this span and end in the next chunk: keep the whole span.
        commit = view ? view.unitStart(span.start) : span.start;
        break;
      }
      out += text.slice(emitted, span.start) + redactionMarker(span.name);
      count++;
      emitted = span.end;
      commit = Math.max(hold, span.end);
    }
    out += text.slice(emitted, Math.max(emitted, commit));
    pending = text.slice(Math.max(emitted, commit));
    return out;
  };

  return {
    push: (text) => (text.length === 0 && pending.length === 0 ? '' : redactBuffered(pending + text, false)),
    end: () => (pending.length === 0 ? '' : redactBuffered(pending, true)),
    ignored,
    get count() {
      return count;
    },
  };
}

/** Sorted by start, overlapping spans joined (the first one's name is kept). */
function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function passThroughRedactor(ignored: IgnoredSecret[]): Redactor {
  return { push: (text) => text, end: () => '', ignored, count: 0 };
}

/** Redacts a whole text at once (error messages, exported fields). */
export function redactText(text: string, secrets: Readonly<Record<string, string>>): string {
  const redactor = createRedactor(secrets);
  return redactor.push(text) + redactor.end();
}
