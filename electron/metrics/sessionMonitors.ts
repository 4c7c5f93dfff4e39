// The console's metrics: one MetricsPoller + MetricsMonitor per session whose log says monitoring
// is on. The log is the truth: this manager follows each session's projection (settings,
// monitoring on/off, closed, runbook replaced) — at console start and after every relevant
// commit — and never keeps a monitor the log does not ask for.
//
// What the monitor notices is written to the log by the console itself (SYSTEM_ACTOR: nobody
// clicked): alerts raised / data lost / cleared and decision-level changes. After every poll a
// compact update (metric states, new points, level, alerts) is pushed to the clients.
//
// Clock: the metrics run on the wall clock, not on the console clock a rehearsal may shift
// (TMINUS_CLOCK): Prometheus stamps samples with real time, and "stale", "sustained for 5 min" and
// "the last 15 minutes" must be measured on the same clock as the samples.
import { randomUUID } from 'node:crypto';
import type { MetricsUpdate } from '../../shared/api/metrics';
import { SYSTEM_ACTOR } from '../../shared/log/actor';
import type { EventType, LoggedEvent } from '../../shared/log/eventTypes';
import { healthBindingsOf, type MetricsConfig, type MetricSourceSettings } from '../../shared/metrics/bindings';
import { applyConditionBindings } from '../../shared/metrics/conditionBindings';
import type { MetricBinding, Runbook, Threshold } from '../../shared/runbook/model';
import type { SessionState } from '../../shared/session/sessionState';
import { toJsonNumber, type AlertPayload } from '../../shared/log/metricsEvents';
import type { EventHub } from '../core/eventHub';
import type { AppendRequest, EventLog } from '../store/eventLog';
import type { FetchLike } from './http';
import { alertPayload, alertView, decisionView, levelPayload, metricLive, pointsAfter } from './metricsViews';
import { MetricsMonitor, type GateCheck, type MonitorEvaluation } from './monitor';
import { MetricsPoller, type Scheduler } from './poller';
import { testSources, type SourceTest } from './testConnection';

/** Events after which a session's monitor may have to start, stop or restart. */
const FOLLOWED: ReadonlySet<string> = new Set<EventType>([
  'metrics.configured',
  'metrics.monitoringStarted',
  'metrics.monitoringStopped',
  'session.closed',
  'session.runbookReplaced',
]);

export const EVIDENCE_BACKFILL_MS = 15 * 60_000;

export interface SessionMonitorsDeps {
  sessionIds(): string[];
  states: { get(sessionId: string): SessionState | null; runbook(sessionId: string): Runbook | null };
  log: Pick<EventLog, 'appendMany'>;
  /** Null when the session may take new events. */
  readOnlyReason(sessionId: string): string | null;
  hub: EventHub;
  secrets: { get(sessionId: string, name: string): string | null };
  fetch?: FetchLike;
  scheduler?: Scheduler;
  /** The metrics clock (wall clock by default; see the header comment). */
  now?: () => number;
  /** Alerts clear and levels lower after this long back within bounds (engine default 30 s). */
  clearAfterMs?: number;
  defaultSustainedMs?: number;
  /** History fetched from Prometheus when monitoring starts (engine default: 3 h). */
  backfillMs?: number;
  /** A poll, a write or a listener failed; monitoring goes on. */
  onError?: (sessionId: string, message: string) => void;
}

export interface RunningMonitor {
  sessionId: string;
  runId: string;
  poller: MetricsPoller;
  monitor: MetricsMonitor;
  runbook: Runbook;
  config: MetricsConfig;
  /** Resolves once the first poll (after the backfill) is done. */
  started: Promise<void>;
}

interface Slot extends RunningMonitor {
  key: string;
  thresholds: Map<string, Threshold>;
  lastPushed: Map<string, number>;
  unsubscribe: Array<() => void>;
}

export interface ReadingOptions {
  /** Fetch the last 15 minutes from Prometheus for the evidence (one-shot reads only). */
  withHistory?: boolean;
}

export type Reading = { kind: 'live' | 'one-shot'; check: GateCheck | null };

export class SessionMonitors {
  private readonly slots = new Map<string, Slot>();
  /** The metrics clock. */
  readonly now: () => number;
  private readonly unsubscribeHub: () => void;
  private disposed = false;

  constructor(private readonly deps: SessionMonitorsDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribeHub = deps.hub.subscribe((message) => {
      if (message.event === 'log.appended' && FOLLOWED.has(message.payload.event.type)) this.sync(message.payload.sessionId);
    });
  }

  /** At console start: every session whose log says monitoring is on is watched again. */
  restore(): string[] {
    for (const sessionId of this.deps.sessionIds()) this.sync(sessionId);
    return [...this.slots.keys()];
  }

  /** Starts, restarts or stops the session's monitor so it matches the log. */
  sync(sessionId: string): void {
    if (this.disposed) return;
    const wanted = this.wanted(sessionId);
    const slot = this.slots.get(sessionId);
    if (slot && wanted && slot.key === wanted.key) return;
    if (slot) this.halt(slot);
    if (wanted) this.launch(sessionId, wanted.state, wanted.runbook, wanted.config, wanted.key);
  }

