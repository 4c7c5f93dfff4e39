// Issue 16, point 2: escape codes and encodings must not carry a secret past redaction. Random
// secrets are written as the value or an encoding of it, with terminal sequences and invisible
// characters sprinkled inside, cut into random chunks; what the redactor lets through is then read
// the way each consumer reads it — stored as is (the log, the JSON and CSV exports), as the report
// shows it (sequences stripped), as the run view shows it (anser + control characters dropped) —
// and no form of any secret may appear in any of them.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputLines } from '../../../renderer/src/features/steps/output/outputLines';
import { createRedactor, MIN_SECRET_LENGTH, redactText } from '../../../shared/redact';
import { TerminalTextCleaner } from '../../../shared/report/output';
import { visibleText } from '../../../shared/terminalView';

function streamed(secrets: Record<string, string>, chunks: string[]): string {
  const redactor = createRedactor(secrets);
  return chunks.map((chunk) => redactor.push(chunk)).join('') + redactor.end();
}

/** Sequences that `grep --color`, `ls --color`, `tput`, prompts and hyperlinks put in output. */
const ESCAPES = [
  '\x1b[01;31m',
  '\x1b[K',
  '\x1b[m',
  '\x1b[0m',
  '\x1b[38;5;208m',
  '\x1b[1;38;2;255;0;0m',
  '\x1b(B',
  '\x1b]0;title\x07',
  '\x1b]8;;http://example.invalid/\x1b\\',
  '\x1bP1$r0m\x1b\\',
  '\x1b7',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\x00',
  '\x7f',
];

const escapes = fc.array(fc.constantFrom(...ESCAPES), { minLength: 1, maxLength: 3 }).map((list) => list.join(''));

/** Puts random sequences between random characters of `text`. */
function sprinkled(text: string) {
  return fc.array(fc.tuple(fc.nat({ max: text.length }), escapes), { maxLength: 4 }).map((inserts) => {
    let out = text;
    for (const [at, sequence] of [...inserts].sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + sequence + out.slice(at);
    return out;
  });
}

const alphabet = fc.constantFrom(...Array.from('aZ5 /+=%$\'"\\#~é€😀-_:.'));
const secretValue = fc.string({ unit: alphabet, minLength: MIN_SECRET_LENGTH, maxLength: 14 });
const secretsArb = fc.dictionary(fc.constantFrom('S1', 'S2'), secretValue, { minKeys: 1 });
const filler = fc.string({ unit: fc.constantFrom(...'xy \n'.split('')), maxLength: 6 });

/** An encoding a command might print the value in (each written without help from the code under test). */
function encoded(value: string) {
  const bytes = Buffer.from(value);
  return fc.oneof(
    fc.constant(value),
    fc.constant(bytes.toString('hex')),
    fc.constant(bytes.toString('hex').toUpperCase()),
    fc.constant(JSON.stringify(value).slice(1, -1)),
    fc.constant(encodeURIComponent(value)),
    // Inside a longer base64 stream: random bytes before and after move the value's alignment.
    fc.tuple(fc.uint8Array({ maxLength: 2 }), fc.uint8Array({ maxLength: 2 }), fc.boolean()).map(([before, after, urlSafe]) =>
      Buffer.concat([before, bytes, after]).toString(urlSafe ? 'base64url' : 'base64'),
    ),
  );
}

function outputWith(secrets: Record<string, string>) {
  const pieces = Object.values(secrets).map((value) => encoded(value).chain(sprinkled));
  return fc.array(fc.oneof(fc.oneof(...pieces), filler), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
}

function chunked(text: string) {
  return fc.array(fc.nat({ max: text.length }), { maxLength: 6 }).map((cuts) => {
    const sorted = [...new Set(cuts)].sort((a, b) => a - b);
    return [...sorted, text.length].map((cut, i) => text.slice(i === 0 ? 0 : sorted[i - 1], cut));
  });
}

/** What the report shows: its own escape stripping, per chunk, as the HTML and PDF do it. */
function reportText(chunks: string[]): string {
  const cleaner = new TerminalTextCleaner();
  return chunks.map((chunk) => cleaner.push('stdout', chunk)).join('') + cleaner.end('stdout');
}

/** What the run view shows and searches. */
function runViewText(chunks: string[]): string {
  const lines = new OutputLines();
  for (const chunk of chunks) lines.append('stdout', chunk);
  lines.append('stdout', '\n');
  return lines.lines.map((line) => line.text).join('\n');
}

/** Every byte string a run of base64 or hex characters decodes to, at each alignment. */
function decodedRuns(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{4,}/g)) {
    for (let k = 0; k < 4; k++) out.push(Buffer.from(run.slice(k), 'base64'));
  }
  for (const [run] of text.matchAll(/[0-9a-fA-F]{8,}/g)) {
    for (let k = 0; k < 2; k++) out.push(Buffer.from(run.slice(k, k + ((run.length - k) & ~1)), 'hex'));
  }
  return out;
}

