import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { accountLines } from '../../../shared/runbook/lineAccounting';
import { summarizeRunbook } from '../../../shared/runbook/summary';

const doc = readFileSync(new URL('../../../docs/runbook-format.md', import.meta.url), 'utf8');
const example = `${/````markdown\n([\s\S]*?)\n````/.exec(doc)![1]}\n`;

describe('the complete example in docs/runbook-format.md', () => {
  const rb = importMarkdown(example, 'example.md');

  it('imports cleanly, every line accounted for', () => {
    expect(rb.diagnostics).toEqual([]);
    expect(accountLines(rb, example).unaccounted).toEqual([]);
  });

  it('gives what the document describes', () => {
    const summary = summarizeRunbook(rb);
    expect(summary.t0).toBe('2026-01-20T09:00:00.000Z');
    expect(summary.steps).toEqual([
      // Within the window of the timed heading they sit under (no time or duration of their own).
      { title: 'Build the new index', window: 'T-60m..T-15m' },
      { title: 'Roll out', window: 'T+0m..T+10m' },
      { title: 'Announce', window: 'T+0m..T+30m' },
      { title: 'Level 2: Critical Issues', window: null },
    ]);
    expect(summary.gates).toEqual([{ title: 'Go/No-Go Decision — Roll out', time: 'T+15m' }]);
    expect(summary.secrets).toEqual(['INDEXER_TOKEN', 'SLACK_WEBHOOK_URL']);
    expect(rb.steps.map((s) => s.target)).toEqual([
      { local: false, hosts: ['indexer'], groups: [] },
      { local: false, hosts: [], groups: ['search'] },
      { local: true, hosts: [], groups: [] },
      null,
    ]);
    expect(rb.checklistItems.find((i) => i.role)).toMatchObject({ text: 'Rollback rehearsed on staging', role: 'Technical Lead' });
    expect(rb.gates[0]!.thresholdIds).toHaveLength(2);
    expect(rb.decisionLevels.map((l) => [l.level, l.verdict, l.stepIds.length])).toEqual([
      [1, "Don't Rollback", 0],
      [2, 'Immediate Rollback', 1],
    ]);
    expect(rb.roles.map((r) => r.name)).toEqual(['Incident Commander', 'Technical Lead']);
    expect(rb.metrics.map((m) => m.metricKey)).toEqual(['error_rate', 'queue_depth', 'search_health']);
  });
});
