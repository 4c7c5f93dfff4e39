// Live metrics as the log says they are: the settings in force, whether the console is watching,
// the alerts raised and not yet cleared, the decision level and its history, every gate decision
// (GO / HOLD / ROLLBACK, per approver role) with its evidence, and approvers set in the console. The console folds it to restore monitoring after a restart; the renderer
// folds the same events to show banners and decisions without asking again.
import type { Actor } from '../log/actor';
import type { LoggedEvent } from '../log/eventTypes';
import type { AlertPayload, ConditionEntry, GateDecision } from '../log/metricsEvents';
import type { MetricsConfig } from '../metrics/bindings';
import type { EvidenceSnapshot } from '../metrics/evidence';

export interface MonitoringState {
  on: boolean;
  /** When it was last switched on or off, and by whom. */
  since: string | null;
  by: Actor | null;
  pollIntervalMs: number | null;
}

export interface ActiveAlertEntry extends AlertPayload {
  /** Log position and time of the `raised` event. */
  raisedSeq: number;
  raisedAt: string;
  /** The metric's data is gone since `dataLostAt`; the alert stays raised until real values clear it. */
  dataLost: boolean;
  dataLostAt: string | null;
}

export interface LevelEntry {
  seq: number;
  at: string;
  from: number;
  to: number;
  certain: boolean;
  reason: string;
  title: string | null;
  verdict: string | null;
  actions: string[];
  stepIds: string[];
  why: ConditionEntry[];
  unknown: ConditionEntry[];
}

export interface GateDecisionEntry {
  seq: number;
  at: string;
  actor: Actor;
  gateId: string;
  title: string;
  decision: GateDecision;
  reason: string | null;
  /** The approver role voted for (null on a gate without named approvers). */
  role: string | null;
  /** Recorded by the person at the keyboard for an absent approver. */
  onBehalf: boolean;
  verdict: 'pass' | 'fail' | 'no-data' | 'no-criteria';
  evidence: EvidenceSnapshot;
}

export interface MetricsState {
  config: MetricsConfig | null;
  configuredAt: string | null;
  configuredBy: Actor | null;
  monitoring: MonitoringState;
  /** Raised and not yet cleared, by threshold id (emptied when monitoring stops). */
  alerts: Record<string, ActiveAlertEntry>;
  /** The level in force while monitoring (null before the first change and after a stop). */
  level: LevelEntry | null;
  levelHistory: LevelEntry[];
  /** Every decision in the order taken; a gate may be decided again (HOLD, then GO) — the latest counts. */
  gateDecisions: GateDecisionEntry[];
  /** Approver roles set in the console, by gate id (they replace the runbook's). */
  gateApprovers: Record<string, GateApproversEntry>;
}

export interface GateApproversEntry {
  seq: number;
  at: string;
  actor: Actor;
  roles: string[];
  reason: string | null;
}

export function emptyMetricsState(): MetricsState {
  return {
    config: null,
    configuredAt: null,
    configuredBy: null,
    monitoring: { on: false, since: null, by: null, pollIntervalMs: null },
    alerts: {},
    level: null,
    levelHistory: [],
    gateDecisions: [],
    gateApprovers: {},
  };
}

type MetricsEvent = Extract<LoggedEvent, { type: `metrics.${string}` }>;

function isMetricsEvent(event: LoggedEvent): event is MetricsEvent {
  return event.type.startsWith('metrics.');
}

