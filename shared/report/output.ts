// Step output as the report shows it. Output is stored already redacted (at ingest), in chunks, per
// run and host. The report shows each host's output whole while it fits the report's budgets (per
// step run and per report); beyond them it shows the first and the last lines with a note that says
// exactly how much is left out and where the complete output is (the session file) — it is never
// cut silently. Terminal control sequences (colours, cursor moves) are removed for reading.
import { stripSequences } from '../terminalView';

export type OutputStream = 'stdout' | 'stderr';

/** One stored chunk of a host's output (the output table's row, without its run and host). */
export interface OutputChunk {
  seq: number;
  stream: OutputStream;
  at: string;
  /** Already redacted at ingest. */
  text: string;
}

/** Where the report reads output from: the console's output store, or a session file's outputs. */
export interface OutputSource {
  chunks(runId: string, target: string): Iterable<OutputChunk>;
}

export const NO_OUTPUT: OutputSource = { chunks: () => [] };

export interface OutputLimits {
  /** Characters of output shown whole per step run, all its hosts together. */
  perRunChars: number;
  /** Characters of output shown whole in the whole report. */
  totalChars: number;
  /** Beyond a budget: this many lines (and at most `excerptChars`) from the start and from the end. */
  excerptLines: number;
  excerptChars: number;
}

/** The HTML report: whole output up to 256 KB per step run and 8 MB per report. */
export const HTML_OUTPUT_LIMITS: OutputLimits = { perRunChars: 256 * 1024, totalChars: 8 * 1024 * 1024, excerptLines: 100, excerptChars: 16 * 1024 };
/** The PDF prints every output open: a page budget rather than a download budget. */
export const PDF_OUTPUT_LIMITS: OutputLimits = { perRunChars: 24 * 1024, totalChars: 1024 * 1024, excerptLines: 30, excerptChars: 4 * 1024 };

export interface Segment {
  stream: OutputStream;
  text: string;
}

export type HostOutput =
  | { kind: 'none' }
  | { kind: 'whole'; segments: Segment[]; chars: number; lines: number }
  | {
      kind: 'excerpt';
      head: Segment[];
      tail: Segment[];
      chars: number;
      lines: number;
      omittedChars: number;
      omittedLines: number;
      /** Which budget was exceeded. */
      limit: 'run' | 'report';
    }
  /** The report's budget was used up before this host: only its size is shown (lines when counted). */
  | { kind: 'omitted'; chars: number; lines: number | null };

// Other control characters are shown as a visible replacement rather than dropped.
// eslint-disable-next-line no-control-regex -- terminal sequences are control characters by definition
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;

/**
 * Removes terminal control sequences — with the one stripper the redaction view uses
 * (shared/terminalView.ts), so charset switches (ESC ( B) and DCS/OSC/APC strings go too; a
 * sequence split across chunks is held back per stream.
 */
export class TerminalTextCleaner {
  private readonly carry: Record<OutputStream, string> = { stdout: '', stderr: '' };

  push(stream: OutputStream, text: string): string {
    const { text: stripped, rest } = stripSequences(this.carry[stream] + text, false);
    this.carry[stream] = rest;
    return clean(stripped);
  }

  /** What is held back when the output ends (an escape that never completed: dropped, like the view does). */
  end(stream: OutputStream): string {
    const rest = this.carry[stream];
    this.carry[stream] = '';
    return clean(stripSequences(rest, true).text);
  }
}

