// What a person sees of terminal output: the text with control sequences and invisible characters
// taken out, and for each visible character where it sits in the original.
//
// Redaction matches secrets on this view as well as on the raw text (shared/redact.ts): a secret
// coloured by `grep --color=always` arrives as `Pa` ESC[01;31m ESC[K `55`, which no raw search finds,
// yet every viewer that strips the codes shows `Pa55`. Cutting the original from the first to the
// last visible character of a match removes the codes inside it too.
//
// The view drops rather more than any one viewer does (every ECMA-48 sequence, C0 and C1 controls,
// zero-width and bidi formatting characters): dropping a character that a viewer shows can only
// make a match span more of the original, never hide one.

/** Longest control sequence still treated as one; beyond it the introducer alone is dropped. */
const MAX_SEQUENCE_CHARS = 4096;

export interface TerminalView {
  /** The visible text. */
  text: string;
  /** `rawIndex[i]` is where `text[i]` is in the original. */
  rawIndex: Int32Array;
  /**
   * Where a control sequence starts that the input ends inside of (it may complete in the next
   * chunk), or -1. Only reported when `final` is false.
   */
  incompleteFrom: number;
  /** Start of the unit (visible character or whole sequence) containing each raw index, on demand. */
  unitStart(rawPosition: number): number;
}

const ESC = 0x1b;

/** A character never shown: C0 controls but tab, newline and CR; DEL; C1; zero-width and bidi formatting. */
export function isInvisible(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return true;
  return (
    code === 0xad ||
    code === 0x034f ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff
  );
}

/** True when `text` has nothing the view would drop (the common case, checked cheaply). */
export function isPlainText(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/.test(text) && !text.includes('\u034f');
}

/**
 * Length of the control sequence starting with ESC at `start`: a positive length, 0 when the text
 * ends inside it, or 1 when it is malformed (only the ESC is dropped; what follows is read anew).
 */
function sequenceLength(text: string, start: number): number {
  const end = Math.min(text.length, start + MAX_SEQUENCE_CHARS);
  const limited = end < text.length;
  if (start + 1 >= text.length) return 0;
  const kind = text.charCodeAt(start + 1);
  if (kind === 0x5b) {
    // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, a final byte 0x40–0x7E.
    let i = start + 2;
    while (i < end && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x3f) i++;
    while (i < end && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
    if (i >= end) return limited ? 2 : 0;
    const final = text.charCodeAt(i);
    return final >= 0x40 && final <= 0x7e ? i + 1 - start : i - start;
  }
  if (kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f) {
    // OSC, DCS, SOS, PM, APC: a string ended by BEL (OSC) or ST (ESC \).
    for (let i = start + 2; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x07) return i + 1 - start;
      if (code === ESC) {
        if (i + 1 >= text.length) return 0;
        return text.charCodeAt(i + 1) === 0x5c ? i + 2 - start : i - start;
      }
    }
    return limited ? 2 : 0;
  }
  // nF / Fp / Fe / Fs escapes: intermediates 0x20–0x2F, then a final byte 0x30–0x7E (ESC ( B, ESC 7, ESC M).
  let i = start + 1;
  while (i < end && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  if (i >= end) return limited ? 1 : 0;
  const final = text.charCodeAt(i);
  return final >= 0x30 && final <= 0x7e ? i + 1 - start : 1;
}

/**
 * The visible text of `raw`. With `final` false, a sequence cut off at the end is not read: its
 * start is `incompleteFrom`, and the caller keeps it for the next chunk.
 */
export function terminalView(raw: string, final: boolean): TerminalView {
  const rawIndex = new Int32Array(raw.length);
  let text = '';
  let visible = 0;
  let incompleteFrom = -1;
  let runStart = 0;
  // Units that are not a single character: [start, end) pairs, for unitStart.
  const dropped: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const code = raw.charCodeAt(i);
    let drop = 0;
    if (code === ESC) {
      const length = sequenceLength(raw, i);
      if (length === 0) {
        if (!final) {
          incompleteFrom = i;
          break;
        }
        drop = raw.length - i;
      } else drop = length;
    } else if (isInvisible(code)) drop = 1;
    if (drop === 0) {
      rawIndex[visible++] = i;
      i++;
      continue;
    }
    text += raw.slice(runStart, i);
    if (drop > 1) dropped.push(i, i + drop);
    i += drop;
    runStart = i;
  }
  text += raw.slice(runStart, incompleteFrom >= 0 ? incompleteFrom : raw.length);
  return {
    text,
    rawIndex: rawIndex.subarray(0, visible),
    incompleteFrom,
    unitStart(position) {
      for (let k = 0; k < dropped.length; k += 2) {
        if (dropped[k]! <= position && position < dropped[k + 1]!) return dropped[k]!;
        if (dropped[k]! > position) break;
      }
      return position;
    },
  };
}

export interface StrippedText {
  /** The text without its control sequences. */
  text: string;
  /** A sequence the input ends inside of (only when `final` is false): prepend it to the next chunk. */
  rest: string;
}

/**
 * `raw` without its escape sequences (CSI, OSC, DCS, SOS, PM, APC, charset and other nF/Fp/Fe/Fs
 * escapes; a malformed ESC alone), read exactly as the redaction view reads them, for viewers that
 * strip rather than render: the report, the run view. Other characters are left to the caller,
 * which decides how to show them. With `keepSgr`, colour sequences (CSI … m) stay for a renderer.
 */
export function stripSequences(raw: string, final: boolean, keepSgr = false): StrippedText {
  if (!raw.includes('\x1b')) return { text: raw, rest: '' };
  let text = '';
  let runStart = 0;
  let i = raw.indexOf('\x1b');
  while (i >= 0) {
    const length = sequenceLength(raw, i);
    if (length === 0) {
      if (!final) return { text: text + raw.slice(runStart, i), rest: raw.slice(i) };
      return { text: text + raw.slice(runStart, i), rest: '' };
    }
    const isSgr = keepSgr && length > 2 && raw.charCodeAt(i + 1) === 0x5b && raw.charCodeAt(i + length - 1) === 0x6d;
    if (!isSgr) {
      text += raw.slice(runStart, i);
      runStart = i + length;
    }
    i = raw.indexOf('\x1b', i + length);
  }
  return { text: text + raw.slice(runStart), rest: '' };
}

/** The visible text alone (for tests and for viewers that strip rather than render). */
export function visibleText(raw: string): string {
  return terminalView(raw, true).text;
}
