// A host's output as lines for the viewer: chunks of stdout and stderr arrive interleaved and cut
// anywhere (mid-line, mid-escape-sequence, between \r and \n); each stream keeps its own open line
// and its own ANSI colour state, so a colour set on one line carries to the next as a terminal
// would. Colours become span descriptions (class names and rgb values), never HTML.
//
// Pure data (no DOM): the viewer renders only the visible lines; search reads `text`.
import Anser from 'anser';
import { stripSequences } from '../../../../../shared/terminalView';

export type OutputStream = 'stdout' | 'stderr';

export interface OutputSpan {
  text: string;
  /** Space-separated `ansi-*` classes (16 colours, decorations), or null. */
  className: string | null;
  /** 256-colour and true-colour values as `r, g, b`. */
  fg: string | null;
  bg: string | null;
}

export interface OutputLine {
  stream: OutputStream;
  /** The line as plain text (escape sequences removed): what search and copy see. */
  text: string;
  /** Styled pieces; null when the line has no colour at all (the common case, kept cheap). */
  spans: OutputSpan[] | null;
  /** The continuation of a line cut at MAX_LINE_CHARS. */
  continued: boolean;
}

/** Longer lines are cut into continuation lines so one row never holds megabytes of text. */
export const MAX_LINE_CHARS = 4096;

// Control characters other than tab are dropped rather than shown as garbage.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

interface StreamState {
  anser: Anser;
  /** True while a colour or decoration is in effect (so plain text still needs spans). */
  styled: boolean;
  /** Index in `lines` of this stream's unterminated line, or -1. */
  openLine: number;
  carry: string;
}

const PALETTE_LEVELS = [0, 95, 135, 175, 215, 255];

/** xterm 256-colour palette entry (16–255) as `r, g, b`. */
function paletteRgb(index: number): string {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `${level}, ${level}, ${level}`;
  }
  const i = index - 16;
  return `${PALETTE_LEVELS[Math.floor(i / 36)]}, ${PALETTE_LEVELS[Math.floor(i / 6) % 6]}, ${PALETTE_LEVELS[i % 6]}`;
}

function colourOf(value: string | null, truecolor: string | null, side: 'fg' | 'bg'): { cls: string | null; rgb: string | null } {
  if (!value) return { cls: null, rgb: null };
  if (value === 'ansi-truecolor') return { cls: null, rgb: truecolor };
  const palette = /^ansi-palette-(\d+)$/.exec(value);
  if (palette) return { cls: null, rgb: paletteRgb(Number(palette[1])) };
  return { cls: `${value}-${side}`, rgb: null };
}

interface AnserStyle {
  fg: string | null;
  bg: string | null;
  fg_truecolor: string | null;
  bg_truecolor: string | null;
  decorations: string[];
}

function spanOf(text: string, style: AnserStyle): OutputSpan {
  const fg = colourOf(style.fg, style.fg_truecolor, 'fg');
  const bg = colourOf(style.bg, style.bg_truecolor, 'bg');
  const classes = [fg.cls, bg.cls, ...style.decorations.map((d) => `ansi-${d}`)].filter(Boolean);
  return { text, className: classes.length ? classes.join(' ') : null, fg: fg.rgb, bg: bg.rgb };
}

const clean = (text: string) => stripSequences(text, true).text.replace(CONTROL, '');

export class OutputLines {
  readonly lines: OutputLine[] = [];
  /** Bytes of text taken in (as characters), for the status line. */
  chars = 0;
  private readonly streams: Record<OutputStream, StreamState> = {
    stdout: { anser: new Anser(), styled: false, openLine: -1, carry: '' },
    stderr: { anser: new Anser(), styled: false, openLine: -1, carry: '' },
  };

  /**
   * Lines before this index never change again (both streams' open lines are at or after it):
   * search results for them can be kept.
   */
  get stableCount(): number {
    const open = [this.streams.stdout.openLine, this.streams.stderr.openLine].filter((i) => i >= 0);
    return open.length ? Math.min(...open) : this.lines.length;
  }

  append(stream: OutputStream, chunk: string): void {
    this.chars += chunk.length;
    const state = this.streams[stream];
    // Sequences other than colours go before anser sees them (with the stripper the redaction view
    // uses, shared/terminalView.ts); one cut off at the end of a chunk, or a \r, waits for the next.
    const stripped = stripSequences(state.carry + chunk, false, true);
    let text = stripped.text;
    state.carry = stripped.rest;
    if (!state.carry && text.endsWith('\r')) {
      state.carry = '\r';
      text = text.slice(0, -1);
    }
    if (!text) return;
    // The first piece continues the stream's open line; every line break ends the open line
    // (or records an empty line when none is open).
    const pieces = text.split(/\r\n|\n|\r/);
    pieces.forEach((piece, i) => {
      if (piece) this.addToOpenLine(stream, state, piece);
      if (i === pieces.length - 1) return;
      if (state.openLine < 0) this.lines.push({ stream, text: '', spans: null, continued: false });
      state.openLine = -1;
    });
  }

