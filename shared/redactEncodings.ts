// The encoded forms of a secret value that must be redacted along with the value itself.
//
// Pure TypeScript (no TextEncoder/btoa: shared/ has neither DOM nor Node types), so the same code
// runs in the engine and, if ever needed, in the renderer.

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 bytes of a string; lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
  }
  return bytes;
}

/** Standard base64 with `=` padding. */
export function base64OfBytes(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += BASE64_ALPHABET[b0 >> 2]!;
    out += BASE64_ALPHABET[((b0 & 0x03) << 4) | ((b1 ?? 0) >> 4)]!;
    out += b1 === undefined ? '=' : BASE64_ALPHABET[((b1 & 0x0f) << 2) | ((b2 ?? 0) >> 6)]!;
    out += b2 === undefined ? '=' : BASE64_ALPHABET[b2 & 0x3f]!;
  }
  return out;
}

/**
 * The base64 text that a value produces wherever it sits inside a longer base64-encoded byte
 * stream. Base64 maps 3 bytes to 4 characters, so the value's first byte lands at one of three
 * alignments; for each, only the characters whose 6 bits all come from the value are stable (the
 * characters at either edge mix in unknown neighbouring bits). Those stable runs, plus the value's
 * standalone encoding with its padding (what `printf %s "$SECRET" | base64` prints), are the forms.
 */
export function base64Forms(value: string): string[] {
  const bytes = utf8Bytes(value);
  const forms = new Set<string>([base64OfBytes(bytes)]);
  for (let offset = 0; offset < 3; offset++) {
    const shifted = base64OfBytes([...new Array<number>(offset).fill(0), ...bytes]);
    const firstStable = Math.ceil((8 * offset) / 6);
    const endStable = Math.floor((8 * (offset + bytes.length)) / 6);
    if (endStable > firstStable) forms.add(shifted.slice(firstStable, endStable));
  }
  for (const form of [...forms]) forms.add(form.replace(/\+/g, '-').replace(/\//g, '_'));
  return [...forms];
}

/**
 * encodeURIComponent, the strict RFC 3986 spelling that also escapes `!'()*` (Python's
 * `quote(safe="")`, jq's `@uri`, curl's `--data-urlencode`), each with lowercase hex escapes and
 * with `+` for spaces (form encoding), as other encoders write them.
 */
export function urlEncodedForms(value: string): string[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be URL-encoded, so no encoder can have produced a form of it.
    return [];
  }
  const strict = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const forms = new Set<string>();
  for (const base of [encoded, strict]) {
    const lowerHex = base.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    for (const form of [base, lowerHex]) forms.add(form).add(form.replace(/%20/g, '+'));
  }
  return [...forms];
}

/** Hex of the UTF-8 bytes, lowercase (`xxd -p`, `od`, `hexdump`) and uppercase (`xxd -p -u`, many languages). */
export function hexForms(value: string): string[] {
  const hex = utf8Bytes(value)
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return [hex, hex.toUpperCase()];
}

// The characters bash's `printf %q` puts a backslash before (lib/sh/shquote.c, sh_backslash_quote).
const SHELL_SPECIAL = new Set(' \t\n\'"\\|&;()<>!{}*[?]^$`,'.split(''));
const ANSI_C_NAMED: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\E' };

function backslashQuoted(value: string, atStart: boolean): string {
  let out = '';
  [...value].forEach((char, i) => {
    const first = atStart && i === 0;
    const previous = i === 0 ? '' : value[i - 1];
    if (SHELL_SPECIAL.has(char) || (char === '#' && first) || (char === '~' && (first || previous === '=' || previous === ':'))) out += '\\';
    out += char;
  });
  return out;
}

/** The inside of bash's `$'…'` quoting: named escapes, octal for other controls (and, `asBytes`, for every non-ASCII byte as in the C locale). */
function ansiCQuoted(value: string, asBytes: boolean): string {
  const octal = (byte: number) => `\\${byte.toString(8).padStart(3, '0')}`;
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (ANSI_C_NAMED[code]) out += ANSI_C_NAMED[code];
    else if (char === '\\' || char === "'") out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += octal(code);
    else if (code > 0x7f && asBytes) out += utf8Bytes(char).map(octal).join('');
    else out += char;
  }
  return out;
}

/**
 * How shells quote a value: bash's `printf %q` (backslashes, or `$'…'` when the value holds control
 * characters or, in the C locale, non-ASCII), at the start of the argument and inside it, and the
 * single-quoted `${VAR@Q}` spelling (`'` becomes `'\''`).
 */
export function shellQuotedForms(value: string): string[] {
  return [
    backslashQuoted(value, true),
    backslashQuoted(value, false),
    ansiCQuoted(value, false),
    ansiCQuoted(value, true),
    value.replace(/'/g, "'\\''"),
  ];
}

/**
 * A value inside a JSON string: as JSON.stringify and jq write it, with every non-ASCII character
 * as `\uXXXX` (Python's json.dumps default), and with `/` escaped as `\/` (PHP's json_encode).
 */
export function jsonEscapedForms(value: string): string[] {
  const escaped = JSON.stringify(value).slice(1, -1);
  const asciiOnly = escaped.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [escaped, asciiOnly, escaped.replace(/\//g, '\\/'), asciiOnly.replace(/\//g, '\\/')];
}
