import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMarkdownAsRun } from '../../../shared/report/markdownAsRun';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { Runbook } from '../../../shared/runbook/model';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { ada, buildFixtureSession, EventBuilder, exhaustiveSession, modelOf } from './sessionFixture';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'runbooks');

/** What must survive a round trip: every node's id and text, and the plan's times. */
function shape(runbook: Runbook) {
  return {
    title: runbook.title,
    t0: runbook.t0,
    items: runbook.checklistItems.map((i) => [i.id, i.text, i.parentId, i.sectionId, i.signOff, i.role]),
    sections: runbook.sections.map((s) => [s.id, s.title, s.kind, s.startOffsetMs]),
    steps: runbook.steps.map((s) => [s.id, s.title, s.script, s.window, s.secrets]),
    gates: runbook.gates.map((g) => [g.id, g.title, g.offsetMs, g.criteria, g.goText, g.noGoText, g.thresholdIds]),
    thresholds: runbook.thresholds.map((t) => [t.id, t.text, t.context]),
    milestones: runbook.milestones.map((m) => [m.id, m.offsetMs, m.text]),
    levels: runbook.decisionLevels.map((l) => [l.id, l.conditions, l.actions, l.stepIds]),
    roles: runbook.roles.map((r) => r.id),
    hosts: runbook.hosts,
  };
}