function expectNoSecret(where: string, text: string, secrets: Record<string, string>): void {
  const marked = text.replace(/\[REDACTED:S\d\]/g, '\u0000');
  for (const [name, value] of Object.entries(secrets)) {
    for (const form of [value, Buffer.from(value).toString('hex'), Buffer.from(value).toString('hex').toUpperCase(), JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      expect(marked.includes(form), `${name} (${JSON.stringify(form)}) in ${where}: ${JSON.stringify(marked)}`).toBe(false);
    }
    const bytes = Buffer.from(value);
    for (const decoded of decodedRuns(marked)) expect(decoded.includes(bytes), `${name} decodable from ${where}: ${JSON.stringify(marked)}`).toBe(false);
  }
}

describe('redaction through escape codes and encodings (issue 16, point 2)', () => {
  it('grep --color=always splitting the value with SGR codes is redacted, codes inside the span included', () => {
    const secrets = { DBPASS: 'Pa55w0rd-x' };
    const coloured = 'DBPASS=\x1b[01;31m\x1b[KPa55\x1b[m\x1b[Kw0rd-x\n';
    const out = redactText(coloured, secrets);
    expect(out).toBe('DBPASS=\x1b[01;31m\x1b[K[REDACTED:DBPASS]\n');
    expect(visibleText(out)).toBe('DBPASS=[REDACTED:DBPASS]\n');
  });

  it('hex (both cases), JSON-escaped and shell-quoted forms are redacted', () => {
    const value = 'it\'s "x" $HOME\\é';
    const secrets = { V: value };
    const hex = Buffer.from(value).toString('hex');
    for (const text of [hex, hex.toUpperCase(), JSON.stringify(value), JSON.stringify({ v: value })]) {
      expect(redactText(`[${text}]`, secrets)).not.toContain(text.replace(/^"|"$/g, ''));
      expectNoSecret('redacted text', redactText(text, secrets), secrets);
    }
  });

  it('what real bash prints with printf %q and ${VAR@Q} is redacted (UTF-8 and C locales)', () => {
    const values = ['it\'s a "test" $x', 'tab\there~#1', '#start~', 'ctl\x01\x1b\x7fend', 'é€ uni', 'a=~b,c'];
    for (const value of values) {
      for (const locale of ['C.UTF-8', 'C']) {
        const printed = execFileSync('bash', ['--norc', '--noprofile', '-c', 'printf "%q\\n" "$V"; printf "%q\\n" "X=$V"; echo "${V@Q}"'], { env: { V: value, LC_ALL: locale, PATH: process.env.PATH }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        const out = redactText(printed, { V: value });
        expect(out.split('\n').slice(0, 3).every((line) => line.includes('[REDACTED:V]')), `${locale} ${JSON.stringify(printed)} → ${JSON.stringify(out)}`).toBe(true);
      }
    }
  });

  it('no form of any secret reaches the log, the report text, the run view text or a JSON export, whatever the escapes and chunking', () => {
    fc.assert(
      fc.property(
        secretsArb.chain((secrets) => outputWith(secrets).chain((text) => chunked(text).map((chunks) => ({ secrets, chunks })))),
        ({ secrets, chunks }) => {
          const redactor = createRedactor(secrets);
          const stored = chunks.map((chunk) => redactor.push(chunk));
          stored.push(redactor.end());
          const log = stored.join('');
          expectNoSecret('the stored log', log, secrets);
          expectNoSecret('the visible text', visibleText(log), secrets);
          expectNoSecret('the report', reportText(stored), secrets);
          expectNoSecret('the run view', runViewText(stored), secrets);
          expectNoSecret('the JSON export', JSON.stringify({ text: log }), secrets);
          expect(log).toBe(redactText(chunks.join(''), secrets));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the run view and the report agree with the view redaction matched on (no sequence hides a secret from it)', () => {
    const secrets = { K: 'k3y-value' };
    const raw = 'a\x1b]0;t\x07k3y\u200b-val\x1bP$q\x1b\\ue b';
    const out = streamed(secrets, [raw.slice(0, 7), raw.slice(7, 15), raw.slice(15)]);
    expect(visibleText(out)).toBe('a[REDACTED:K] b');
    expect(runViewText([out])).toContain('[REDACTED:K]');
  });
});