  running(sessionId: string): RunningMonitor | null {
    return this.slots.get(sessionId) ?? null;
  }

  current(sessionId: string): MonitorEvaluation | null {
    return this.slots.get(sessionId)?.monitor.current() ?? null;
  }

  /**
   * A gate check (criteria and evidence) from the live monitor, or — monitoring off — from one
   * read of the session's sources made for this answer.
   */
  async checkGate(sessionId: string, gateId: string, options: ReadingOptions = {}): Promise<Reading> {
    const slot = this.slots.get(sessionId);
    if (slot) {
      await slot.started;
      return { kind: 'live', check: slot.monitor.checkGate(gateId, this.now()) };
    }
    const runbook = this.deps.states.runbook(sessionId);
    if (!runbook) return { kind: 'one-shot', check: null };
    const config = this.deps.states.get(sessionId)?.metrics.config ?? null;
    return this.oneShot(sessionId, runbook, config, options.withHistory ?? false, (monitor) => ({ kind: 'one-shot', check: monitor.checkGate(gateId, this.now()) }));
  }

  /** The settings' "test connection": each source once, then each given binding read once. */
  async testSources(sessionId: string, sources: MetricSourceSettings, bindings: readonly MetricBinding[]) {
    const resolveSecret = (name: string) => this.deps.secrets.get(sessionId, name) ?? undefined;
    const tests: SourceTest[] = await testSources(sources, { fetch: this.deps.fetch, resolveSecret, now: this.now });
    const poller = new MetricsPoller({ sources, bindings, fetch: this.deps.fetch, now: this.now, scheduler: idleScheduler, resolveSecret, backfillMs: 0 });
    try {
      await poller.pollNow();
      return { sources: tests, states: poller.states() };
    } finally {
      poller.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribeHub();
    for (const slot of [...this.slots.values()]) this.halt(slot);
  }

  private wanted(sessionId: string): { state: SessionState; runbook: Runbook; config: MetricsConfig; key: string } | null {
    const state = this.deps.states.get(sessionId);
    if (!state?.metrics.monitoring.on || !state.metrics.config || state.header.closed) return null;
    if (this.deps.readOnlyReason(sessionId) !== null) return null;
    const runbook = this.deps.states.runbook(sessionId);
    if (!runbook) return null;
    const config = state.metrics.config;
    return { state, runbook, config, key: `${state.header.runbook?.modelHash ?? ''}:${JSON.stringify(config)}` };
  }

  private launch(sessionId: string, state: SessionState, written: Runbook, config: MetricsConfig, key: string): void {
    const runbook = withBoundConditions(written, config);
    const resolveSecret = (name: string) => this.deps.secrets.get(sessionId, name) ?? undefined;
    const poller = new MetricsPoller({
      sources: config.sources,
      bindings: config.bindings,
      fetch: this.deps.fetch,
      now: this.now,
      scheduler: this.deps.scheduler,
      resolveSecret,
      backfillMs: this.deps.backfillMs,
    });
    // The level the log says is in force (a restart while monitoring) is where the tracker resumes.
    const level = state.metrics.level;
    const monitor = new MetricsMonitor(runbook, poller, {
      clearAfterMs: this.deps.clearAfterMs,
      defaultSustainedMs: this.deps.defaultSustainedMs,
      now: this.now,
      initialLevel: level ? { level: level.to, certain: level.certain, since: Date.parse(level.at) } : null,
    });
    const launchedAt = this.now();
    const slot: Slot = {
      sessionId,
      runId: randomUUID(),
      poller,
      monitor,
      runbook,
      config,
      key,
      thresholds: new Map(runbook.thresholds.map((t) => [t.id, t])),
      lastPushed: new Map(poller.bindings().map((b) => [b.metricKey, launchedAt - 1])),
      unsubscribe: [],
      started: Promise.resolve(),
    };
    slot.unsubscribe.push(
      poller.on('error', ({ message }) => this.report(sessionId, message)),
      monitor.on('alert', (transition) => {
        const active = this.deps.states.get(sessionId)?.metrics.alerts[transition.thresholdId];
        // A monitor resumed after a restart re-discovers alerts the log already holds.
        if (transition.kind === 'raised' && active && !active.dataLost) return;
        if (transition.kind === 'data-lost' && active?.dataLost) return;
        if (transition.kind === 'cleared' && !active) return;
        const type = transition.kind === 'raised' ? 'metrics.alertRaised' : transition.kind === 'data-lost' ? 'metrics.alertDataLost' : 'metrics.alertCleared';
        this.write(slot, [{ type, payload: alertPayload(transition) }]);
      }),
      monitor.on('level', (change) => this.write(slot, [{ type: 'metrics.levelChanged', payload: levelPayload(change, runbook.decisionLevels) }])),
      monitor.on('evaluation', (evaluation) => {
        this.clearOrphans(slot, evaluation);
        this.push(slot, evaluation);
      }),
    );
    this.slots.set(sessionId, slot);
    slot.started = poller.start().catch((error: unknown) => this.report(sessionId, `monitoring could not start: ${String(error)}`));
  }

  private halt(slot: Slot): void {
    for (const unsubscribe of slot.unsubscribe.splice(0)) unsubscribe();
    slot.monitor.dispose();
    slot.poller.dispose();
    if (this.slots.get(slot.sessionId) === slot) this.slots.delete(slot.sessionId);
  }

  /**
   * Alerts the log holds as raised that this monitor never raised (the console restarted while
   * they were active) clear once their metric is back within bounds.
   */
  private clearOrphans(slot: Slot, evaluation: MonitorEvaluation): void {
    const logged = this.deps.states.get(slot.sessionId)?.metrics.alerts ?? {};
    const tracked = new Set(evaluation.alerts.map((a) => a.thresholdId));
    const changes: Array<{ type: EventType; payload: AlertPayload }> = [];
    for (const alert of Object.values(logged)) {
      if (tracked.has(alert.thresholdId)) continue;
      const verdict = evaluation.verdicts.find((v) => v.thresholdId === alert.thresholdId);
      if (verdict && verdict.state !== 'ok') continue;
      changes.push({
        type: 'metrics.alertCleared',
        payload: {
          thresholdId: alert.thresholdId,
          severity: alert.severity,
          metricKey: alert.metricKey,
          metric: alert.metric,
          threshold: alert.threshold,
          value: verdict ? toJsonNumber(verdict.value) : alert.value,
          unit: alert.unit,
          query: verdict?.query ?? alert.query,
          since: new Date(evaluation.at).toISOString(),
          action: alert.action,
          reason: verdict ? `${verdict.reason} (monitoring resumed)` : `${alert.threshold}: no longer in the runbook`,
        },
      });
    }
    if (changes.length > 0) this.write(slot, changes);
  }

  private push(slot: Slot, evaluation: MonitorEvaluation): void {
    const metrics = evaluation.states.map((state) => {
      const series = slot.poller.series(state.metricKey);
      const points = series ? pointsAfter(series, slot.lastPushed.get(state.metricKey) ?? evaluation.at) : [];
      const newest = points.at(-1);
      if (newest) slot.lastPushed.set(state.metricKey, newest[0]);
      return { ...metricLive(state, evaluation.verdicts), points };
    });
    const update: MetricsUpdate = {
      sessionId: slot.sessionId,
      runId: slot.runId,
      at: evaluation.at,
      pollIntervalMs: slot.poller.intervalMs,
      metrics,
      decision: decisionView(evaluation.decision, slot.runbook.decisionLevels),
      alerts: evaluation.alerts.map((alert) => alertView(alert, slot.thresholds)),
    };
    this.deps.hub.emit('metrics.update', update);
  }

  private write(slot: Slot, changes: Array<{ type: EventType; payload: unknown }>): LoggedEvent[] {
    const reason = this.deps.readOnlyReason(slot.sessionId);
    if (reason !== null) {
      // A session closed under a running monitor: nothing more may be written to it.
      this.halt(slot);
      return [];
    }
    try {
      return this.deps.log.appendMany(changes.map(({ type, payload }) => ({ sessionId: slot.sessionId, actor: SYSTEM_ACTOR, type, payload }) as AppendRequest));
    } catch (error) {
      this.report(slot.sessionId, `could not log ${changes.map((c) => c.type).join(', ')}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private async oneShot<T>(sessionId: string, written: Runbook, config: MetricsConfig | null, withHistory: boolean, use: (monitor: MetricsMonitor) => T): Promise<T> {
    const runbook = config ? withBoundConditions(written, config) : written;
    const poller = new MetricsPoller({
      sources: config?.sources ?? { prometheus: null, scrape: null, healthChecks: [], pollIntervalMs: 5_000, timeoutMs: null },
      bindings: config?.bindings ?? [],
      fetch: this.deps.fetch,
      now: this.now,
      scheduler: idleScheduler,
      resolveSecret: (name) => this.deps.secrets.get(sessionId, name) ?? undefined,
      backfillMs: withHistory ? EVIDENCE_BACKFILL_MS : 0,
    });
    const monitor = new MetricsMonitor(runbook, poller, { clearAfterMs: this.deps.clearAfterMs, defaultSustainedMs: this.deps.defaultSustainedMs, now: this.now });
    try {
      await poller.start();
      return use(monitor);
    } finally {
      monitor.dispose();
      poller.dispose();
    }
  }

  private report(sessionId: string, message: string): void {
    if (this.deps.onError) this.deps.onError(sessionId, message);
    else console.error(`[tminus] metrics of session ${sessionId}: ${message}`);
  }
}

/**
 * The runbook as the monitor evaluates it: conditions bound to a health check are measured
 * thresholds (shared/metrics/conditionBindings.ts). The slot keeps this one, so alerts, the level
 * and its reasons all name the same thresholds.
 */
function withBoundConditions(runbook: Runbook, config: MetricsConfig): Runbook {
  return { ...runbook, ...applyConditionBindings(runbook, config.conditions, healthBindingsOf(config)) };
}

/** A one-shot read polls once and never again. */
const idleScheduler: Scheduler = { setInterval: () => null, clearInterval: () => undefined };
