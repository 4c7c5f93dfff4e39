import { describe, expect, it } from 'vitest';
import { OutputBudget, TerminalTextCleaner, type OutputChunk } from '../../../shared/report/output';

const chunk = (seq: number, text: string, stream: 'stdout' | 'stderr' = 'stdout'): OutputChunk => ({ seq, stream, at: '2025-10-21T12:00:00.000Z', text });
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');
const textOf = (segments: Array<{ text: string }>) => segments.map((s) => s.text).join('');

describe('terminal text cleaning', () => {
  it('removes colour and cursor sequences, even when one is split across chunks of the same stream', () => {
    const cleaner = new TerminalTextCleaner();
    const out = [cleaner.push('stdout', 'ok \x1b[3'), cleaner.push('stderr', 'err\x1b[0m!'), cleaner.push('stdout', '2mgreen\x1b[0m\r\n'), cleaner.end('stdout')];
    expect(out).toEqual(['ok ', 'err!', 'green\n', '']);
  });

  it('turns carriage returns into line breaks and other control characters into a visible mark', () => {
    const cleaner = new TerminalTextCleaner();
    expect(cleaner.push('stdout', '10%\r50%\r100%\n\x07bell\x00')).toBe('10%\n50%\n100%\n\uFFFDbell\uFFFD');
    expect(cleaner.push('stdout', '\x1b]0;title\x07visible')).toBe('visible');
  });
});

describe('output budgets', () => {
  it('keeps output whole while it fits, and counts its lines', () => {
    const budget = new OutputBudget({ perRunChars: 1000, totalChars: 10_000, excerptLines: 3, excerptChars: 500 });
    const out = budget.read([chunk(0, 'a\nb\n'), chunk(1, 'oops\n', 'stderr'), chunk(2, 'c')]);
    expect(out).toEqual({ kind: 'whole', segments: [{ stream: 'stdout', text: 'a\nb\n' }, { stream: 'stderr', text: 'oops\n' }, { stream: 'stdout', text: 'c' }], chars: 10, lines: 4 });
    expect(budget.read([])).toEqual({ kind: 'none' });
  });

  it('beyond the run budget shows exactly the first and the last lines, and says how many are left out', () => {
    const budget = new OutputBudget({ perRunChars: 100, totalChars: 10_000, excerptLines: 3, excerptChars: 500 });
    const chunks = Array.from({ length: 100 }, (_, i) => chunk(i, `line ${i + 1}\n`));
    const out = budget.read(chunks);
    if (out.kind !== 'excerpt') throw new Error(`expected an excerpt, got ${out.kind}`);
    expect(textOf(out.head)).toBe(lines(1, 3));
    expect(textOf(out.tail)).toBe(lines(98, 100));
    expect(out).toMatchObject({ lines: 100, omittedLines: 94, limit: 'run' });
    expect(out.omittedChars).toBe(lines(1, 100).length - lines(1, 3).length - lines(98, 100).length);
  });

  it('caps an excerpt by characters too: one enormous line is shown in part, not whole', () => {
    const budget = new OutputBudget({ perRunChars: 100, totalChars: 10_000, excerptLines: 3, excerptChars: 50 });
    const out = budget.read([chunk(0, 'x'.repeat(1_000_000))]);
    if (out.kind !== 'excerpt') throw new Error(`expected an excerpt, got ${out.kind}`);
    expect(textOf(out.head)).toBe('x'.repeat(50));
    expect(textOf(out.tail)).toBe('x'.repeat(50));
    expect(out.omittedChars).toBe(1_000_000 - 100);
  });

  it('shares the run budget among a run’s hosts and starts afresh for the next run, within the report budget', () => {
    const budget = new OutputBudget({ perRunChars: 30, totalChars: 55, excerptLines: 1, excerptChars: 5 });
    expect(budget.read([chunk(0, 'a'.repeat(20))]).kind).toBe('whole');
    expect(budget.read([chunk(0, 'b'.repeat(20))])).toMatchObject({ kind: 'excerpt', limit: 'run' });
    budget.startRun();
    expect(budget.read([chunk(0, 'c'.repeat(20))]).kind).toBe('whole');
    budget.startRun();
    expect(budget.read([chunk(0, 'd'.repeat(20))])).toMatchObject({ kind: 'excerpt', limit: 'report' });
    // Once the report's budget is spent, a host's output is only measured: no lines, its size.
    expect(budget.read([chunk(0, 'e\n'.repeat(7))])).toEqual({ kind: 'omitted', chars: 14, lines: 7 });
  });
});
