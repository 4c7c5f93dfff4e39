import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { accountLines } from '../../../shared/runbook/lineAccounting';
import { summarizeRunbook } from '../../../shared/runbook/summary';
import { fixture } from './fixtures';

const MIN = 60_000;

describe('payments-cutover.md: T-minus headings, Target Time, emoji and bold in headings, fill-in blanks', () => {
  const source = fixture('payments-cutover.md');
  const rb = importMarkdown(source, 'payments-cutover.md');
  const summary = summarizeRunbook(rb);

  it('takes T0 from **Target Date** and **Target Time** at the top', () => {
    expect(rb.t0).toBe('2026-03-14T14:30:00.000Z');
    expect(rb.diagnostics).toEqual([]);
    expect(accountLines(rb, source).unaccounted).toEqual([]);
  });

  it('reads T-MINUS / T-60 / T-0 / T+60 headings, keeping emoji and dropping bold markers', () => {
    const offsets = rb.sections.filter((s) => s.depth === 2).map((s) => [s.title, s.startOffsetMs === null ? null : s.startOffsetMs / MIN, s.kind]);
    expect(offsets).toEqual([
      ['🗓️ T-MINUS 24 HOURS — Readiness', -24 * 60, 'phase'],
      ['T-60: Freeze deploys 🚫', -60, 'phase'],
      ['T-30: Pre-flight ✈️', -30, 'phase'],
      ['T-0: 🚀 Cutover', 0, 'phase'],
      ['T+60: Hypercare', 60, 'phase'],
    ]);
    expect(rb.milestones.map((m) => [m.source, m.offsetMs / MIN, m.text])).toEqual([
      ['heading', -24 * 60, '🗓️ Readiness'],
      ['target-time', -30, 'Pre-flight ✈️'],
      ['heading', 0, '🚀 Cutover'],
      ['heading', 60, 'Hypercare'],
    ]);
  });

  it('gives steps their windows from the heading or from **Target**', () => {
    expect(summary.steps).toEqual([
      { title: 'Freeze deploys 🚫', window: 'T-60m' },
      { title: 'Snapshot the ledger', window: null },
      { title: 'Switch writes to the new ledger', window: 'T+0m..T+5m' },
      { title: 'Drain the old writers', window: 'T+5m..T+15m' },
    ]);
    expect(rb.steps[1]!.plannedDurationMs).toBe(10 * MIN);
    expect(rb.secrets).toEqual(['FLAGS_API_TOKEN', 'GITHUB_TOKEN', 'LEDGER_DSN']);
    expect(rb.steps[1]!.secrets).toEqual(['LEDGER_DSN']);
  });

  it('turns a Go/No-Go heading into a gate with the success criteria above it (≤ 350ms included)', () => {
    expect(summary.gates).toEqual([{ title: 'Go/No-Go', time: 'T+20m' }]);
    const gate = rb.gates[0]!;
    const criteria = gate.thresholdIds.map((id) => rb.thresholds.find((t) => t.id === id)!);
    expect(criteria.map((t) => [t.metricKey, t.op, t.value, t.unit])).toEqual([
      ['p95_latency', '<=', 350, 'ms'],
      ['error_rate', '<', 0.5, '%'],
      ['settlement_queue_depth', '<', 1000, 'count'],
    ]);
    expect(gate.goText).toBe('keep v2 writers, announce in #payments');
    expect(gate.noGoText).toBe('flip ledger_v2 back, follow the rollback below');
  });

  it('reads abort criteria even when markdown merges them into the checklist after them', () => {
    const alerts = rb.thresholds.filter((t) => t.meaning === 'alert-if');
    expect(alerts.map((t) => [t.metricKey, t.value, t.context, t.sustainedMs, t.action])).toEqual([
      ['error_rate', 2, 'page', 5 * MIN, 'Page payments on-call'],
      ['p99_latency', 1500, 'escalation', null, 'Escalation to incident commander'],
      ['settlement_queue_depth', 5000, 'escalation', null, null],
    ]);
    expect(rb.checklistItems.some((i) => i.text.startsWith('Error rate'))).toBe(false);
  });

  it('keeps fill-in blanks in checklist text, nesting and the [x] state', () => {
    const primary = rb.checklistItems.find((i) => i.text === 'Primary: _______')!;
    expect(primary.depth).toBe(1);
    expect(rb.checklistItems.find((i) => i.id === primary.parentId)!.text).toBe('On-call rota confirmed for the weekend');
    expect(rb.checklistItems.find((i) => i.label === 'Change approved')!.detail).toBe('in CAB (ticket number: _______)');
    expect(rb.checklistItems.find((i) => i.text.startsWith('Load test'))!.checkedInSource).toBe(true);
    expect(rb.checklistItems.find((i) => i.label === 'Sign-off')!.signOff).toBe(true);
    expect(rb.roles.map((r) => r.name)).toEqual(['Incident Commander', 'Payments SRE', 'Finance Liaison']);
  });
});

