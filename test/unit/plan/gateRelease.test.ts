// The forecast reads a gate's status, not single votes: on a gate with two required approvers one
// GO leaves it waiting (and what follows it held); the second GO releases it at that moment. The
// session's log is folded as the console folds it.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/log/actor';
import { eventPayloads, type EventType, type LoggedEvent } from '../../../shared/log/eventTypes';
import { buildEvidenceSnapshot } from '../../../shared/metrics/evidence';
import { sessionForecast, waitingFor } from '../../../shared/session/planInputs';
import { foldSessionState } from '../../../shared/session/sessionState';
import { MIN, RunbookBuilder } from '../timeline/runbookBuilder';

const ada: Actor = { name: 'Ada', role: 'Incident Commander' };
const SESSION = '00000000-0000-4000-8000-000000000002';
const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);
const at = (min: number) => T0 + min * MIN;
const evidence = buildEvidenceSnapshot({ now: at(10), metrics: [] });

const runbook = new RunbookBuilder().step('a', 'Canary', { start: 0, end: 10 }).gate('g', 'Go/No-Go canary', 10).step('b', 'Full rollout', { start: 15, end: 20 }).build();

function log(list: Array<[EventType, unknown, number]>): LoggedEvent[] {
  const created: [EventType, unknown, number] = ['session.created', { name: 'Launch', environment: 'staging', t0: new Date(T0).toISOString(), runbook: null }, -60];
  return [created, ...list].map(([type, payload, minute], index) => ({
    sessionId: SESSION,
    seq: index + 1,
    at: new Date(at(minute)).toISOString(),
    actor: ada,
    type,
    payload: eventPayloads[type].parse(payload),
    prevHash: '0'.repeat(64),
    hash: String(index).padStart(64, '0'),
  })) as LoggedEvent[];
}

const approvers: [EventType, unknown, number] = ['metrics.gateApproversSet', { gateId: 'g', title: 'Go/No-Go canary', roles: ['Engineering Lead', 'Product Owner'], reason: null }, -30];
const vote = (role: string, minute: number): [EventType, unknown, number] => [
  'metrics.gateDecided',
  { gateId: 'g', title: 'Go/No-Go canary', decision: 'GO', reason: null, role, verdict: 'pass', evidence },
  minute,
];

describe('the forecast on a gate with several approvers', () => {
  it('one GO of two leaves the gate held and the next step waiting; the second GO releases both', () => {
    const oneGo = foldSessionState(log([approvers, vote('Engineering Lead', 11)]))!;
    const waiting = sessionForecast(runbook, oneGo, at(14));
    expect(waiting.byId.get('g')).toMatchObject({ basis: 'held', done: false });
    expect(waitingFor(runbook, oneGo, 'b', at(14)).map((w) => w.id)).toEqual(['g']);

    const both = foldSessionState(log([approvers, vote('Engineering Lead', 11), vote('Product Owner', 13)]))!;
    const released = sessionForecast(runbook, both, at(14));
    // Passed when the last required GO came, not at the first one.
    expect(released.byId.get('g')).toMatchObject({ basis: 'actual', done: true, startAtMs: at(13), endAtMs: at(13) });
    expect(waitingFor(runbook, both, 'b', at(14))).toEqual([]);
  });

  it('a gate without named approvers is released by the IC\'s GO alone', () => {
    const state = foldSessionState(log([['metrics.gateDecided', { gateId: 'g', title: 'Go/No-Go canary', decision: 'GO', reason: null, verdict: 'pass', evidence }, 11]]))!;
    expect(sessionForecast(runbook, state, at(14)).byId.get('g')).toMatchObject({ basis: 'actual', done: true });
  });
});
