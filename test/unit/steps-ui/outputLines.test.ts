import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, OutputLines } from '../../../renderer/src/features/steps/output/outputLines';

const texts = (o: OutputLines) => o.lines.map((l) => `${l.stream === 'stderr' ? 'E' : 'O'}:${l.text}`);

describe('output as lines', () => {
  it('joins a line cut across chunks and keeps each stream its own open line', () => {
    const o = new OutputLines();
    o.append('stdout', 'hel');
    o.append('stderr', 'warn');
    o.append('stdout', 'lo\nnext');
    o.append('stderr', 'ing\n');
    o.append('stdout', ' line\n');
    expect(texts(o)).toEqual(['O:hello', 'E:warning', 'O:next line']);
    expect(o.stableCount).toBe(3);
  });

  it('treats \\r\\n as one break even when cut between chunks, a lone \\r as a break, and keeps empty lines', () => {
    const o = new OutputLines();
    o.append('stdout', 'one\r');
    o.append('stdout', '\ntwo\n\nthree\rfour\n');
    expect(texts(o)).toEqual(['O:one', 'O:two', 'O:', 'O:three', 'O:four']);
  });

  it('an unterminated last line is visible while open, and stable lines end before it', () => {
    const o = new OutputLines();
    o.append('stdout', 'done\npartial');
    expect(texts(o)).toEqual(['O:done', 'O:partial']);
    expect(o.stableCount).toBe(1);
    o.finish();
    expect(o.stableCount).toBe(2);
  });

  it('renders ANSI colours as spans, carrying a colour to the next line and across a cut escape sequence', () => {
    const o = new OutputLines();
    o.append('stdout', 'plain \x1b[31mred\nstill red\x1b[');
    o.append('stdout', '0m back\n');
    const [first, second] = o.lines;
    expect(first!.text).toBe('plain red');
    expect(first!.spans).toEqual([
      { text: 'plain ', className: null, fg: null, bg: null },
      { text: 'red', className: 'ansi-red-fg', fg: null, bg: null },
    ]);
    expect(second!.text).toBe('still red back');
    expect(second!.spans?.map((s) => [s.text, s.className])).toEqual([
      ['still red', 'ansi-red-fg'],
      [' back', null],
    ]);
  });

  it('gives 256-colour and true-colour codes as rgb values and decorations as classes', () => {
    const o = new OutputLines();
    o.append('stdout', '\x1b[1;38;5;196mhot\x1b[0m \x1b[38;2;10;20;30mdeep\x1b[0m\n');
    const spans = o.lines[0]!.spans!.filter((s) => s.text.trim());
    expect(spans[0]).toMatchObject({ text: 'hot', fg: '255, 0, 0', className: 'ansi-bold' });
    expect(spans[1]).toMatchObject({ text: 'deep', fg: '10, 20, 30' });
  });

  it('drops other control characters and escape sequences instead of showing them', () => {
    const o = new OutputLines();
    o.append('stdout', 'a\x07b\x1b]0;title\x07c\x1b[2Kd\tend\n');
    expect(o.lines[0]!.text).toBe('abcd\tend');
  });

  it('cuts a very long line into continuation lines, colours included', () => {
    const o = new OutputLines();
    o.append('stdout', `\x1b[32m${'x'.repeat(MAX_LINE_CHARS + 10)}\x1b[0m\n`);
    expect(o.lines).toHaveLength(2);
    expect(o.lines[0]!.text).toHaveLength(MAX_LINE_CHARS);
    expect(o.lines[1]).toMatchObject({ text: 'x'.repeat(10), continued: true });
    expect(o.lines[1]!.spans?.[0]?.className).toBe('ansi-green-fg');
  });

  it('dropping the oldest lines keeps the open lines attached', () => {
    const o = new OutputLines();
    o.append('stdout', 'a\nb\nc\nopen');
    o.dropOldest(2);
    o.append('stdout', ' more\n');
    expect(texts(o)).toEqual(['O:c', 'O:open more']);
  });
});
