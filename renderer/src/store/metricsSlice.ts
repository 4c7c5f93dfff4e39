// Live metrics on screen: the panel's snapshot, kept current by the console's per-poll pushes
// (applied without asking again), the settings with their suggestions, and the writes — settings,
// monitoring on/off, GO / NO-GO. What the log holds (alerts, level, decisions) comes from the
// session's folded state; this slice holds only what is live.
import type { StateCreator } from 'zustand';
import type { ApiEventMessage, CallInput, CallResult } from '../../../shared/api/contract';
import { MIN_RANGE_MS, type AlertView, type DecisionView, type MetricLive, type MetricsUpdate } from '../../../shared/api/metrics';
import { ApiError } from '../../../shared/api/errors';
import type { GateVote } from '../../../shared/log/metricsEvents';
import { displayUnitOf } from '../features/metrics/metricsFormat';
import { SeriesBuffer } from '../features/metrics/seriesBuffer';
import type { AppState, StoreDeps } from './appStore';

export type MetricsConfigView = CallResult<'getMetricsConfig'>;
export type MetricsConfigInput = CallInput<'setMetricsConfig'>['config'];
export type SourcesTest = CallResult<'testMetricsSources'>;
export type GateCheck = CallResult<'evaluateGate'>;

export interface MetricsLiveView {
  sessionId: string;
  runId: string | null;
  monitoring: boolean;
  pollIntervalMs: number | null;
  /** Metrics time of the latest poll (the sources' clock). */
  at: number;
  /** performance.now() when it arrived, so ages keep counting between polls. */
  receivedAt: number;
  metrics: MetricLive[];
  decision: DecisionView | null;
  alerts: AlertView[];
}

export interface MetricsSlice {
  metricsLive: MetricsLiveView | null;
  metricsRangeMs: number;
  /** Chart data by metric key: mutable buffers outside React state; `metricsVersion` counts their changes. */
  metricsSeries: Map<string, SeriesBuffer>;
  metricsVersion: number;
  metricsConfig: (MetricsConfigView & { sessionId: string }) | null;
  metricsFailure: string | null;
  /** Loads the panel and follows the pushes until the returned function is called. */
  watchMetrics(sessionId: string): () => void;
  reloadMetrics(): Promise<void>;
  setMetricsRange(rangeMs: number): void;
  loadMetricsConfig(sessionId: string): Promise<void>;
  saveMetricsConfig(config: MetricsConfigInput, fromSuggestions: string[]): Promise<ApiError | true>;
  testMetricsSources(input: Omit<CallInput<'testMetricsSources'>, 'sessionId'>): Promise<SourcesTest | ApiError>;
  startMonitoring(): Promise<boolean>;
  stopMonitoring(reason?: string | null): Promise<boolean>;
  evaluateGate(gateId: string): Promise<GateCheck | null>;
  decideGate(gateId: string, decision: GateVote, reason: string | null, vote?: { role: string; onBehalf: boolean }): Promise<boolean>;
  setGateApprovers(gateId: string, roles: string[], reason: string | null): Promise<boolean>;
}

/** Points a chart keeps: 3 h at a 1 s poll, plus slack. */
const CHART_CAPACITY = 3 * 3600 + 64;

/** Log events after which the live panel or the settings must be read again. */
const RELOAD_ON = new Set(['metrics.configured', 'metrics.monitoringStarted', 'metrics.monitoringStopped', 'session.runbookReplaced']);