describe('db-maintenance-numbered.md: numbered lists instead of checkboxes, no times at all', () => {
  const source = fixture('db-maintenance-numbered.md');
  const rb = importMarkdown(source, 'db-maintenance-numbered.md');

  it('imports with no diagnostics, no T0 and no offsets anywhere', () => {
    expect(rb.diagnostics).toEqual([]);
    expect(rb.t0).toBeNull();
    expect(rb.milestones).toEqual([]);
    expect(rb.gates).toEqual([]);
    expect(rb.sections.every((s) => s.startOffsetMs === null && s.endOffsetMs === null)).toBe(true);
    expect(rb.steps.every((s) => s.window.startOffsetMs === null && s.window.endOffsetMs === null)).toBe(true);
    expect(accountLines(rb, source).unaccounted).toEqual([]);
  });

  it('reads setext headings and numbered items (nested too) as checklist items', () => {
    expect(rb.title).toBe('Database Maintenance Procedure');
    expect(rb.sections[0]).toMatchObject({ line: 1, headingEndLine: 2, depth: 1 });
    const numbered = rb.checklistItems.filter((i) => i.style === 'numbered');
    expect(numbered).toHaveLength(10);
    const nested = numbered.filter((i) => i.depth === 1).map((i) => i.text);
    expect(nested).toEqual(['Open a psql session on the primary.', 'Look at pg_stat_activity for anything older than ten minutes.']);
    expect(rb.checklistItems.filter((i) => i.style === 'checkbox')).toHaveLength(3);
    expect(rb.checklistItems.some((i) => i.text.includes('ETL must not be resumed'))).toBe(false);
  });

  it('titles a command inside a numbered item by the item, and a fence under a heading by the heading', () => {
    expect(rb.steps.map((s) => [s.title, s.shell, s.rollback])).toEqual([
      ['Pause the nightly ETL', 'bash', false],
      ['Run the upgrade in check mode', 'sh', false],
      ['Rollback', 'bash', true],
    ]);
    expect(rb.secrets).toEqual(['AIRFLOW_PASSWORD', 'AIRFLOW_URL', 'OLD_DATA_DIR']);
    expect(rb.roles.map((r) => [r.name, r.responsibility, r.fields.Owner])).toEqual([
      ['Operator', 'Runs every step, keeps the log', 'On-call DBA'],
      ['Reviewer', 'Reads each command before it runs', 'Second DBA'],
      ['Analytics Liaison', 'Pauses and resumes the ETL jobs', 'Data team lead'],
    ]);
  });
});

