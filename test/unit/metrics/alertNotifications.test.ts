// The words of the desktop notifications (the Electron part only shows them).
import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../../electron/metrics/alertNotifications';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { LoggedEvent } from '../../../shared/log/eventTypes';

function logged(type: string, payload: unknown): LoggedEvent {
  return { sessionId: 's', seq: 2, at: '2025-10-21T12:40:00.000Z', actor: SYSTEM_ACTOR, type, payload, prevHash: '', hash: '' } as LoggedEvent;
}

const raised = {
  thresholdId: 'esc-error',
  severity: 'page',
  metricKey: 'error_rate',
  metric: 'Error rate',
  threshold: 'Error rate > 10%',
  value: 12.34,
  unit: '%',
  query: 'q',
  since: null,
  action: 'Page on-call engineer',
  reason: 'r',
};

const why = { level: 3, text: 'Error rate > 10%', thresholdId: 'l3', state: 'holds', metric: 'Error rate', value: 12.34, unit: '%', threshold: 'Error rate > 10%', query: 'q', reason: 'r' };
const change = (from: number, to: number) => ({ from, to, fromCertain: true, toCertain: true, reason: 'because', title: 'Critical Issues', verdict: 'Immediate Rollback', actions: [], stepIds: [], why: [why], unknown: [] });

describe('desktop notification text', () => {
  it('an alert names the metric and value in the title, the threshold and action in the body', () => {
    expect(notificationFor(logged('metrics.alertRaised', raised))).toEqual({ title: 'Page: Error rate 12.3%', body: 'Threshold Error rate > 10% — Page on-call engineer', urgent: true });
    expect(notificationFor(logged('metrics.alertRaised', { ...raised, severity: 'warning', value: null, action: null }))).toEqual({ title: 'Warning: Error rate no data', body: 'Threshold Error rate > 10%', urgent: false });
  });

  it('a level going up names the level and its verdict; going down or clearing says nothing', () => {
    expect(notificationFor(logged('metrics.levelChanged', change(1, 3)))).toEqual({
      title: 'Level 3: Critical Issues — Immediate Rollback',
      body: 'Error rate 12.3% (threshold Error rate > 10%)',
      urgent: true,
    });
    expect(notificationFor(logged('metrics.levelChanged', change(3, 1)))).toBeNull();
    expect(notificationFor(logged('metrics.alertCleared', raised))).toBeNull();
  });
});
