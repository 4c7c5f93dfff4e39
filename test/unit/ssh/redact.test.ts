import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRedactor, MIN_SECRET_LENGTH, redactText } from '../../../shared/redact';
import { base64Forms, base64OfBytes, urlEncodedForms, utf8Bytes } from '../../../shared/redactEncodings';

const SECRETS = { ADMIN_TOKEN: 'tok-9f8e7d6c5b4a/+=?&', DB_PASSWORD: 'correct horse battery' };

function streamed(secrets: Record<string, string>, chunks: string[]): string {
  const redactor = createRedactor(secrets);
  return chunks.map((chunk) => redactor.push(chunk)).join('') + redactor.end();
}

describe('redactor', () => {
  it('replaces a secret value with a marker naming it', () => {
    expect(redactText('token=tok-9f8e7d6c5b4a/+=?& ok', SECRETS)).toBe('token=[REDACTED:ADMIN_TOKEN] ok');
  });

  it('replaces the standalone base64 of a value, as `base64` prints it', () => {
    const encoded = Buffer.from(SECRETS.DB_PASSWORD).toString('base64');
    expect(redactText(`auth: ${encoded}\n`, SECRETS)).toBe('auth: [REDACTED:DB_PASSWORD]\n');
  });

  it('finds a value inside a longer base64 stream at each of the three byte alignments', () => {
    for (const prefix of ['', 'x', 'xy', 'xyz', 'user:']) {
      const encoded = Buffer.from(`${prefix}${SECRETS.ADMIN_TOKEN}:trailer`).toString('base64');
      const out = redactText(encoded, SECRETS);
      expect(out, `prefix ${JSON.stringify(prefix)}`).toContain('[REDACTED:ADMIN_TOKEN]');
      // What is left around the marker encodes only bytes outside the value (plus edge bits).
      const leftover = out.split('[REDACTED:ADMIN_TOKEN]').join('');
      expect(leftover.length).toBeLessThan(encoded.length - 20);
    }
  });

  it('replaces base64url forms too', () => {
    const value = '\u00ff\u00fe\u00fd>>>???';
    const url = Buffer.from(value).toString('base64url');
    expect(url).toMatch(/[-_]/);
    expect(redactText(`x${url}x`, { K: value })).toBe('x[REDACTED:K]x');
  });

  it('replaces URL-encoded forms (encodeURIComponent, lowercase hex, form spaces)', () => {
    const value = SECRETS.DB_PASSWORD + '/&';
    const secrets = { P: value };
    expect(redactText(`?p=${encodeURIComponent(value)}&x=1`, secrets)).toBe('?p=[REDACTED:P]&x=1');
    expect(redactText(`?p=${encodeURIComponent(value).toLowerCase()}`, secrets)).toBe('?p=[REDACTED:P]');
    expect(redactText(`p=${new URLSearchParams({ p: value }).toString().slice(2)}`, secrets)).toBe('p=[REDACTED:P]');
    // Strict RFC 3986 encoders (Python quote, jq @uri) also escape !'()*.
    const quoted = "a'b(c)*!d e";
    const strict = encodeURIComponent(quoted).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    expect(redactText(`q=${strict}`, { Q: quoted })).toBe('q=[REDACTED:Q]');
  });

  it('redacts a value split across two chunks and holds back only the possible prefix', () => {
    const redactor = createRedactor(SECRETS);
    expect(redactor.push('line one\ntoken=tok-9f8e')).toBe('line one\ntoken=');
    expect(redactor.push('7d6c5b4a/+=?& done\nnext line\n')).toBe('[REDACTED:ADMIN_TOKEN] done\nnext line\n');
    expect(redactor.end()).toBe('');
  });

  it('releases everything at once when no suffix can start a secret', () => {
    const redactor = createRedactor(SECRETS);
    expect(redactor.push('nothing secret here\n')).toBe('nothing secret here\n');
  });

  it('flushes a held tail that never became a secret on end()', () => {
    const redactor = createRedactor(SECRETS);
    expect(redactor.push('ends with tok-9f')).toBe('ends with ');
    expect(redactor.end()).toBe('tok-9f');
  });

  it('merges overlapping secrets into one redacted span so neither survives', () => {
    const secrets = { A: 'abcdef', B: 'defghi' };
    expect(redactText('xxabcdefghixx', secrets)).toBe('xx[REDACTED:A]xx');
  });

  it('prefers the longest secret when one contains another', () => {
    expect(redactText('pass password', { SHORT: 'pass', LONG: 'password' })).toBe('[REDACTED:SHORT] [REDACTED:LONG]');
  });

  it(`ignores empty and shorter-than-${MIN_SECRET_LENGTH} values and reports them`, () => {
    const redactor = createRedactor({ EMPTY: '', PIN: '123', OK: 'long enough' });
    expect(redactor.ignored).toEqual([
      { name: 'EMPTY', reason: 'empty value' },
      { name: 'PIN', reason: expect.stringContaining('shorter than 4') },
    ]);
    expect(redactor.push('123 long enough')).toBe('123 [REDACTED:OK]');
  });

  it('counts redactions', () => {
    const redactor = createRedactor(SECRETS);
    redactor.push(`${SECRETS.ADMIN_TOKEN} ${SECRETS.DB_PASSWORD}`);
    redactor.end();
    expect(redactor.count).toBe(2);
  });

  it('keeps memory bounded on adversarial output that chains overlapping occurrences', () => {
    const redactor = createRedactor({ A: 'aaaa' });
    let out = '';
    for (let i = 0; i < 40; i++) out += redactor.push('a'.repeat(4096));
    out += redactor.end();
    expect(out).not.toContain('aaaa');
  });
});

