import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { accountLines } from '../../../shared/runbook/lineAccounting';
import type { Runbook } from '../../../shared/runbook/model';
import { summarizeRunbook } from '../../../shared/runbook/summary';
import { fixture } from './fixtures';

const source = fixture('seed.md');
const rb: Runbook = importMarkdown(source, 'GO_LIVE_PROCEDURES.md');
const summary = summarizeRunbook(rb);
const MIN = 60_000;

describe('the seed runbook (GO_LIVE_PROCEDURES.md)', () => {
  it('imports without a single warning and accounts for every line', () => {
    expect(rb.diagnostics).toEqual([]);
    expect(summary.warnings).toEqual([]);
    expect(rb.lineCount).toBe(635);
    expect(accountLines(rb, source).unaccounted).toEqual([]);
  });

  it('has T0 at 12:00 UTC on the Target Date', () => {
    expect(rb.targetDate).toBe('2025-10-21');
    expect(summary.t0).toBe('2025-10-21T12:00:00.000Z');
    expect(summary.title).toBe('Production Go-Live Procedures');
  });

  it('gives 130 checklist items with their nesting', () => {
    expect(summary.counts.checklistItems).toBe(130);
    const top = rb.checklistItems.filter((i) => i.depth === 0);
    const nested = rb.checklistItems.filter((i) => i.depth === 1);
    expect(top).toHaveLength(58);
    expect(nested).toHaveLength(72);
    const audit = rb.checklistItems.find((i) => i.label === 'Security Audit')!;
    const children = rb.checklistItems.filter((i) => i.parentId === audit.id);
    expect(children.map((c) => c.text)).toEqual([
      'API keys rotated and secured',
      'SSL certificates valid and installed',
      'Database credentials secured in vault',
      'Redis auth enabled and strong password',
      'Security headers configured',
      'Rate limiting enabled',
      'DDoS protection active',
    ]);
    expect(children.every((c) => c.depth === 1 && c.line > audit.line)).toBe(true);
    expect(audit).toMatchObject({ line: 27, column: 1, style: 'checkbox', checkedInSource: false });
  });

  it('keeps roles from **Role**: paragraphs and marks sign-offs', () => {
    const byRole = (role: string) => rb.checklistItems.filter((i) => i.role === role).map((i) => i.text);
    expect(byRole('Technical Lead')).toEqual([
      'All pre-launch tests passed',
      'Code reviewed and tested on staging',
      'Rollback procedure verified',
      'Team briefing prepared',
    ]);
    expect(byRole('Database Admin')).toHaveLength(4);
    expect(byRole('DevOps Engineer')).toHaveLength(4);
    expect(byRole('Communications')).toHaveLength(4);
    expect(rb.checklistItems.filter((i) => i.role !== null)).toHaveLength(16);
    const signOffs = rb.checklistItems.filter((i) => i.signOff).map((i) => i.text);
    expect(signOffs).toContain('CTO approval');
    expect(signOffs).toContain('Communications team ready');
    expect(signOffs).toContain('Incident commander signs off on stability');
  });

  it('gives 11 steps, the four deployment windows and the canary starts', () => {
    expect(summary.counts.steps).toBe(11);
    expect(summary.steps.slice(0, 7)).toEqual([
      { title: 'Enable Maintenance Mode', window: 'T+0m..T+5m' },
      { title: 'Deploy New Code', window: 'T+5m..T+15m' },
      { title: 'Database Migrations', window: 'T+15m..T+20m' },
      { title: 'Health Check', window: 'T+20m..T+25m' },
      { title: 'Canary: 5% of Traffic', window: 'T+30m' },
      { title: 'Canary: 25% of Traffic', window: 'T+40m' },
      { title: 'Full Rollout: 100% of Traffic', window: 'T+50m' },
    ]);
    const deploy = rb.steps[1]!;
    expect(deploy).toMatchObject({ heading: 'Step 2: Deploy New Code (10 min)', shell: 'bash', plannedDurationMs: 10 * MIN, line: 175, endLine: 196 });
    expect(deploy.script.split('\n')[0]).toBe('# Step 1: Pull latest code');
    expect(rb.steps.map((s) => s.secrets)).toEqual([
      ['ADMIN_TOKEN', 'STATUS_API_KEY'],
      ['API_KEY'],
      [],
      ['API_KEY'],
      ['ADMIN_TOKEN'],
      ['ADMIN_TOKEN'],
      ['ADMIN_TOKEN', 'STATUS_API_KEY'],
      ['API_KEY'],
      ['ADMIN_TOKEN'],
      [],
      [],
    ]);
  });

  it('reads exactly three secrets: what the scripts read but never assign', () => {
    expect(summary.secrets).toEqual(['ADMIN_TOKEN', 'API_KEY', 'STATUS_API_KEY']);
  });

  it('turns the timeline lines into milestones from T-30m to T+0m', () => {
    const timeline = rb.milestones.filter((m) => m.source === 'timeline-line' && m.line >= 143 && m.line <= 148);
    expect(timeline.map((m) => [m.offsetMs / MIN, m.text])).toEqual([
      [-30, 'War room opened'],
      [-25, 'All team members present'],
      [-20, 'Final verification complete'],
      [-15, 'Ready for deployment'],
      [-5, 'Team briefed on procedures'],
      [0, 'DEPLOYMENT BEGINS'],
    ]);
    const bold = rb.milestones.filter((m) => m.source === 'bold-time').map((m) => m.offsetMs / MIN);
    expect(bold).toEqual([-30, 0, 30, 60]);
    const headings = rb.milestones.filter((m) => m.source === 'heading').map((m) => [m.offsetMs / MIN, m.text]);
    expect(headings).toEqual([
      [-72 * 60, '72 Hours Before Go-Live'],
      [-24 * 60, '24 Hours Before Go-Live'],
      [-60, '1 Hour Before Go-Live'],
      [48 * 60, 'Milestone: 48 Hours Post-Launch'],
      [7 * 24 * 60, 'Milestone: 1 Week Post-Launch'],
    ]);
  });

  it('gives two go/no-go gates decided on the canary success criteria', () => {
    expect(summary.gates.map((g) => g.time)).toEqual(['T+35m', 'T+45m']);
    const [first, second] = rb.gates;
    const criteria = first!.thresholdIds.map((id) => rb.thresholds.find((t) => t.id === id)!);
    expect(criteria.map((t) => [t.metricKey, t.op, t.value, t.unit, t.context, t.meaning])).toEqual([
      ['error_rate', '<', 1, '%', 'success', 'ok-if'],
      ['p95_latency', '<', 500, 'ms', 'success', 'ok-if'],
    ]);
    expect(criteria.map((t) => t.line)).toEqual([257, 258]);
    expect(first!.goText).toBe('Proceed to 25% if metrics green');
    expect(first!.noGoText).toBe('Rollback immediately if issues detected');
    expect(first!.criteria).toContain('No unusual logs');
    expect(second!.thresholdIds).toEqual(first!.thresholdIds);
  });

  it('reads the escalation criteria and at least 15 thresholds in all', () => {
    expect(summary.counts.thresholds).toBeGreaterThanOrEqual(15);
    const escalation = rb.thresholds.filter((t) => t.context === 'escalation');
    expect(escalation.map((t) => [t.metricKey, t.op, t.value, t.unit, t.meaning, t.sustained, t.action])).toEqual([
      ['error_rate', '>', 5, '%', 'alert-if', false, 'Immediate escalation'],
      ['p95_latency', '>', 1000, 'ms', 'alert-if', false, 'Escalation'],
      ['p99_latency', '>', 2000, 'ms', 'alert-if', false, 'Escalation'],
      ['memory_usage', '>', 90, '%', 'alert-if', false, 'Escalation'],
      ['cpu_usage', '>', 85, '%', 'alert-if', true, 'Escalation'],
    ]);
    const pages = rb.thresholds.filter((t) => t.context === 'page').map((t) => [t.metricKey, t.value, t.action]);
    expect(pages).toEqual([
      ['error_rate', 10, 'Page on-call engineer'],
      ['p95_latency', 2000, 'Page technical lead'],
    ]);
    const targets = rb.thresholds.filter((t) => t.context === 'target');
    expect(targets.map((t) => t.metricKey)).toEqual([
      'request_rate',
      'error_rate',
      'p95_latency',
      'p99_latency',
      'db_connections',
      'redis_memory',
      'cpu_usage',
      'memory_usage',
    ]);
    expect(targets[0]).toMatchObject({ op: 'between', value: 100, upper: 500, unit: 'rps', line: 439 });
  });

  it('gives three decision levels with conditions linked to thresholds, actions and rollback steps', () => {
    expect(rb.decisionLevels.map((l) => [l.level, l.title, l.verdict])).toEqual([
      [1, 'Minor Issues', "Don't Rollback"],
      [2, 'Major Issues', 'Prepare Rollback'],
      [3, 'Critical Issues', 'Immediate Rollback'],
    ]);
    const [l1, l2, l3] = rb.decisionLevels;
    expect(l1!.conditions.map((c) => c.text)).toEqual(['Error rate 1-3%', 'p95 latency 500-1000ms', 'Isolated component failing', 'Can be fixed with feature flag']);
    const linked = l1!.conditions[0]!.thresholdId!;
    expect(rb.thresholds.find((t) => t.id === linked)).toMatchObject({ op: 'between', value: 1, upper: 3, unit: '%', context: 'decision-level', level: 1 });
    expect(l2!.conditions.filter((c) => c.thresholdId).length).toBe(2);
    expect(l3!.conditions[0]!.thresholdId).not.toBeNull();
    expect(l3!.conditions.slice(1).every((c) => c.thresholdId === null)).toBe(true);
    expect(l2!.actions).toContain('Rollback if no improvement');
    for (const level of rb.decisionLevels) {
      expect(level.stepIds).toHaveLength(1);
      const step = rb.steps.find((s) => s.id === level.stepIds[0])!;
      expect(step.rollback).toBe(true);
    }
    expect(rb.steps.find((s) => s.id === l3!.stepIds[0])!.script).toContain('./scripts/emergency_failover_blue.sh');
  });

  it('reads the seven roles of the roles table', () => {
    expect(rb.roles.map((r) => r.name)).toEqual([
      'Incident Commander',
      'Technical Lead',
      'Database Admin',
      'DevOps Engineer',
      'Monitoring Lead',
      'Communications',
      'Product Manager',
    ]);
    expect(rb.roles[0]).toMatchObject({ responsibility: 'Overall coordination', fields: { Name: 'TBD', Phone: '+1-XXX-XXXX', Slack: '@ic' }, line: 394 });
  });

  it('gives sections their kind and T-offsets', () => {
    const section = (title: string) => rb.sections.find((s) => s.title === title)!;
    expect(section('72 Hours Before Go-Live')).toMatchObject({ kind: 'checklist', startOffsetMs: -72 * 60 * MIN, depth: 3 });
    expect(section('Phase 2: Deployment (T+0 to T+30 min)')).toMatchObject({ kind: 'phase', startOffsetMs: 0, endOffsetMs: 30 * MIN });
    expect(section('Phase 4: Monitoring (T+60 to T+180 min)')).toMatchObject({ startOffsetMs: 60 * MIN, endOffsetMs: 180 * MIN });
    expect(section('Traffic Shaping with Feature Flags').kind).toBe('reference');
    expect(section('Go-Live Schedule')).toMatchObject({ kind: 'phase', line: 127, endLine: 336 });
  });

  it('keeps the non-shell fences and prose as reference text', () => {
    const python = rb.references.find((r) => r.lang === 'python')!;
    expect(python).toMatchObject({ line: 367, endLine: 384 });
    expect(python.text).toContain("if feature_flag('canary_5_percent'):");
    expect(rb.references.find((r) => r.line === 392)).toMatchObject({ lang: 'table', endLine: 400 });
    expect(rb.references.find((r) => r.line === 618)).toMatchObject({ lang: 'plain' });
  });
});
