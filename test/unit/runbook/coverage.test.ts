import { describe, expect, it } from 'vitest';
import { runbookCoverage } from '../../../shared/runbook/coverage';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { fixture } from './fixtures';

function coverageOf(source: string) {
  return runbookCoverage(importMarkdown(source, 'x.md'), source);
}

describe('coverage: what looked like structure but was not read', () => {
  it('lists the one seed line that states a limit the importer leaves alone (the seed stays exact), and counts the rest as understood', () => {
    const coverage = coverageOf(fixture('seed.md'));
    expect(coverage.missed.map((m) => [m.line, m.column, m.kind])).toEqual([[74, 3, 'threshold']]);
    expect(coverage.candidates).toBe(32);
    expect(coverage.understood).toBe(31);
    expect(coverage.sharePercent).toBe(97);
  });

  it('reports a time, a threshold and a gate written where nothing reads them, with line and column', () => {
    const source = ['# Launch', '', 'The canary goes out at T+15 as planned.', '', '  The dashboard shows > 5% on busy days.', '', '> Go/No-Go is in the other document.', ''].join('\n');
    const coverage = coverageOf(source);
    expect(coverage.missed.map((m) => [m.line, m.column, m.kind])).toEqual([
      [3, 1, 'time'],
      [5, 3, 'threshold'],
      [7, 1, 'gate'],
    ]);
    expect(coverage.missed[1]!.message).toBe('looks like a threshold but was not read as one: "The dashboard shows > 5% on busy days."');
    expect(coverage.sharePercent).toBe(0);
  });

  it('counts a line read into structure as understood, and ignores lines inside scripts except comments', () => {
    const source = ['# Launch', '', '**Escalation Criteria**:', '- Error rate > 5% → Page on-call', '', '```bash', 'test "$LAT" -gt 500 && echo "> 5%"', '```', ''].join('\n');
    const coverage = coverageOf(source);
    expect(coverage.missed).toEqual([]);
    expect(coverage.candidates).toBe(1);
    expect(coverage.sharePercent).toBe(100);
  });
});
