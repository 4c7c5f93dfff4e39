// One escape-sequence stripper for every reader (issue 16, same class as point 2): the report's
// cleaner and the run view used their own patterns, which left charset switches (ESC ( B) and the
// payload of DCS/APC strings in the text. Both now strip with shared/terminalView.ts, the reading
// redaction matches on; checked on the sequences real programs print and on random chunkings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputLines } from '../../../renderer/src/features/steps/output/outputLines';
import { TerminalTextCleaner } from '../../../shared/report/output';
import { isInvisible, stripSequences, visibleText } from '../../../shared/terminalView';

const SEQUENCES = [
  '\x1b[01;31m',
  '\x1b[K',
  '\x1b[m',
  '\x1b[38;2;1;2;3m',
  '\x1b(B',
  '\x1b)0',
  '\x1b7',
  '\x1bM',
  '\x1b]0;window title\x07',
  '\x1b]8;;http://example.invalid/\x1b\\',
  '\x1bP1$r0m\x1b\\',
  '\x1b_apc payload\x1b\\',
  '\x1b^pm payload\x1b\\',
  '\x1bXsos payload\x1b\\',
];

function reportText(chunks: string[]): string {
  const cleaner = new TerminalTextCleaner();
  return chunks.map((chunk) => cleaner.push('stdout', chunk)).join('') + cleaner.end('stdout');
}

function runViewText(chunks: string[]): string {
  const lines = new OutputLines();
  for (const chunk of chunks) lines.append('stdout', chunk);
  lines.finish();
  return lines.lines.map((line) => line.text).join('\n');
}

const withoutInvisible = (text: string) => Array.from(text).filter((c) => !isInvisible(c.codePointAt(0)!)).join('');

const textArb = fc.array(fc.oneof(fc.constantFrom(...SEQUENCES), fc.string({ unit: fc.constantFrom('a', 'B', '(', '\\', ' ', '\u200b'), maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join(''));
const chunkedArb = textArb.chain((text) =>
  fc.array(fc.nat({ max: text.length }), { maxLength: 5 }).map((cuts) => {
    const sorted = [...new Set(cuts)].sort((a, b) => a - b);
    return { text, chunks: [...sorted, text.length].map((cut, i) => text.slice(i === 0 ? 0 : sorted[i - 1], cut)) };
  }),
);

describe('the escape-sequence stripper', () => {
  it('the report and the run view drop charset switches and DCS, OSC, APC, PM and SOS strings whole, cut at any point', () => {
    const raw = `a${SEQUENCES.join('b')}c`;
    const expected = `a${'b'.repeat(SEQUENCES.length - 1)}c`;
    for (let cut = 0; cut <= raw.length; cut++) {
      const chunks = [raw.slice(0, cut), raw.slice(cut)];
      expect(reportText(chunks), `cut at ${cut}`).toBe(expected);
      expect(runViewText(chunks), `cut at ${cut}`).toBe(expected);
    }
  });

  it('streamed in any chunks it gives what the redaction view sees, less invisible characters (property)', () => {
    fc.assert(
      fc.property(chunkedArb, ({ text, chunks }) => {
        const whole = stripSequences(text, true).text;
        expect(withoutInvisible(whole)).toBe(visibleText(text));
        let carry = '';
        let streamed = '';
        for (const chunk of chunks) {
          const part = stripSequences(carry + chunk, false);
          streamed += part.text;
          carry = part.rest;
        }
        expect(streamed + stripSequences(carry, true).text).toBe(whole);
        expect(withoutInvisible(reportText(chunks)).replace(/\uFFFD/g, '')).toBe(withoutInvisible(whole));
        expect(withoutInvisible(runViewText(chunks)).replace(/\n/g, '')).toBe(withoutInvisible(whole).replace(/\n/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('colours stay for the run view to render, and only colours', () => {
    expect(stripSequences('\x1b[31mred\x1b[0m\x1b(B\x1b[2K', true, true).text).toBe('\x1b[31mred\x1b[0m');
    const lines = new OutputLines();
    lines.append('stdout', '\x1b[31mred\x1b(B\x1b[0m plain\n');
    expect(lines.lines[0]).toMatchObject({ text: 'red plain' });
    expect(lines.lines[0]!.spans?.[0]).toMatchObject({ text: 'red', className: expect.stringContaining('ansi-red') });
  });
});
