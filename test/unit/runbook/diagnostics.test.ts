import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { accountLines } from '../../../shared/runbook/lineAccounting';
import type { Diagnostic } from '../../../shared/runbook/model';

function where(diags: Diagnostic[], code: string): string[] {
  return diags.filter((d) => d.code === code).map((d) => `${d.line}:${d.column} ${d.severity}`);
}

function md(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('diagnostics name the line and column, and the import keeps everything else', () => {
  it('an unclosed fence at the end of the document: one warning at the opening fence, the script kept', () => {
    const rb = importMarkdown(md(['# R', '', '## Deploy', '', '```bash', 'echo deploy']), 'r.md');
    expect(where(rb.diagnostics, 'unclosed-fence')).toEqual(['5:1 warning']);
    expect(rb.steps).toHaveLength(1);
    expect(rb.steps[0]).toMatchObject({ title: 'Deploy', script: 'echo deploy', line: 5 });
  });

  it('an unclosed fence followed by more markdown: the rest of the runbook still comes through', () => {
    const source = md(['# R', '', '## Deploy', '```bash', './deploy.sh', '', '## Verify', '', '- [ ] Check health']);
    const rb = importMarkdown(source, 'r.md');
    expect(where(rb.diagnostics, 'unclosed-fence')).toEqual(['4:1 warning']);
    expect(rb.diagnostics[0]!.message).toContain('before line 7');
    expect(rb.steps[0]).toMatchObject({ script: './deploy.sh', endLine: 5 });
    expect(rb.sections.map((s) => s.title)).toEqual(['R', 'Deploy', 'Verify']);
    expect(rb.checklistItems.map((i) => [i.text, i.line])).toEqual([['Check health', 9]]);
    expect(accountLines(rb, source).unaccounted).toEqual([]);
  });

  it('an unclosed fence inside a list item ends with the item', () => {
    const rb = importMarkdown(md(['1. Run:', '   ```bash', '   echo hi', '2. Next']), 'r.md');
    expect(where(rb.diagnostics, 'unclosed-fence')).toEqual(['2:4 warning']);
    expect(rb.steps[0]).toMatchObject({ title: 'Run', script: 'echo hi', line: 2, endLine: 3 });
    expect(rb.checklistItems.map((i) => i.text)).toEqual(['Run:', 'Next']);
  });

  it('unparseable times: a window, a date and a timeline line, each at the value', () => {
    const rb = importMarkdown(
      md(['# R', '', '**Target Date**: Octember 41, 2025', '', '## Step 1: Deploy', '```bash', 'x', '```', '**Target**: 12:75 - 13:00 UTC', '', '```', '11:30 - ok', '25:00 - broken', '```']),
      'r.md',
    );
    expect(where(rb.diagnostics, 'unparseable-time')).toEqual(['3:18 warning', '9:13 warning', '13:1 warning']);
    expect(rb.steps[0]!.window).toEqual({ startOffsetMs: null, endOffsetMs: null });
  });

  it('a threshold without the unit its metric needs (but not for a count)', () => {
    const rb = importMarkdown(md(['# R', '', '**Escalation Criteria**:', '- Error rate > 5 → page on-call', '- p95 latency > 800 → Escalation', '- DB connections > 90']), 'r.md');
    expect(where(rb.diagnostics, 'threshold-without-unit')).toEqual(['4:3 warning', '5:3 warning']);
    expect(rb.thresholds.map((t) => [t.metricKey, t.unit, t.context])).toEqual([
      ['error_rate', null, 'page'],
      ['p95_latency', null, 'escalation'],
      ['db_connections', 'count', 'escalation'],
    ]);
  });

  it('duplicate step titles: the second step is named, both are kept with distinct ids', () => {
    const rb = importMarkdown(md(['# R', '', '## Deploy', '```bash', 'a', '```', '', '## Later', '### Deploy', '```sh', 'b', '```']), 'r.md');
    expect(where(rb.diagnostics, 'duplicate-step-title')).toEqual(['10:1 warning']);
    expect(rb.diagnostics[0]!.message).toContain('line 4');
    expect(rb.steps.map((s) => s.script)).toEqual(['a', 'b']);
    expect(new Set(rb.steps.map((s) => s.id)).size).toBe(2);
  });

  it('a second block under one heading is numbered or named by its label, without a warning', () => {
    const rb = importMarkdown(md(['## Deploy', '```bash', 'a', '```', '```bash', 'b', '```', '**Verify**:', '```bash', 'c', '```']), 'r.md');
    expect(rb.steps.map((s) => s.title)).toEqual(['Deploy', 'Deploy (2)', 'Deploy — Verify']);
    expect(rb.diagnostics).toEqual([]);
  });

  it('unknown front-matter keys, top level and nested, at the key', () => {
    const rb = importMarkdown(md(['---', 't0: 2025-10-21T12:00:00Z', 'owner: me', 'hosts:', '  - name: a', '    colour: red', '---', '# R']), 'r.md');
    expect(rb.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['3:1 unknown-front-matter-key', '6:5 unknown-front-matter-key']);
    expect(rb.diagnostics[1]!.message).toContain('hosts.a.colour');
    expect(rb.t0).toBe('2025-10-21T12:00:00.000Z');
    expect(rb.hosts).toHaveLength(1);
  });

  it('invalid YAML: an error where the parser stopped; the markdown is still imported', () => {
    const rb = importMarkdown(md(['---', 't0: 2025-10-21T12:00:00Z', 'a: b: c', '---', '# R', '', '- [ ] still here']), 'r.md');
    expect(where(rb.diagnostics, 'invalid-yaml')).toEqual(['3:4 error']);
    expect(rb.t0).toBeNull();
    expect(rb.checklistItems.map((i) => i.text)).toEqual(['still here']);
    const dup = importMarkdown(md(['---', 'environment: staging', 'environment: production', '---', '# R']), 'r.md');
    expect(where(dup.diagnostics, 'invalid-yaml')).toEqual(['3:1 error']);
  });

  it('invalid front-matter values: one error per value, at the value, the valid rest applied', () => {
    const rb = importMarkdown(
      md(['---', 'hosts:', '  - name: a', '    port: abc', '  - name: b', '    port: 22', 'environment: qa', 't0: 2025-10-21 12:00', 'steps:', '  Deploy:', '    timeout: 10', '---', '# R']),
      'r.md',
    );
    expect(where(rb.diagnostics, 'invalid-front-matter')).toEqual(['4:11 error', '7:14 error', '8:5 error', '11:14 error']);
    expect(rb.hosts.map((h) => [h.name, h.port])).toEqual([['b', 22]]);
  });

  it('a window that ends before it starts', () => {
    const rb = importMarkdown(md(['# R', '**Target Date**: 2025-10-21', '**Target Time**: 12:00 UTC', '## Step 1: Deploy', '```bash', 'x', '```', '**Target**: 12:15 - 12:05 PM UTC']), 'r.md');
    expect(where(rb.diagnostics, 'window-end-before-start')).toEqual(['8:13 warning']);
    const crossing = importMarkdown(md(['# R', '**Target Time**: 23:30 UTC', '## Switch', '```bash', 'x', '```', '**Target**: 23:50 - 00:10 UTC']), 'r.md');
    expect(crossing.diagnostics).toEqual([]);
    expect(crossing.steps[0]!.window).toEqual({ startOffsetMs: 20 * 60_000, endOffsetMs: 40 * 60_000 });
  });

  it('a go/no-go without a time, as a label and as a heading', () => {
    const rb = importMarkdown(md(['# R', '## Canary', '```bash', 'x', '```', '**Go/No-Go Decision**: when the dashboards are green', '', '### Go / No-Go']), 'r.md');
    expect(where(rb.diagnostics, 'gate-without-time')).toEqual(['6:1 warning', '8:1 warning']);
    expect(rb.gates.map((g) => [g.offsetMs, g.line])).toEqual([
      [null, 6],
      [null, 8],
    ]);
  });

  it('clock times without any T0: one note, not one per time', () => {
    const rb = importMarkdown(md(['# R', '', '**11:30 AM UTC**', '', '11:45 - Something', '', '**Target**: 12:00 - 12:05 UTC']), 'r.md');
    expect(rb.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['3:1 info t0-unknown']);
    expect(rb.milestones).toEqual([]);
  });

  it('front matter that is opened but never closed', () => {
    const rb = importMarkdown(md(['---', 't0: 2025-10-21T12:00:00Z', '', '# R']), 'r.md');
    expect(where(rb.diagnostics, 'unclosed-front-matter')).toEqual(['1:1 warning']);
  });
});
