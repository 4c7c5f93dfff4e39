import type { RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../../shared/runbook/import/diagnostics';
import { parseTree } from '../../../shared/runbook/import/parseTree';
import { sourceText } from '../../../shared/runbook/import/source';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { fixture } from './fixtures';

function tree(text: string, chunkLines: number): string {
  const parsed = parseTree(sourceText(text), new DiagnosticSink(), chunkLines);
  const blocks: Array<RootContent | null> = [parsed.frontMatter, ...parsed.blocks];
  return JSON.stringify(blocks);
}

/** A runbook long enough to be cut into several chunks, with everything a cut must not split. */
function tricky(): string {
  const parts: string[] = ['---', '# a YAML comment, not a heading', 't0: 2025-10-21T12:00:00Z', '---', '# Title', ''];
  for (let n = 0; n < 6; n++) {
    parts.push(`## Section ${n}`, '', `- [ ] item ${n}`, '', '| Role | Name |', '|---|---|', `| Lead ${n} | TBD |`, '');
    parts.push('```bash', ...Array.from({ length: 6 }, (_, i) => `# comment ${i} that looks like a heading`), 'echo ok', '```', '');
    parts.push('<!--', '# inside an HTML comment', '-->', '', '<div>', '# inside an HTML block', '</div>', '');
    parts.push('> quoted', '# heading right after a quote', '', '1. numbered', '   ```sh', '   run', '   ```', '# heading after a list', '');
  }
  return parts.join('\n');
}

describe('chunked parsing', () => {
  it('gives the same tree as parsing the whole document, for the seed and the fixtures', () => {
    for (const name of ['seed.md', 'payments-cutover.md', 'db-maintenance-numbered.md', 'dns-migration-crlf.md', 'search-release-frontmatter.md']) {
      const text = fixture(name);
      expect(tree(text, 10), name).toBe(tree(text, Number.POSITIVE_INFINITY));
    }
  });

  it('never cuts inside a fence, an HTML block or front matter', () => {
    const text = tricky();
    expect(tree(text, 5)).toBe(tree(text, Number.POSITIVE_INFINITY));
  });

  it('parses a document with link definitions whole, so references resolve across it', () => {
    const text = ['# A', '', '- [ ] read [the guide]', '', ...Array.from({ length: 30 }, (_, i) => `## S${i}\n\ntext ${i}\n`), '[the guide]: https://example.com/guide', ''].join('\n');
    expect(tree(text, 5)).toBe(tree(text, Number.POSITIVE_INFINITY));
    expect(importMarkdown(text, 'r.md').checklistItems[0]!.text).toBe('read the guide');
  });

  it('a fence left open near the end still swallows only what it would without chunks', () => {
    const text = `${fixture('seed.md')}\n## Added\n\n\`\`\`bash\necho never closed\n`;
    expect(tree(text, 10)).toBe(tree(text, Number.POSITIVE_INFINITY));
  });
});

describe('steps and gates in longer procedures', () => {
  it('drops dotted step numbers from titles', () => {
    const rb = importMarkdown(['### Step 1.1: Deploy wave 1 (5 min)', '```bash', 'x', '```', '### 2.3 Verify', '```bash', 'y', '```', ''].join('\n'), 'r.md');
    expect(rb.steps.map((s) => [s.title, s.plannedDurationMs])).toEqual([
      ['Deploy wave 1', 300_000],
      ['Verify', null],
    ]);
  });

  it('decides a gate on the criteria of the nearest earlier step of its phase that states some', () => {
    const rb = importMarkdown(
      [
        '## Wave 1',
        '### Deploy',
        '```bash',
        'deploy',
        '# Success Criteria:',
        '# - Error rate < 1%',
        '```',
        '### Verify',
        '```bash',
        'verify',
        '```',
        '**Go/No-Go Decision**: T+10',
        '## Wave 2',
        '### Verify',
        '```bash',
        'verify again',
        '```',
        '**Go/No-Go Decision**: T+20',
        '',
      ].join('\n'),
      'r.md',
    );
    const [first, second] = rb.gates;
    expect(first!.thresholdIds).toHaveLength(1);
    expect(rb.thresholds.find((t) => t.id === first!.thresholdIds[0])).toMatchObject({ metricKey: 'error_rate', context: 'success' });
    expect(first!.offsetMs).toBe(600_000);
    expect(second!.thresholdIds).toEqual([]);
  });

  it('reads labels written without bold: a gate and the parts of a decision level', () => {
    const rb = importMarkdown(
      [
        '**Target Time**: 12:00 UTC',
        '## Canary (12:30 PM)',
        '```bash',
        'enable canary',
        '```',
        'Go/No-Go Decision: 12:35 PM',
        '',
        '## Rollback Decision Tree',
        '### Level 1: Minor Issues (Don\'t Rollback)',
        'Symptoms:',
        '- Error rate 1-3%',
        '',
        'Action:',
        '- Disable the flag',
        '',
        'Note: this is prose, not a label.',
        '',
      ].join('\n'),
      'r.md',
    );
    expect(rb.gates.map((g) => [g.title, g.offsetMs])).toEqual([['Go/No-Go Decision — Canary', 35 * 60_000]]);
    expect(rb.decisionLevels[0]).toMatchObject({ actions: ['Disable the flag'] });
    expect(rb.decisionLevels[0]!.conditions.map((c) => [c.text, c.thresholdId !== null])).toEqual([['Error rate 1-3%', true]]);
    expect(rb.diagnostics).toEqual([]);
  });

  it('keeps items before the first heading in a preamble section that does not swallow the headings after it', () => {
    const rb = importMarkdown('- [ ] before anything\n\n## Second\n\n- [ ] inside\n', 'r.md');
    expect(rb.sections.map((s) => [s.title, s.parentId, s.line, s.endLine])).toEqual([
      ['Preamble', null, 1, 2],
      ['Second', null, 3, 5],
    ]);
    expect(rb.title).toBe('Second');
    expect(rb.checklistItems.map((i) => rb.sections.find((s) => s.id === i.sectionId)!.title)).toEqual(['Preamble', 'Second']);
  });
});