describe('secret encodings', () => {
  it('encodes UTF-8 and base64 like Buffer does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'héllo wörld', '日本語', '😀 emoji', 'x\u0000y']) {
      expect(Buffer.from(utf8Bytes(text)).toString('hex')).toBe(Buffer.from(text).toString('hex'));
      expect(base64OfBytes(utf8Bytes(text))).toBe(Buffer.from(text).toString('base64'));
    }
  });

  it('lists the standalone base64 and URL forms', () => {
    expect(base64Forms('secret!!')).toContain(Buffer.from('secret!!').toString('base64'));
    expect(urlEncodedForms('a b')).toEqual(['a%20b', 'a+b']);
    expect(urlEncodedForms("it's")).toEqual(["it's", 'it%27s']);
  });
});

// Secrets and texts from a small alphabet so that occurrences, overlaps and partial prefixes are
// common; '\u0000' never appears in a secret and stands in for a marker when checking survivors.
const alphabet = fc.constantFrom(...'ab/+= %Zé'.split(''));
const secretValue = fc.string({ unit: alphabet, minLength: MIN_SECRET_LENGTH, maxLength: 12 });
const secretsArb = fc.dictionary(fc.constantFrom('S1', 'S2', 'S3'), secretValue, { minKeys: 1 });

function textWithSecrets(secrets: Record<string, string>) {
  const pieces = Object.values(secrets).flatMap((value) => [
    value,
    Buffer.from(value).toString('base64'),
    encodeURIComponent(value),
  ]);
  return fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: alphabet, maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(''));
}

function chunkingOf(text: string) {
  return fc.array(fc.nat({ max: text.length }), { maxLength: 8 }).map((cuts) => {
    const sorted = [...new Set(cuts)].sort((a, b) => a - b);
    const chunks: string[] = [];
    let previous = 0;
    for (const cut of [...sorted, text.length]) {
      chunks.push(text.slice(previous, cut));
      previous = cut;
    }
    return chunks;
  });
}

describe('redactor properties', () => {
  it('no secret value, standalone base64 or URL form survives any chunking', () => {
    fc.assert(
      fc.property(
        secretsArb.chain((secrets) => textWithSecrets(secrets).chain((text) => chunkingOf(text).map((chunks) => ({ secrets, chunks })))),
        ({ secrets, chunks }) => {
          const out = streamed(secrets, chunks).replace(/\[REDACTED:S\d\]/g, '\u0000');
          for (const value of Object.values(secrets)) {
            for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)]) {
              expect(out).not.toContain(form);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('streaming gives the same text as redacting the whole output at once', () => {
    fc.assert(
      fc.property(
        secretsArb.chain((secrets) => textWithSecrets(secrets).chain((text) => chunkingOf(text).map((chunks) => ({ secrets, chunks })))),
        ({ secrets, chunks }) => {
          expect(streamed(secrets, chunks)).toBe(redactText(chunks.join(''), secrets));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
