// What the report needs beyond the folded session state: the state keeps what is true *now*
// (active alerts, the current level, an item's latest tick), the retrospective needs what
// happened *over time* — every alert transition, every note and reason in order, who took part and
// in which role, T0 moves, runs cancelled, work interrupted by a crash. One pass over the events.
import type { Actor } from '../log/actor';
import type { EventPayload, LoggedEvent } from '../log/eventTypes';
import type { AlertPayload } from '../log/metricsEvents';

export type AlertTransition = 'raised' | 'data-lost' | 'cleared';

export interface AlertRecord {
  seq: number;
  at: string;
  transition: AlertTransition;
  alert: AlertPayload;
}

export type NoteKind = 'item-note' | 'tick-note' | 'untick-reason' | 't0-move' | 'cancel' | 'gate-reason' | 'monitoring-stop' | 'closed';

/** Free text a person wrote, in log order, with what it was about. */
export interface NoteRecord {
  seq: number;
  at: string;
  actor: Actor;
  kind: NoteKind;
  /** The checklist item, step run or gate it concerns, when it concerns one. */
  itemId: string | null;
  runId: string | null;
  gateId: string | null;
  text: string;
}

export interface Participant {
  name: string;
  role: string | null;
  events: number;
  firstAt: string;
  lastAt: string;
  /** Ticks, unticks, notes, runs, decisions … — counted by kind for the summary. */
  did: Record<string, number>;
}

export interface Approval {
  seq: number;
  at: string;
  itemId: string;
  approver: string;
  recordedBy: Actor;
}

export interface ReportFacts {
  eventCount: number;
  firstAt: string | null;
  lastAt: string | null;
  alerts: AlertRecord[];
  notes: NoteRecord[];
  /** People (not the console itself), in order of first appearance. */
  participants: Participant[];
  /** Events the console wrote itself (alerts, level changes, recovery). */
  systemEvents: number;
  approvals: Approval[];
  t0Moves: Array<{ seq: number; at: string; actor: Actor } & EventPayload<'session.t0Moved'>>;
  interruptions: Array<{ seq: number; at: string } & EventPayload<'session.interrupted'>>;
  cancels: Array<{ seq: number; at: string; actor: Actor } & EventPayload<'step.cancelRequested'>>;
  runbookReplacements: Array<{ seq: number; at: string; actor: Actor } & EventPayload<'session.runbookReplaced'>>;
  monitoring: Array<{ seq: number; at: string; actor: Actor; on: boolean; reason: string | null }>;
  closed: { seq: number; at: string; actor: Actor; reason: string | null } | null;
  /** Secret names too short to redact, per `runId/target`: their values may appear in that output. */
  unredacted: Record<string, string[]>;
  /** Event count by type, for the summary's appendix. */
  typeCounts: Record<string, number>;
}

const KIND_OF_TYPE: Record<string, string> = {
  'checklist.checked': 'ticks',
  'checklist.unchecked': 'unticks',
  'checklist.noted': 'notes',
  'step.runStarted': 'step runs',
  'step.cancelRequested': 'cancels',
  'step.hostChecked': 'host checks',
  'metrics.gateDecided': 'gate decisions',
  'session.t0Moved': 'T0 moves',
  'metrics.configured': 'metric settings',
  'metrics.monitoringStarted': 'monitoring',
  'metrics.monitoringStopped': 'monitoring',
  'host.keyDecision': 'host-key decisions',
  'hosts.inventorySet': 'inventory',
  'hosts.checked': 'pre-flight checks',
};

export function hostKey(runId: string, target: string): string {
  return `${runId}/${target}`;
}

function isSystem(actor: Actor): boolean {
  return actor.role === 'system' && actor.name === 'T-Minus';
}

export function collectReportFacts(events: Iterable<LoggedEvent>): ReportFacts {
  const facts: ReportFacts = {
    eventCount: 0,
    firstAt: null,
    lastAt: null,
    alerts: [],
    notes: [],
    participants: [],
    systemEvents: 0,
    approvals: [],
    t0Moves: [],
    interruptions: [],
    cancels: [],
    runbookReplacements: [],
    monitoring: [],
    closed: null,
    unredacted: {},
    typeCounts: {},
  };
  const people = new Map<string, Participant>();
  for (const event of events) {
    facts.eventCount++;
    facts.firstAt ??= event.at;
    facts.lastAt = event.at;
    facts.typeCounts[event.type] = (facts.typeCounts[event.type] ?? 0) + 1;
    countParticipant(facts, people, event);
    collect(facts, event);
  }
  facts.participants = [...people.values()];
  return facts;
}