function clean(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(CONTROLS, '\uFFFD');
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function lineCount(chars: number, breaks: number, endsWithNewline: boolean): number {
  if (chars === 0) return 0;
  return breaks + (endsWithNewline ? 0 : 1);
}

/** The part of `segments` between character offsets `from` and `to` of their concatenation. */
function sliceSegments(segments: readonly Segment[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let offset = 0;
  for (const segment of segments) {
    const start = Math.max(from - offset, 0);
    const end = Math.min(to - offset, segment.text.length);
    if (end > start) out.push(start === 0 && end === segment.text.length ? segment : { stream: segment.stream, text: segment.text.slice(start, end) });
    offset += segment.text.length;
    if (offset >= to) break;
  }
  return out;
}

/** The first `maxLines` lines of `segments`, at most `maxChars` characters, and what follows. */
function headOf(segments: readonly Segment[], maxLines: number, maxChars: number): { kept: Segment[]; rest: Segment[] } {
  const text = segments.map((s) => s.text).join('');
  let end = Math.min(text.length, maxChars);
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) {
    if (++lines >= maxLines) {
      end = at + 1;
      break;
    }
  }
  return { kept: sliceSegments(segments, 0, end), rest: sliceSegments(segments, end, text.length) };
}

/** The last `maxLines` lines of `segments`, at most `maxChars` characters. */
function tailOf(segments: readonly Segment[], maxLines: number, maxChars: number): Segment[] {
  const text = segments.map((s) => s.text).join('');
  let start = Math.max(0, text.length - maxChars);
  let lines = 0;
  // A final newline ends the last line; it does not start another one.
  for (let at = text.lastIndexOf('\n', text.length - 2); at >= start; at = text.lastIndexOf('\n', at - 1)) {
    if (++lines >= maxLines) {
      start = at + 1;
      break;
    }
    if (at === 0) break;
  }
  return sliceSegments(segments, start, text.length);
}

function charsOf(segments: readonly Segment[]): number {
  return segments.reduce((sum, s) => sum + s.text.length, 0);
}

function append(segments: Segment[], stream: OutputStream, text: string): void {
  if (!text) return;
  const last = segments.at(-1);
  if (last && last.stream === stream) last.text += text;
  else segments.push({ stream, text });
}

/**
 * Reads hosts' output against the report's budgets. Call `startRun` before each step run's hosts;
 * each host's output is whole when it fits what is left of both budgets, an excerpt otherwise.
 */
export class OutputBudget {
  private runLeft: number;
  private totalLeft: number;

  constructor(private readonly limits: OutputLimits) {
    this.runLeft = limits.perRunChars;
    this.totalLeft = limits.totalChars;
  }

  startRun(): void {
    this.runLeft = this.limits.perRunChars;
  }

  /** Nothing more will be shown: callers need not read further output at all. */
  get spent(): boolean {
    return this.totalLeft <= 0;
  }

  read(chunks: Iterable<OutputChunk>): HostOutput {
    if (this.totalLeft <= 0) return countOnly(chunks);
    const allowance = Math.min(this.runLeft, this.totalLeft);
    const limitedBy = this.totalLeft < this.runLeft ? 'report' : 'run';
    const cleaner = new TerminalTextCleaner();
    const whole: Segment[] = [];
    let wholeChars = 0;
    let chars = 0;
    let breaks = 0;
    let last = '';
    // Once past the allowance: the head is fixed and the tail is a rolling window.
    let head: Segment[] | null = null;
    const tail: Segment[] = [];
    let tailChars = 0;
    const take = (stream: OutputStream, text: string) => {
      if (!text) return;
      chars += text.length;
      breaks += newlines(text);
      last = text;
      if (!head) {
        append(whole, stream, text);
        wholeChars += text.length;
        if (wholeChars <= allowance) return;
        const split = headOf(whole, this.limits.excerptLines, this.limits.excerptChars);
        head = split.kept;
        for (const segment of split.rest) append(tail, segment.stream, segment.text);
        tailChars = charsOf(tail);
        whole.length = 0;
      } else {
        append(tail, stream, text);
        tailChars += text.length;
      }
      // Keep enough of the end for the excerpt (lines are cut later), bounded in memory.
      while (tail.length > 1 && tailChars - tail[0]!.text.length >= this.limits.excerptChars) tailChars -= tail.shift()!.text.length;
      if (tail.length === 1 && tailChars > 4 * this.limits.excerptChars) {
        tail[0]!.text = tail[0]!.text.slice(-2 * this.limits.excerptChars);
        tailChars = tail[0]!.text.length;
      }
    };
    for (const chunk of chunks) take(chunk.stream, cleaner.push(chunk.stream, chunk.text));
    take('stdout', cleaner.end('stdout'));
    take('stderr', cleaner.end('stderr'));

    const lines = lineCount(chars, breaks, last.endsWith('\n'));
    if (chars === 0) return { kind: 'none' };
    if (!head) {
      this.runLeft -= chars;
      this.totalLeft -= chars;
      return { kind: 'whole', segments: whole, chars, lines };
    }
    const headSegments: Segment[] = head;
    const tailSegments = tailOf(tail, this.limits.excerptLines, this.limits.excerptChars);
    const shown = charsOf(headSegments) + charsOf(tailSegments);
    const shownBreaks = headSegments.reduce((n, s) => n + newlines(s.text), 0) + tailSegments.reduce((n, s) => n + newlines(s.text), 0);
    this.runLeft = Math.max(0, this.runLeft - shown);
    this.totalLeft = Math.max(0, this.totalLeft - shown);
    // Just past the allowance, the first and last lines may already be all of it.
    if (shown === chars) return { kind: 'whole', segments: [...headSegments, ...tailSegments], chars, lines };
    return {
      kind: 'excerpt',
      head: headSegments,
      tail: tailSegments,
      chars,
      lines,
      omittedChars: chars - shown,
      omittedLines: Math.max(0, breaks - shownBreaks),
      limit: limitedBy,
    };
  }
}

/** Size of output the report does not show (read through all the same: the caller checks its digest). */
function countOnly(chunks: Iterable<OutputChunk>): HostOutput {
  let chars = 0;
  let breaks = 0;
  let last = '';
  for (const chunk of chunks) {
    chars += chunk.text.length;
    breaks += newlines(chunk.text);
    if (chunk.text) last = chunk.text;
  }
  return chars === 0 ? { kind: 'none' } : { kind: 'omitted', chars, lines: lineCount(chars, breaks, last.endsWith('\n')) };
}
