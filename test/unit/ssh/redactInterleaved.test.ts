// Issue 16, same class as point 2: a secret split between stdout and stderr. Each piece of the
// output goes to a random stream, in random chunks, with random sequences inside; whatever order
// the pieces are released in, neither the arrival-order log (what the run view and the exports
// replay) nor either stream alone may hold any form of any secret, and nothing else is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, secretForms } from '../../../shared/redact';
import { createInterleavedRedactor, type StreamPiece } from '../../../shared/redactInterleaved';
import { visibleText } from '../../../shared/terminalView';

type Stream = 'stdout' | 'stderr';

function run(secrets: Record<string, string>, writes: Array<{ stream: Stream; text: string } | { end: Stream }>): Array<StreamPiece<Stream>> {
  const redactor = createInterleavedRedactor<Stream>(secrets, ['stdout', 'stderr']);
  const out: Array<StreamPiece<Stream>> = [];
  for (const write of writes) out.push(...('end' in write ? redactor.end(write.end) : redactor.push(write.stream, write.text)));
  return out;
}

const joined = (pieces: Array<StreamPiece<Stream>>, stream?: Stream) =>
  pieces
    .filter((piece) => !stream || piece.stream === stream)
    .map((piece) => piece.text)
    .join('');

function expectNoForm(where: string, text: string, secrets: Record<string, string>) {
  for (const text2 of [text, visibleText(text)]) {
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of secretForms(value).filter((f) => f.length >= MIN_SECRET_LENGTH)) {
        expect(text2.replace(/\[REDACTED:S\d\]/g, '\u0000').includes(form), `${name} as ${JSON.stringify(form)} in ${where}: ${JSON.stringify(text2)}`).toBe(false);
      }
    }
  }
}

describe('a secret split between stdout and stderr', () => {
  it('printf Pa; exec 1>&-; printf 55 >&2 — the tail of the closed stream waits for the other and the value is redacted', () => {
    const out = run({ DBPASS: 'Pa55w0rd' }, [{ stream: 'stdout', text: 'x=Pa5' }, { end: 'stdout' }, { stream: 'stderr', text: '5w0rd\n' }, { end: 'stderr' }]);
    expect(joined(out)).toBe('x=[REDACTED:DBPASS]\n');
    expect(joined(out, 'stdout')).toBe('x=[REDACTED:DBPASS]');
    expect(joined(out, 'stderr')).toBe('\n');
  });

  it('a value alternating between the streams with colour codes inside is redacted; text around it is kept', () => {
    const out = run({ K: 'k3y-value' }, [
      { stream: 'stderr', text: 'a k3y-\x1b[31m' },
      { end: 'stderr' },
      { stream: 'stdout', text: 'val' },
      { stream: 'stdout', text: 'ue b\n' },
      { end: 'stdout' },
    ]);
    expect(visibleText(joined(out))).toBe('a [REDACTED:K] b\n');
  });

  it('no form of any secret in the arrival-order log or either stream, whatever the split (property)', () => {
    const alphabet = fc.constantFrom(...Array.from('aZ5 /+=%$\'"\\#é-_.'));
    const secretsArb = fc.dictionary(fc.constantFrom('S1', 'S2'), fc.string({ unit: alphabet, minLength: MIN_SECRET_LENGTH, maxLength: 12 }), { minKeys: 1 });
    const filler = fc.string({ unit: fc.constantFrom('x', 'y', ' ', '\n', '\x1b[1m', '\x1b(B', '\u200b'), maxLength: 4 });
    const scenario = secretsArb.chain((secrets) => {
      const values = Object.values(secrets).flatMap((value) => [value, Buffer.from(value).toString('hex'), JSON.stringify(value).slice(1, -1)]);
      const text = fc.array(fc.oneof(fc.constantFrom(...values), filler), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
      return text.chain((output) =>
        fc
          .array(fc.tuple(fc.nat({ max: output.length }), fc.constantFrom<Stream>('stdout', 'stderr')), { minLength: 1, maxLength: 8 })
          .chain((cuts) => fc.constantFrom<Stream>('stdout', 'stderr').map((firstEnd) => ({ secrets, output, cuts, firstEnd }))),
      );
    });
    fc.assert(
      fc.property(scenario, ({ secrets, output, cuts, firstEnd }) => {
        const sorted = [...cuts].sort((a, b) => a[0] - b[0]);
        const writes: Array<{ stream: Stream; text: string } | { end: Stream }> = [];
        let from = 0;
        for (const [at, stream] of [...sorted, [output.length, sorted.at(-1)![1]] as const]) {
          writes.push({ stream, text: output.slice(from, at) });
          from = at;
        }
        // One stream ends right after its last write (its tail must wait for the other).
        const lastOfFirst = writes.findLastIndex((write) => 'stream' in write && write.stream === firstEnd);
        writes.splice(lastOfFirst + 1, 0, { end: firstEnd });
        writes.push({ end: firstEnd === 'stdout' ? 'stderr' : 'stdout' });
        const out = run(secrets, writes);
        expectNoForm('the arrival-order log', joined(out), secrets);
        expectNoForm('stdout', joined(out, 'stdout'), secrets);
        expectNoForm('stderr', joined(out, 'stderr'), secrets);
      }),
      { numRuns: 300 },
    );
  });

  it('output without secrets comes back whole and in arrival order', () => {
    const piece = fc.tuple(fc.constantFrom<Stream>('stdout', 'stderr'), fc.string({ unit: fc.constantFrom('x', 'P', 'a', '5', ' ', '\n', '\x1b[1m'), maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const out = run({ DBPASS: 'Pa55w0rd' }, [...pieces.map(([stream, text]) => ({ stream, text })), { end: 'stdout' }, { end: 'stderr' }]);
        for (const stream of ['stdout', 'stderr'] as const) {
          expect(joined(out, stream)).toBe(pieces.filter(([s]) => s === stream).map(([, text]) => text).join(''));
        }
      }),
      { numRuns: 200 },
    );
  });
});