function countParticipant(facts: ReportFacts, people: Map<string, Participant>, event: LoggedEvent): void {
  if (isSystem(event.actor)) {
    facts.systemEvents++;
    return;
  }
  const key = `${event.actor.name}\u0000${event.actor.role ?? ''}`;
  let person = people.get(key);
  if (!person) {
    person = { name: event.actor.name, role: event.actor.role, events: 0, firstAt: event.at, lastAt: event.at, did: {} };
    people.set(key, person);
  }
  person.events++;
  person.lastAt = event.at;
  const kind = KIND_OF_TYPE[event.type];
  if (kind) person.did[kind] = (person.did[kind] ?? 0) + 1;
}

function note(facts: ReportFacts, event: LoggedEvent, kind: NoteKind, text: string | null, refs: Partial<Pick<NoteRecord, 'itemId' | 'runId' | 'gateId'>> = {}): void {
  if (!text || !text.trim()) return;
  facts.notes.push({ seq: event.seq, at: event.at, actor: event.actor, kind, itemId: null, runId: null, gateId: null, ...refs, text });
}

function collect(facts: ReportFacts, event: LoggedEvent): void {
  const base = { seq: event.seq, at: event.at };
  switch (event.type) {
    case 'checklist.checked':
      note(facts, event, 'tick-note', event.payload.note, { itemId: event.payload.itemId });
      if (event.payload.approver) {
        facts.approvals.push({ ...base, itemId: event.payload.itemId, approver: event.payload.approver, recordedBy: event.actor });
      }
      return;
    case 'checklist.unchecked':
      note(facts, event, 'untick-reason', event.payload.reason, { itemId: event.payload.itemId });
      return;
    case 'checklist.noted':
      note(facts, event, 'item-note', event.payload.text, { itemId: event.payload.itemId });
      return;
    case 'session.t0Moved':
      facts.t0Moves.push({ ...base, actor: event.actor, ...event.payload });
      note(facts, event, 't0-move', event.payload.reason);
      return;
    case 'session.interrupted':
      facts.interruptions.push({ ...base, ...event.payload });
      return;
    case 'session.runbookReplaced':
      facts.runbookReplacements.push({ ...base, actor: event.actor, ...event.payload });
      return;
    case 'session.closed':
      facts.closed = { ...base, actor: event.actor, reason: event.payload.reason };
      note(facts, event, 'closed', event.payload.reason);
      return;
    case 'step.cancelRequested':
      facts.cancels.push({ ...base, actor: event.actor, ...event.payload });
      note(facts, event, 'cancel', event.payload.reason, { runId: event.payload.runId });
      return;
    case 'metrics.gateDecided':
      note(facts, event, 'gate-reason', event.payload.reason, { gateId: event.payload.gateId });
      return;
    case 'step.hostFinished':
      if (event.payload.unredactedSecrets.length) facts.unredacted[hostKey(event.payload.runId, event.payload.target)] = event.payload.unredactedSecrets;
      return;
    case 'metrics.monitoringStarted':
      facts.monitoring.push({ ...base, actor: event.actor, on: true, reason: null });
      return;
    case 'metrics.monitoringStopped':
      facts.monitoring.push({ ...base, actor: event.actor, on: false, reason: event.payload.reason });
      note(facts, event, 'monitoring-stop', event.payload.reason);
      return;
    case 'metrics.alertRaised':
      facts.alerts.push({ ...base, transition: 'raised', alert: event.payload });
      return;
    case 'metrics.alertDataLost':
      facts.alerts.push({ ...base, transition: 'data-lost', alert: event.payload });
      return;
    case 'metrics.alertCleared':
      facts.alerts.push({ ...base, transition: 'cleared', alert: event.payload });
      return;
    default:
      return;
  }
}