  /** Flushes what waits in the carry (a lone \r or cut escape at the very end of the output). */
  finish(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const state = this.streams[stream];
      if (state.carry) {
        const carry = state.carry;
        state.carry = '';
        if (carry !== '\r') this.addToOpenLine(stream, state, carry);
      }
      state.openLine = -1;
    }
  }

  /** Drops the oldest lines (memory cap); indices shift down by `count`. */
  dropOldest(count: number): void {
    const n = Math.min(count, this.lines.length);
    this.lines.splice(0, n);
    for (const state of Object.values(this.streams)) {
      if (state.openLine >= 0) state.openLine = state.openLine >= n ? state.openLine - n : -1;
    }
  }

  private addToOpenLine(stream: OutputStream, state: StreamState, piece: string): void {
    const parsed = this.parse(state, piece);
    if (!parsed.text) return;
    let line = state.openLine >= 0 ? this.lines[state.openLine] : undefined;
    if (!line) {
      line = { stream, text: '', spans: null, continued: false };
      this.lines.push(line);
      state.openLine = this.lines.length - 1;
    }
    this.extend(stream, state, line, parsed.text, parsed.spans);
  }

  private extend(stream: OutputStream, state: StreamState, first: OutputLine, text: string, spans: OutputSpan[] | null): void {
    let line = first;
    let rest = text;
    let restSpans = spans;
    for (;;) {
      const room = MAX_LINE_CHARS - line.text.length;
      if (rest.length <= room) {
        appendTo(line, rest, restSpans);
        return;
      }
      const [head, tail] = splitSpans(restSpans, room);
      appendTo(line, rest.slice(0, room), head);
      rest = rest.slice(room);
      restSpans = tail;
      line = { stream, text: '', spans: null, continued: true };
      this.lines.push(line);
      state.openLine = this.lines.length - 1;
    }
  }

  private parse(state: StreamState, piece: string): { text: string; spans: OutputSpan[] | null } {
    if (!state.styled && !piece.includes('\x1b')) return { text: clean(piece), spans: null };
    const a = state.anser as unknown as AnserStyle;
    // anser styles the text before the first escape of a call as unstyled; it continues the
    // style carried from the previous piece, so take a copy of it first.
    const carried: AnserStyle = { fg: a.fg, bg: a.bg, fg_truecolor: a.fg_truecolor, bg_truecolor: a.bg_truecolor, decorations: [...a.decorations] };
    const entries = state.anser.ansiToJson(piece, { use_classes: true });
    state.styled = !!(a.fg || a.bg || a.decorations.length);
    const spans: OutputSpan[] = [];
    entries.forEach((entry, i) => {
      const content = clean(entry.content);
      if (!content) return;
      spans.push(i === 0 ? spanOf(content, carried) : spanOf(content, { ...entry, decorations: [...entry.decorations] }));
    });
    const text = spans.map((s) => s.text).join('');
    return { text, spans: spans.some((s) => s.className || s.fg || s.bg) ? spans : null };
  }
}

function appendTo(line: OutputLine, text: string, spans: OutputSpan[] | null): void {
  if (spans || line.spans) {
    const existing = line.spans ?? (line.text ? [{ text: line.text, className: null, fg: null, bg: null }] : []);
    line.spans = [...existing, ...(spans ?? [{ text, className: null, fg: null, bg: null }])];
  }
  line.text += text;
}

/** Splits styled pieces at a character offset. */
function splitSpans(spans: OutputSpan[] | null, at: number): [OutputSpan[] | null, OutputSpan[] | null] {
  if (!spans) return [null, null];
  const head: OutputSpan[] = [];
  const tail: OutputSpan[] = [];
  let offset = 0;
  for (const span of spans) {
    const end = offset + span.text.length;
    if (end <= at) head.push(span);
    else if (offset >= at) tail.push(span);
    else {
      head.push({ ...span, text: span.text.slice(0, at - offset) });
      tail.push({ ...span, text: span.text.slice(at - offset) });
    }
    offset = end;
  }
  return [head, tail];
}