describe('dns-migration-crlf.md: CRLF line endings, a window across midnight', () => {
  const source = fixture('dns-migration-crlf.md');
  const rb = importMarkdown(source, 'dns-migration-crlf.md');

  it('is really stored with CRLF and imports with the same line numbers as LF', () => {
    expect(source).toContain('\r\n');
    expect(source.replace(/\r\n/g, '')).not.toContain('\n');
    const lf = importMarkdown(source.replace(/\r\n/g, '\n'), 'dns-migration-crlf.md');
    expect(JSON.stringify(rb)).toBe(JSON.stringify(lf));
    expect(rb.diagnostics).toEqual([]);
    expect(accountLines(rb, source).unaccounted).toEqual([]);
  });

  it('keeps no carriage return in any text it extracted', () => {
    expect(JSON.stringify(rb)).not.toContain('\\r');
  });

  it('places times after midnight after a 23:30 T0', () => {
    expect(rb.t0).toBe('2025-11-04T23:30:00.000Z');
    expect(summarizeRunbook(rb).steps).toEqual([
      { title: 'Switch the nameservers', window: 'T+0m..T+10m' },
      { title: 'Verify resolution', window: 'T+20m..T+35m' },
    ]);
    expect(rb.milestones.map((m) => [m.offsetMs / MIN, m.text])).toEqual([
      [-5, 'Bridge open, roll call'],
      [0, 'Cutover begins'],
      [20, 'Verification done'],
      [40, 'Old provider set read-only'],
    ]);
  });

  it('reads a zsh step and its secrets (ZONE_ID is assigned, CF_API_TOKEN is not)', () => {
    expect(rb.steps[0]).toMatchObject({ shell: 'zsh', secrets: ['CF_API_TOKEN'], line: 25, endLine: 30 });
    expect(rb.thresholds.map((t) => [t.metricKey, t.value, t.unit, t.context, t.line])).toEqual([
      // DNS errors and resolution latency are their own series, not the service's error rate and p95.
      ['dns_error_rate', 1, '%', 'escalation', 43],
      ['resolution_latency_p95', 200, 'ms', 'escalation', 44],
    ]);
  });
});

describe('search-release-frontmatter.md: hosts, targets, metrics, overrides and milestones from front matter', () => {
  const source = fixture('search-release-frontmatter.md');
  const rb = importMarkdown(source, 'search-release-frontmatter.md');

  it('reads the document-level settings', () => {
    expect(rb.diagnostics).toEqual([]);
    expect(rb).toMatchObject({ title: 'Search v3 release', t0: '2026-01-20T09:00:00.000Z', environment: 'production', prometheusUrl: 'http://prometheus.internal:9090' });
    expect(accountLines(rb, source).unaccounted).toEqual([]);
    expect(rb.references[0]).toMatchObject({ lang: 'front-matter', line: 1, endLine: 55 });
  });

  it('reads hosts with their groups, port, identity file and jump host', () => {
    expect(rb.hosts.map((h) => h.name)).toEqual(['search-1', 'search-2', 'indexer']);
    expect(rb.hosts[2]).toEqual({
      name: 'indexer',
      address: '10.20.0.21',
      port: 2222,
      user: 'deploy',
      groups: ['batch'],
      identityFile: '~/.ssh/deploy_ed25519',
      proxyJump: 'bastion.internal',
    });
  });

  it('binds steps to hosts, groups or the workstation, and applies per-step overrides', () => {
    expect(rb.steps.map((s) => [s.title, s.target])).toEqual([
      ['Build the new index', { local: false, hosts: ['indexer'], groups: [] }],
      ['Roll out', { local: false, hosts: [], groups: ['search'] }],
      ['Announce', { local: true, hosts: [], groups: [] }],
    ]);
    expect(rb.steps[0]).toMatchObject({ timeoutMs: 45 * MIN, plannedDurationMs: 30 * MIN, confirm: false });
    expect(rb.steps[1]).toMatchObject({ timeoutMs: 10 * MIN, confirm: true, window: { startOffsetMs: 0, endOffsetMs: 20 * MIN } });
  });

  it('binds metric names to queries with keys that match the thresholds', () => {
    expect(rb.metrics.map((m) => [m.metricKey, m.source, m.unit])).toEqual([
      ['error_rate', 'prometheus', '%'],
      ['p95_latency', 'prometheus', 's'],
      ['queue_depth', 'scrape', null],
      ['search_health', 'health', null],
    ]);
    expect(rb.metrics[3]).toMatchObject({ query: 'https://search.internal/healthz', url: 'https://search.internal/healthz' });
    const keys = new Set(rb.metrics.map((m) => m.metricKey));
    expect(rb.thresholds.every((t) => keys.has(t.metricKey))).toBe(true);
  });

  it('adds front-matter milestones (T-offsets and clock times) to the heading ones', () => {
    expect(rb.milestones.map((m) => [m.source, m.offsetMs / MIN, m.text])).toEqual([
      ['front-matter', -15, 'Go / no-go call with the search team'],
      ['front-matter', 90, 'Traffic review with product'],
      ['heading', -60, 'Preparation'],
      ['heading', 0, 'Release'],
    ]);
  });
});
