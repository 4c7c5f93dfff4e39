// The generated demo runbook read by the real importer: it must be shaped like the seed (checklists
// with sign-offs, timed phases, two gates with criteria, thresholds, three levels with rollback
// steps, roles), run everything locally, need no secret, and bind every metric to the service.
import { describe, expect, it } from 'vitest';
import { buildDemoRunbook, shellQuote } from '../../../electron/demo/demoRunbook';
import { parseScrapeQuery } from '../../../shared/metrics/scrapeQuery';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';

const T0 = '2026-03-01T12:04:00.000Z';
const SERVICE = 'http://127.0.0.1:45678';
const runbook = importMarkdown(buildDemoRunbook({ t0: T0, serviceUrl: SERVICE, dataDir: "/tmp/demo data/it's here" }), 'demo-launch.md');
const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

describe('demo runbook', () => {
  it('imports without a warning, at the T0 it was given, as a staging launch', () => {
    expect(runbook.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(runbook.t0).toBe(T0);
    expect(runbook.environment).toBe('staging');
    expect(runbook.secrets).toEqual([]);
  });

  it('has pre-launch checklists with nested items, sign-offs and role items', () => {
    expect(runbook.checklistItems.length).toBeGreaterThan(25);
    expect(runbook.checklistItems.some((item) => item.depth > 0)).toBe(true);
    expect(runbook.checklistItems.filter((item) => item.signOff).map((item) => item.label)).toEqual(
      expect.arrayContaining(['Product manager approval', 'Engineering manager approval']),
    );
    expect(runbook.checklistItems.some((item) => item.role === 'Technical Lead')).toBe(true);
    expect(runbook.roles.map((role) => role.name)).toContain('Incident Commander');
  });

  it('plans every step in a window around T0, on the local workstation', () => {
    const timed = runbook.steps.filter((step) => !step.rollback);
    expect(timed.map((step) => [step.title, minutes(step.window.startOffsetMs), minutes(step.window.endOffsetMs)])).toEqual([
      ['Build Release Artifacts', -3, -1],
      ['Enable Maintenance Mode', 0, 1],
      ['Deploy New Code', 1, 3],
      ['Database Migrations', 3, 4],
      ['Health Check', 4, 5],
      ['Canary: 5% of Traffic', 5, 6],
      ['Smoke Test the Canary', 6, 7],
      ['Canary: 25% of Traffic', 7, 8],
      ['Full Rollout: 100% of Traffic', 9, 10],
    ]);
    expect(runbook.steps.every((step) => step.target?.local && step.target.hosts.length === 0)).toBe(true);
    expect(runbook.steps.find((step) => step.title === 'Health Check')!.script).toContain(`curl -fsS ${SERVICE}/health`);
  });

  it('has two GO / NO-GO gates decided on measurable criteria', () => {
    expect(runbook.gates.map((gate) => [gate.title, minutes(gate.offsetMs), gate.thresholdIds.length])).toEqual([
      ['Go/No-Go Decision — Canary: 5% of Traffic', 6, 2],
      ['Go/No-Go Decision — Canary: 25% of Traffic', 8, 2],
    ]);
  });

  it('has the three-level decision tree with measurable symptoms and a rollback step per level', () => {
    expect(runbook.decisionLevels.map((level) => [level.level, level.title, level.verdict, level.stepIds.length])).toEqual([
      [1, 'Minor Issues', "Don't Rollback", 1],
      [2, 'Major Issues', 'Prepare Rollback', 1],
      [3, 'Critical Issues', 'Immediate Rollback', 1],
    ]);
    const levelOf = (metricKey: string, level: number) =>
      runbook.thresholds.find((t) => t.context === 'decision-level' && t.level === level && t.metricKey === metricKey);
    expect(levelOf('error_rate', 2)).toMatchObject({ op: 'between', value: 3, upper: 10, unit: '%' });
    expect(levelOf('p95_latency', 2)).toMatchObject({ op: '>', value: 800, unit: 'ms' });
    expect(runbook.thresholds.filter((t) => t.context === 'escalation' || t.context === 'page').length).toBeGreaterThanOrEqual(4);
    const rollbacks = runbook.steps.filter((step) => step.rollback);
    expect(rollbacks.filter((step) => step.script.includes(`-X POST ${SERVICE}/rollback`))).toHaveLength(2);
  });

  it('binds error rate, p95 latency, req/s and health to the demo service, with queries the scraper reads', () => {
    expect(runbook.metrics.map((m) => [m.metricKey, m.source, m.unit, m.url])).toEqual([
      ['error_rate', 'scrape', '%', `${SERVICE}/metrics`],
      ['p95_latency', 'scrape', 'ms', `${SERVICE}/metrics`],
      ['request_rate', 'scrape', 'rps', `${SERVICE}/metrics`],
      ['service_health', 'health', 'ms', `${SERVICE}/health`],
    ]);
    for (const binding of runbook.metrics.filter((m) => m.source === 'scrape')) expect(parseScrapeQuery(binding.query).ok).toBe(true);
    // Every metric a threshold names is bound.
    const bound = new Set(runbook.metrics.map((m) => m.metricKey));
    expect(runbook.thresholds.filter((t) => !bound.has(t.metricKey))).toEqual([]);
  });

  it('quotes the data dir for the shell whatever it contains', () => {
    expect(shellQuote("/tmp/demo data/it's here")).toBe(`'/tmp/demo data/it'\\''s here'`);
    expect(runbook.steps.find((step) => step.title === 'Smoke Test the Canary')!.script).toContain(`MARKER='/tmp/demo data/it'\\''s here/.demo-smoke-test-ran'`);
  });
});