/** Folds one event into `state` in place; false when the event is not a metrics event. */
export function reduceMetrics(state: MetricsState, event: LoggedEvent): boolean {
  if (!isMetricsEvent(event)) return false;
  switch (event.type) {
    case 'metrics.configured':
      state.config = event.payload.config;
      state.configuredAt = event.at;
      state.configuredBy = event.actor;
      break;
    case 'metrics.monitoringStarted':
      state.monitoring = { on: true, since: event.at, by: event.actor, pollIntervalMs: event.payload.pollIntervalMs };
      break;
    case 'metrics.monitoringStopped':
      // Nothing is watched any more: no alert can clear and no level is known.
      state.monitoring = { on: false, since: event.at, by: event.actor, pollIntervalMs: null };
      state.alerts = {};
      state.level = null;
      break;
    case 'metrics.alertRaised':
      state.alerts[event.payload.thresholdId] = {
        ...event.payload,
        raisedSeq: state.alerts[event.payload.thresholdId]?.raisedSeq ?? event.seq,
        raisedAt: state.alerts[event.payload.thresholdId]?.raisedAt ?? event.at,
        dataLost: false,
        dataLostAt: null,
      };
      break;
    case 'metrics.alertDataLost': {
      const active = state.alerts[event.payload.thresholdId];
      state.alerts[event.payload.thresholdId] = {
        ...event.payload,
        // The last measured value stays shown; the data-lost event itself has none.
        value: event.payload.value ?? active?.value ?? null,
        raisedSeq: active?.raisedSeq ?? event.seq,
        raisedAt: active?.raisedAt ?? event.at,
        dataLost: true,
        dataLostAt: event.at,
      };
      break;
    }
    case 'metrics.alertCleared':
      delete state.alerts[event.payload.thresholdId];
      break;
    case 'metrics.levelChanged': {
      const entry: LevelEntry = {
        seq: event.seq,
        at: event.at,
        from: event.payload.from,
        to: event.payload.to,
        certain: event.payload.toCertain,
        reason: event.payload.reason,
        title: event.payload.title,
        verdict: event.payload.verdict,
        actions: event.payload.actions,
        stepIds: event.payload.stepIds,
        why: event.payload.why,
        unknown: event.payload.unknown,
      };
      state.level = entry;
      state.levelHistory.push(entry);
      break;
    }
    case 'metrics.gateDecided':
      state.gateDecisions.push({
        seq: event.seq,
        at: event.at,
        actor: event.actor,
        gateId: event.payload.gateId,
        title: event.payload.title,
        decision: event.payload.decision,
        reason: event.payload.reason,
        role: event.payload.role ?? null,
        onBehalf: event.payload.onBehalf ?? false,
        verdict: event.payload.verdict,
        evidence: event.payload.evidence,
      });
      break;
    case 'metrics.gateApproversSet':
      state.gateApprovers[event.payload.gateId] = { seq: event.seq, at: event.at, actor: event.actor, roles: event.payload.roles, reason: event.payload.reason };
      break;
  }
  return true;
}

/** The same fold without touching `state` (for the UI): copies only what the event changes. */
export function applyMetricsEvent(state: MetricsState, event: LoggedEvent): MetricsState {
  if (!isMetricsEvent(event)) return state;
  const next: MetricsState = {
    ...state,
    alerts: { ...state.alerts },
    levelHistory: [...state.levelHistory],
    gateDecisions: [...state.gateDecisions],
    gateApprovers: { ...state.gateApprovers },
  };
  reduceMetrics(next, event);
  return next;
}

/** The latest decision taken at a gate (any role), or null. */
export function gateDecisionOf(state: MetricsState, gateId: string): GateDecisionEntry | null {
  return state.gateDecisions.findLast((decision) => decision.gateId === gateId) ?? null;
}

/** Every decision taken at a gate, oldest first. */
export function gateDecisionsOf(state: MetricsState, gateId: string): GateDecisionEntry[] {
  return state.gateDecisions.filter((decision) => decision.gateId === gateId);
}

/** Active alerts, most severe first, then oldest first. */
export function activeAlertsOf(state: MetricsState): ActiveAlertEntry[] {
  const rank = { page: 0, escalate: 1, warning: 2 } as const;
  return Object.values(state.alerts).sort((a, b) => rank[a.severity] - rank[b.severity] || a.raisedSeq - b.raisedSeq);
}
