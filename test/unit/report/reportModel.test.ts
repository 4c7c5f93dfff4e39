import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../shared/report/eventSummary';
import { buildFixtureSession } from './sessionFixture';

describe('report model', () => {
  const { model, events } = buildFixtureSession();

  it('summarises the launch: T0 as planned and as moved, decisions, highest level, alerts, failed and late steps', () => {
    const { summary } = model;
    expect(summary.plannedT0).toBe('2025-10-21T12:00:00.000Z');
    expect(summary.t0).toBe('2025-10-21T12:10:00.000Z');
    expect(summary.decisions.map((d) => d.decision)).toEqual(['NO-GO', 'GO']);
    expect(summary.highestLevel).toMatchObject({ level: 2, verdict: 'Prepare Rollback' });
    expect(summary.alertsRaised).toBe(1);
    expect(summary.alertsBySeverity).toEqual({ warning: 0, escalate: 1, page: 0 });
    expect(summary.alertsActiveAtEnd).toBe(0);
    expect(summary.stepsFailed).toEqual([{ runId: 'run-1', stepId: expect.any(String), title: 'Enable Maintenance Mode', status: 'failed', failedHosts: ['web-2'] }]);
    // Planned at T+0 and T+5 of the moved T0; started 2.5 and 38 minutes after.
    expect(summary.stepsLate.map((s) => [s.title, s.startDeltaMs])).toEqual([
      ['Enable Maintenance Mode', 150_000],
      ['Deploy New Code', 38 * 60_000],
    ]);
    expect(summary.firstStepAt).toBe('2025-10-21T12:12:30.000Z');
    expect(summary.launchDurationMs).toBe(Date.parse('2025-10-21T13:01:01.000Z') - Date.parse('2025-10-21T12:12:30.000Z'));
    expect(summary.checklist).toEqual({ done: 3, total: 119 });
  });

  it('knows who took part, with what they did, apart from what the console wrote itself', () => {
    expect(model.facts.participants.map((p) => [p.name, p.role, p.events])).toEqual([
      ['Ada Lovelace', 'Incident Commander', 15],
      ['Bob <b>Tables</b>', 'Database Admin', 3],
    ]);
    expect(model.facts.participants[1]!.did).toEqual({ unticks: 1, notes: 2 });
    expect(model.facts.systemEvents).toBe(events.length - 18);
    expect(model.facts.approvals.map((a) => a.approver)).toEqual(['Grace Hopper', 'Ada Lovelace']);
  });

  it('keeps every alert transition and every note or reason in log order', () => {
    expect(model.facts.alerts.map((a) => a.transition)).toEqual(['raised', 'cleared']);
    expect(model.facts.notes.map((n) => n.kind)).toEqual(['tick-note', 'untick-reason', 'item-note', 'item-note', 't0-move', 'gate-reason']);
  });

  it('describes every event type in words', () => {
    for (const event of events) expect(describeEvent(event, model.names)).toMatch(/\S/);
  });
});