export const createMetricsSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], MetricsSlice> =>
  (set, get) => {
    let watched: string | null = null;
    let watchers = 0;
    let stopFollowing: (() => void) | null = null;
    let loading = 0;

    function thresholdsOf(metricKey: string) {
      return get().current?.runbook?.thresholds.filter((t) => t.metricKey === metricKey) ?? [];
    }

    function bufferFor(series: Map<string, SeriesBuffer>, metric: MetricLive): SeriesBuffer {
      const display = displayUnitOf(metric.unit, thresholdsOf(metric.metricKey));
      let buffer = series.get(metric.metricKey);
      if (!buffer || buffer.factor !== display.factor) {
        buffer = new SeriesBuffer(CHART_CAPACITY, display.factor);
        series.set(metric.metricKey, buffer);
      }
      return buffer;
    }

    async function load(sessionId: string): Promise<void> {
      const ticket = ++loading;
      try {
        const snapshot = await api.getMetricsSnapshot({ sessionId, rangeMs: get().metricsRangeMs });
        // A newer load (range change, restart) or leaving the session wins.
        if (ticket !== loading || watched !== sessionId) return;
        const series = new Map<string, SeriesBuffer>();
        for (const metric of snapshot.metrics) bufferFor(series, metric).replace(metric.series);
        set((state) => ({
          metricsSeries: series,
          metricsVersion: state.metricsVersion + 1,
          metricsFailure: null,
          metricsLive: {
            sessionId,
            runId: snapshot.runId,
            monitoring: snapshot.monitoring,
            pollIntervalMs: snapshot.pollIntervalMs,
            at: snapshot.at,
            receivedAt: performance.now(),
            metrics: snapshot.metrics.map(({ series: _series, ...metric }) => metric),
            decision: snapshot.decision,
            alerts: snapshot.alerts,
          },
        }));
      } catch (error) {
        if (ticket === loading) set({ metricsFailure: error instanceof ApiError ? error.message : 'The metrics could not be read.' });
      }
    }

    function applyUpdate(update: MetricsUpdate): void {
      const live = get().metricsLive;
      if (!live || update.sessionId !== live.sessionId) return;
      if (update.runId !== live.runId) {
        // Monitoring (re)started: the new run's history comes with a fresh snapshot.
        void load(update.sessionId);
        return;
      }
      const series = get().metricsSeries;
      const keep = update.at - get().metricsRangeMs;
      for (const metric of update.metrics) {
        const buffer = bufferFor(series, metric);
        buffer.append(metric.points);
        buffer.trimBefore(keep);
      }
      set((state) => ({
        metricsVersion: state.metricsVersion + 1,
        metricsLive: {
          ...live,
          at: update.at,
          receivedAt: performance.now(),
          pollIntervalMs: update.pollIntervalMs,
          metrics: update.metrics.map(({ points: _points, ...metric }) => metric),
          decision: update.decision,
          alerts: update.alerts,
        },
      }));
    }

    function onPushed(message: ApiEventMessage): void {
      if (message.event === 'metrics.update') {
        applyUpdate(message.payload);
        return;
      }
      if (message.event !== 'log.appended' || message.payload.sessionId !== watched) return;
      if (!RELOAD_ON.has(message.payload.event.type)) return;
      void load(message.payload.sessionId);
      if (message.payload.event.type === 'metrics.configured') void get().loadMetricsConfig(message.payload.sessionId);
    }

    function actorOf(sessionId: string) {
      return get().actors[sessionId] ?? null;
    }

    async function write(doing: string, run: (sessionId: string, actor: NonNullable<ReturnType<typeof actorOf>>) => Promise<unknown>): Promise<boolean> {
      const sessionId = get().current?.session.id;
      const actor = sessionId ? actorOf(sessionId) : null;
      if (!sessionId || !actor) return false;
      try {
        await run(sessionId, actor);
        return true;
      } catch (error) {
        get().notifyError(error, doing);
        return false;
      }
    }

    return {
      metricsLive: null,
      metricsRangeMs: MIN_RANGE_MS,
      metricsSeries: new Map(),
      metricsVersion: 0,
      metricsConfig: null,
      metricsFailure: null,

      watchMetrics(sessionId) {
        // Several parts of a screen watch at once (the banner on every tab, the panel, the glance):
        // the pushes are followed while at least one of them is mounted.
        if (watched !== sessionId) {
          stopFollowing?.();
          stopFollowing = null;
          watchers = 0;
          watched = sessionId;
        }
        watchers += 1;
        if (!stopFollowing) {
          stopFollowing = api.subscribe(onPushed);
          void load(sessionId);
        }
        let released = false;
        return () => {
          if (released || watched !== sessionId) return;
          released = true;
          watchers -= 1;
          if (watchers > 0) return;
          stopFollowing?.();
          stopFollowing = null;
          watched = null;
          set({ metricsLive: null, metricsSeries: new Map() });
        };
      },
      async reloadMetrics() {
        if (watched) await load(watched);
      },
      setMetricsRange(rangeMs) {
        set({ metricsRangeMs: rangeMs });
        if (watched) void load(watched);
      },
      async loadMetricsConfig(sessionId) {
        try {
          const config = await api.getMetricsConfig({ sessionId });
          set({ metricsConfig: { ...config, sessionId } });
        } catch (error) {
          get().notifyError(error, 'read the metric settings');
        }
      },
      async saveMetricsConfig(config, fromSuggestions) {
        const sessionId = get().current?.session.id;
        const actor = sessionId ? actorOf(sessionId) : null;
        if (!sessionId || !actor) return new ApiError('read_only', 'Say who is at the keyboard first.');
        try {
          await api.setMetricsConfig({ sessionId, actor, config, fromSuggestions });
          await get().loadMetricsConfig(sessionId);
          get().notify('success', 'Metric settings saved.');
          return true;
        } catch (error) {
          return error instanceof ApiError ? error : new ApiError('internal', 'The settings could not be saved.');
        }
      },
      async testMetricsSources(input) {
        const sessionId = get().current?.session.id;
        if (!sessionId) return new ApiError('not_found', 'No session is open.');
        try {
          return await api.testMetricsSources({ sessionId, ...input });
        } catch (error) {
          return error instanceof ApiError ? error : new ApiError('internal', 'The sources could not be tested.');
        }
      },
      startMonitoring() {
        return write('start monitoring', (sessionId, actor) => api.startMonitoring({ sessionId, actor }));
      },
      stopMonitoring(reason = null) {
        return write('stop monitoring', (sessionId, actor) => api.stopMonitoring({ sessionId, actor, reason }));
      },
      async evaluateGate(gateId) {
        const sessionId = get().current?.session.id;
        if (!sessionId) return null;
        try {
          return await api.evaluateGate({ sessionId, gateId });
        } catch {
          return null;
        }
      },
      async decideGate(gateId, decision, reason, vote) {
        const ok = await write(`record ${decision}`, (sessionId, actor) =>
          api.decideGate({ sessionId, actor, gateId, decision, reason, role: vote?.role ?? null, onBehalf: vote?.onBehalf ?? false }),
        );
        if (ok) get().notify('success', `${decision}${vote ? ` for ${vote.role}` : ''} recorded with the metrics of this moment.`);
        return ok;
      },
      async setGateApprovers(gateId, roles, reason) {
        const ok = await write('set the approvers', (sessionId, actor) => api.setGateApprovers({ sessionId, actor, gateId, roles, reason }));
        if (ok) get().notify('success', roles.length ? `Approvers set: ${roles.join(', ')}.` : 'Approvers removed: the IC decides alone.');
        return ok;
      },
    };
  };
