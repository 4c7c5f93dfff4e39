// Readings added for real-world runbooks (issue 15): bold sub-titles of fences, windows inherited
// from timed headings with "**Duration:**", roles in contacts and participants lists, and numbered
// actions nested in a bullet. Each is also shown by a corpus document (test/unit/runbook/corpus.test.ts).
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';

const MIN = 60_000;
const fence = (cmd: string) => ['```bash', cmd, '```'];

describe('runbook structure as teams write it', () => {
  it('a bold line alone above a fence titles it, without its "1.1" or "Phase 2:" numbering', () => {
    const rb = importMarkdown(['# R', '', '### Phase 1: Prepare (Target: 10 minutes)', '', '**1.1 Verify Primary Region Health**', ...fence('kubectl get nodes'), '', '**Phase 2: Wait for Replication Catch-Up**', ...fence('sleep 1'), ''].join('\n'), 'r.md');
    expect(rb.steps.map((s) => s.title)).toEqual(['Verify Primary Region Health', 'Wait for Replication Catch-Up']);
  });

  it('a bold line followed by prose, not a fence, titles nothing', () => {
    const rb = importMarkdown(['# R', '', '## Deploy', '', '**Careful here**', '', 'Read this first.', '', ...fence('make deploy'), ''].join('\n'), 'r.md');
    expect(rb.steps.map((s) => s.title)).toEqual(['Deploy']);
  });

  it('every step under a timed heading runs in its window, ended by "**Duration:**"; a range gives no end', () => {
    const rb = importMarkdown(
      [
        '# R', '', '## Cutover', '', '### Phase 2: Deploy Overlays (T-20 min)', '', '**Duration:** 10 minutes', '',
        '#### US-East-1', ...fence('kubectl apply -k us'), '', '#### EU-Central-1', ...fence('kubectl apply -k eu'), '',
        '### Phase 3: Soak (T+0)', '', '**Duration:** 60-90 minutes', '', ...fence('watch'), '', ...fence('check'), '',
      ].join('\n'),
      'r.md',
    );
    expect(rb.steps.map((s) => [s.title, s.window.startOffsetMs, s.window.endOffsetMs])).toEqual([
      ['US-East-1', -20 * MIN, -10 * MIN],
      ['EU-Central-1', -20 * MIN, -10 * MIN],
      ['Phase 3: Soak', 0, null],
      ['Phase 3: Soak (2)', 0, null],
    ]);
  });

  it('roles from a Contacts list and from a participants list', () => {
    const rb = importMarkdown(
      [
        '# R', '', '## Emergency Contacts', '', '- **On-Call DBA:** [Insert 24/7 contact]', '- **Tech Lead**: tech-lead@example.com', '',
        '## War Room', '', '- **Participants**:', '  - SRE Lead (Launch Commander)', '  - QA Lead (Smoke Tests)', '  - bring coffee', '',
        '## Notes', '', '- **Reminder**: not a role outside a contacts heading', '',
      ].join('\n'),
      'r.md',
    );
    expect(rb.roles.map((r) => [r.name, r.responsibility, r.fields])).toEqual([
      ['On-Call DBA', null, { Contact: '[Insert 24/7 contact]' }],
      ['Tech Lead', null, { Contact: 'tech-lead@example.com' }],
      ['SRE Lead', 'Launch Commander', {}],
      ['QA Lead', 'Smoke Tests', {}],
    ]);
  });

  it('numbered actions nested in a plain bullet are checklist items', () => {
    const rb = importMarkdown(['# R', '', '## Status', '', '- **Remaining follow-ups**', '  1. Implement OTEL collector', '  2. Author Helm charts', '- Done: backups'].join('\n'), 'r.md');
    expect(rb.checklistItems.map((i) => [i.text, i.style, i.line])).toEqual([
      ['Implement OTEL collector', 'numbered', 6],
      ['Author Helm charts', 'numbered', 7],
    ]);
  });
});
