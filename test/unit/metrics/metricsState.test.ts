// The metrics projection: settings in force, monitoring on/off, active alerts, the level and its
// history, gate decisions — folded in place (console) and event by event (renderer) alike.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../../shared/log/actor';
import { eventPayloads, type EventType, type LoggedEvent } from '../../../shared/log/eventTypes';
import type { AlertPayload } from '../../../shared/log/metricsEvents';
import { MetricsConfigSchema } from '../../../shared/metrics/bindings';
import { buildEvidenceSnapshot } from '../../../shared/metrics/evidence';
import { activeAlertsOf, gateDecisionOf } from '../../../shared/session/metricsState';
import { applySessionStateEvent, foldSessionState, initialSessionState, type SessionState } from '../../../shared/session/sessionState';
import { decidedGateIdsOf } from '../../../shared/session/timelineInputs';

const ada: Actor = { name: 'Ada', role: 'Incident Commander' };
const SESSION = '00000000-0000-4000-8000-000000000001';

function events(list: Array<[EventType, unknown, Actor?]>): LoggedEvent[] {
  const created = { type: 'session.created' as const, payload: { name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00:00.000Z', runbook: null }, actor: ada };
  return [[created.type, created.payload, created.actor] as [EventType, unknown, Actor], ...list].map(([type, payload, actor], index) => ({
    sessionId: SESSION,
    seq: index + 1,
    at: new Date(Date.UTC(2025, 9, 21, 12, 30, index)).toISOString(),
    actor: actor ?? SYSTEM_ACTOR,
    type,
    // Parsed as the log parses it on append.
    payload: eventPayloads[type].parse(payload),
    prevHash: '0'.repeat(64),
    hash: String(index).padStart(64, '0'),
  })) as LoggedEvent[];
}

const config = MetricsConfigSchema.parse({
  sources: { prometheus: { url: 'http://prom.test:9090', auth: { secretName: 'PROM_TOKEN' } }, pollIntervalMs: 2000 },
  bindings: [{ metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'sum(rate(errors[1m]))', unit: 'percent' }],
});

function alert(thresholdId: string, severity: AlertPayload['severity'], reason: string): AlertPayload {
  return { thresholdId, severity, metricKey: 'error_rate', metric: 'Error rate', threshold: 'Error rate > 5%', value: 7.5, unit: '%', query: 'q', since: '2025-10-21T12:29:00.000Z', action: 'Immediate escalation', reason };
}

function level(from: number, to: number, certain = true) {
  return { from, to, fromCertain: true, toCertain: certain, reason: `Level ${from} → ${to}`, title: to ? `Level ${to} title` : null, verdict: null, actions: [], stepIds: to >= 2 ? ['st_rollback'] : [], why: [], unknown: [] };
}

const evidence = buildEvidenceSnapshot({ now: Date.UTC(2025, 9, 21, 12, 35), metrics: [] });

const log = events([
  ['metrics.configured', { config, fromSuggestions: ['error_rate'] }, ada],
  ['metrics.monitoringStarted', { pollIntervalMs: 2000, metricKeys: ['error_rate'] }, ada],
  ['metrics.alertRaised', alert('esc-error', 'escalate', 'Error rate 7.5% matches "Error rate > 5%"')],
  ['metrics.levelChanged', level(0, 2)],
  ['metrics.alertRaised', alert('page-error', 'page', 'Error rate 12% matches "Error rate > 10%"')],
  ['metrics.alertDataLost', { ...alert('esc-error', 'escalate', 'stale for 12 s'), value: null }],
  ['metrics.alertCleared', alert('page-error', 'page', 'within bounds for 30 s')],
  ['metrics.levelChanged', level(2, 2, false)],
  ['metrics.gateDecided', { gateId: 'gt_1', title: 'Go/No-Go 12:35', decision: 'NO-GO', reason: 'errors too high', verdict: 'fail', evidence }, ada],
]);

function stepwise(all: LoggedEvent[]): SessionState {
  let state = initialSessionState(all[0]!);
  for (const event of all.slice(1)) state = applySessionStateEvent(state, event);
  return state;
}

describe('metrics projection', () => {
  it('folds settings, monitoring, alerts, levels and gate decisions, in place and event by event alike', () => {
    const folded = foldSessionState(log)!;
    expect(stepwise(log)).toEqual(folded);
    const { metrics } = folded;
    expect(metrics.config).toEqual(config);
    // The stored settings name the secret, never a value.
    expect(JSON.stringify(metrics.config)).toContain('PROM_TOKEN');
    expect(metrics.configuredBy).toEqual(ada);
    expect(metrics.monitoring).toMatchObject({ on: true, pollIntervalMs: 2000, by: ada });
    expect(Object.keys(metrics.alerts)).toEqual(['esc-error']);
    // Data lost: the alert stays raised and keeps showing the last value measured.
    expect(metrics.alerts['esc-error']).toMatchObject({ dataLost: true, raisedSeq: 4, reason: 'stale for 12 s', value: 7.5 });
    expect(metrics.level).toMatchObject({ to: 2, certain: false, seq: 9 });
    expect(metrics.levelHistory.map((entry) => [entry.from, entry.to, entry.certain])).toEqual([
      [0, 2, true],
      [2, 2, false],
    ]);
    expect(gateDecisionOf(metrics, 'gt_1')).toMatchObject({ decision: 'NO-GO', reason: 'errors too high', actor: ada, verdict: 'fail', seq: 10 });
    expect(gateDecisionOf(metrics, 'gt_2')).toBeNull();
    // The timeline reads settled gates from this projection: a NO-GO (written before HOLD existed)
    // counts as a HOLD, so the gate still waits for its re-evaluation.
    const gates = ['gt_1', 'gt_2'].map((id) => ({ id, criteria: [] as string[] })) as unknown as Parameters<typeof decidedGateIdsOf>[1];
    expect(decidedGateIdsOf(folded, gates)).toEqual(new Set());
  });

  it('the event-by-event fold never changes the state it was given (the UI keeps the old one)', () => {
    const before = foldSessionState(log.slice(0, 5))!;
    const snapshot = JSON.parse(JSON.stringify(before));
    applySessionStateEvent(before, log[5]!);
    expect(JSON.parse(JSON.stringify(before))).toEqual(snapshot);
  });

  it('stopping monitoring ends the active alerts and the level in force, and keeps the history', () => {
    const stopped = foldSessionState([...log, ...events([['metrics.monitoringStopped', { reason: 'launch done' }, ada]]).slice(1).map((e) => ({ ...e, seq: log.length + 1 }))])!;
    expect(stopped.metrics.monitoring).toMatchObject({ on: false, by: ada });
    expect(stopped.metrics.alerts).toEqual({});
    expect(stopped.metrics.level).toBeNull();
    expect(stopped.metrics.levelHistory).toHaveLength(2);
    expect(stopped.metrics.gateDecisions).toHaveLength(1);
  });

  it('lists active alerts most severe first', () => {
    const state = foldSessionState(log.slice(0, 6))!;
    expect(activeAlertsOf(state.metrics).map((a) => a.thresholdId)).toEqual(['page-error', 'esc-error']);
  });

  it('refuses a NO-GO payload without evidence and a non-finite value in an alert', () => {
    expect(eventPayloads['metrics.gateDecided'].safeParse({ gateId: 'g', title: 't', decision: 'NO-GO', reason: 'x', verdict: 'fail' }).success).toBe(false);
    expect(eventPayloads['metrics.alertRaised'].safeParse({ ...alert('a', 'page', 'r'), value: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(eventPayloads['metrics.alertRaised'].safeParse({ ...alert('a', 'page', 'r'), value: '+Inf' }).success).toBe(true);
  });
});