describe('Markdown as run', () => {
  it('re-imports as the same runbook: same checklist items (ids, text, nesting), steps, gates, thresholds and times', () => {
    const { model, content, runbook } = buildFixtureSession();
    const again = importMarkdown(buildMarkdownAsRun(model, content), 'seed.md');
    expect(shape(again)).toEqual(shape(runbook));
    expect(again.diagnostics).toEqual(runbook.diagnostics);
  });

  it('sets each checkbox as the session left it, and says who ticked it, when, with the note and the approver', () => {
    const { model, content } = buildFixtureSession();
    const md = buildMarkdownAsRun(model, content);
    expect(md).toContain('  - [x] API keys rotated and secured\n\n    > ✔ **Done** by Ada Lovelace (Incident Commander), 2025-10-18 09:00:01 UTC');
    expect(md).toMatch(/API keys rotated and secured\n\n {4}> .*note: “rotated in vault at 09:10”/);
    expect(md).toMatch(/- \[x\] CTO approval\n\n {4}> ✔ \*\*Done\*\* .*approved by \*\*Grace Hopper\*\*/);
    // Ticked, then unticked with a reason: the box is empty and both are on record.
    expect(md).toMatch(/- \[ \] SSL certificates valid and installed\n\n {4}> ✘ \*\*Not done\*\*[^\n]*\n {4}>\n {4}> - \*\*Ticked\*\* by Ada[^\n]*\n {4}> - \*\*Unticked\*\* by Bob \\<b\\>Tables\\<\/b\\> \(Database Admin\)[^\n]*reason: “cert for api.example expires in 3 days”/);
    const again = importMarkdown(md, 'seed.md');
    const checked = again.checklistItems.filter((i) => i.checkedInSource).map((i) => i.text);
    expect(checked.sort()).toEqual(['API keys rotated and secured', 'CTO approval', 'Incident commander signs off on stability']);
  });

  it('puts each step run right after its command and each decision after its gate, with hosts, exit codes and criteria', () => {
    const { model, content } = buildFixtureSession();
    const md = buildMarkdownAsRun(model, content);
    const fence = md.indexOf('echo "✅ Maintenance mode enabled at $(date)"\n```\n');
    const run = md.indexOf('> **As run — Enable Maintenance Mode**');
    expect(fence).toBeGreaterThan(0);
    expect(run).toBeGreaterThan(fence);
    expect(md.slice(fence, run)).not.toMatch(/\*\*Target\*\*/);
    expect(md).toMatch(/> - web-1: succeeded, exit 0, 1\.8 s\n> - web-2: \*\*failed\*\*, exit 7, 2\.1 s — exit code 7/);
    const gateList = md.indexOf('- **NO-GO**: Rollback immediately if issues detected\n');
    const noGo = md.indexOf('> **Decision: NO-GO**');
    const go = md.indexOf('> **Decision: GO**');
    expect(gateList).toBeGreaterThan(0);
    expect(noGo).toBeGreaterThan(gateList);
    expect(go).toBeGreaterThan(noGo);
    expect(md).toContain('> - p95 latency \\< 500 ms: 640 ms — fail');
  });

  it('opens with the session and the chain head, and closes with alerts, level changes and T0 moves in log order', () => {
    const { model, content } = buildFixtureSession();
    const md = buildMarkdownAsRun(model, content);
    expect(md.startsWith('> **As run** — session “Go-Live \\<v2.0\\> \\& "friends"” (production)')).toBe(true);
    expect(md).toContain(`chain head ${model.chain.headHash}`);
    const log = md.slice(md.indexOf('> **As run — log**'));
    const order = ['T0 moved', '**Alert raised** (escalate)', 'decision level 0 → **2**', 'Alert cleared', 'decision level 2 → **0**'].map((text) => log.indexOf(text));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(log).toContain(`tminus verify ${model.sessionFileName}`);
  });

  it('keeps text people typed as words: a note with a fence, a list item or a heading adds no step, item or section', () => {
    const { model, content, runbook } = buildFixtureSession();
    const md = buildMarkdownAsRun(model, content);
    expect(md).toContain('\\`\\`\\`bash rm -rf / \\`\\`\\` - \\[ \\] fake item ## Fake heading');
    expect(md).not.toContain('<script>');
    const again = importMarkdown(md, 'seed.md');
    expect(again.steps).toHaveLength(runbook.steps.length);
    expect(again.checklistItems).toHaveLength(runbook.checklistItems.length);
    expect(again.sections).toHaveLength(runbook.sections.length);
  });

  it.each(['seed.md', 'payments-cutover.md', 'db-maintenance-numbered.md', 'search-release-frontmatter.md', 'dns-migration-crlf.md'])(
    '%s, with every item ticked, every step run and every gate decided, re-imports unchanged',
    (file) => {
      const content = readFileSync(join(FIXTURES, file), 'utf8');
      const runbook = importMarkdown(content, file);
      const model = modelOf(runbook, exhaustiveSession(runbook, runbook.t0 ?? '2025-10-21T12:00:00.000Z'));
      const md = buildMarkdownAsRun(model, content);
      const again = importMarkdown(md, file);
      expect(shape(again)).toEqual(shape(runbook));
      expect(again.checklistItems.filter((i) => i.style === 'checkbox').every((i) => i.checkedInSource === (model.state.checklist[i.id]?.checked ?? false))).toBe(true);
      // The document keeps its own line endings and front matter stays first.
      expect(/\r\n/.test(md)).toBe(/\r\n/.test(content));
      if (content.startsWith('---')) expect(md.startsWith('---')).toBe(true);
    },
  );

  it('shortens what would flood a wiki page — a much-worked item, thousands of alert transitions — and says where the rest is', () => {
    const { runbook, content } = buildFixtureSession();
    const item = runbook.checklistItems[1]!;
    const b = new EventBuilder('2025-10-21T11:00:00.000Z');
    b.add(ada, 'session.created', { name: 'Flapping', environment: 'staging', t0: '2025-10-21T12:00:00.000Z', runbook: null });
    for (let i = 0; i < 20; i++) {
      b.add(ada, 'checklist.checked', { itemId: item.id, note: null, approver: null });
      b.add(ada, 'checklist.unchecked', { itemId: item.id, reason: `redo ${i}` });
    }
    const alert = { thresholdId: 'th_x', severity: 'warning' as const, metricKey: 'error_rate', metric: 'Error rate', threshold: 'Error rate < 1%', value: 1.2, unit: '%', query: 'q', since: null, action: null, reason: 'r' };
    for (let i = 0; i < 500; i++) b.add(SYSTEM_ACTOR, i % 2 ? 'metrics.alertCleared' : 'metrics.alertRaised', alert);
    const md = buildMarkdownAsRun(modelOf(runbook, b.events, 'Flapping'), content);
    expect(md).toContain('> - … 28 entries not shown here; every one is in flapping-20251021.events.csv …');
    expect(md).toContain('> - … 100 entries not shown here; every one is in flapping-20251021.events.csv …');
    expect(md).toContain('reason: “redo 19”');
    expect(importMarkdown(md, 'seed.md').checklistItems.map((i) => i.id)).toEqual(runbook.checklistItems.map((i) => i.id));
  });
});
