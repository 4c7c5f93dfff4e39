// Live metrics calls: settings and suggestions, test connection, monitoring on/off, the panel's
// snapshot, the decision level, and GO / NO-GO gates. Writes only append events; the session
// monitors follow the log (electron/metrics/sessionMonitors.ts).
import { ApiError } from '../../shared/api/errors';
import { canonicalJson } from '../../shared/log/canonicalJson';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import { toJsonNumber } from '../../shared/log/metricsEvents';
import { healthCheckBindings, MetricSourceSettingsSchema, type AuthHeader, type ConditionBinding, type MetricSourceSettings } from '../../shared/metrics/bindings';
import { pointsSince } from '../../shared/metrics/series';
import { suggestBindings, unboundMetrics } from '../../shared/metrics/suggestBindings';
import type { Gate, MetricBinding, Runbook } from '../../shared/runbook/model';
import { approversOf } from '../../shared/session/gateStatus';
import { gateDecisionOf } from '../../shared/session/metricsState';
import type { SessionState } from '../../shared/session/sessionState';
import type { ApiHandlers } from '../core/router';
import { alertView, decisionView, gateView, metricLive, thinPoints } from '../metrics/metricsViews';
import type { SessionMonitors } from '../metrics/sessionMonitors';
import type { HandlerContext } from './context';

type MetricsCallName =
  | 'getMetricsConfig'
  | 'setMetricsConfig'
  | 'testMetricsSources'
  | 'startMonitoring'
  | 'stopMonitoring'
  | 'getMetricsSnapshot'
  | 'getDecision'
  | 'evaluateGate'
  | 'decideGate'
  | 'setGateApprovers';

function authHeaders(sources: MetricSourceSettings): AuthHeader[] {
  return [sources.prometheus?.auth, sources.scrape?.auth, ...sources.healthChecks.map((check) => check.auth)].filter((auth): auth is AuthHeader => !!auth);
}

export function metricsHandlers(context: HandlerContext, monitors: SessionMonitors): Pick<ApiHandlers, MetricsCallName> {
  const { states, writer, workspace, secrets } = context;

  function sessionState(sessionId: string): SessionState {
    const state = states.get(sessionId);
    if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
    return state;
  }

  function gateOf(sessionId: string, gateId: string): { runbook: Runbook; gate: Gate } {
    const runbook = states.runbook(sessionId);
    const gate = runbook?.gates.find((candidate) => candidate.id === gateId);
    if (!runbook || !gate) throw new ApiError('not_found', `This session's runbook has no gate ${gateId}.`);
    return { runbook, gate };
  }

  function committed(sessionId: string, events: LoggedEvent[]) {
    const last = events.at(-1);
    if (last) return { changed: true, seq: last.seq, hash: last.hash };
    const head = workspace.log.head(sessionId)!;
    return { changed: false, seq: head.seq, hash: head.hash };
  }

  function liveView(sessionId: string) {
    const slot = monitors.running(sessionId);
    const evaluation = slot?.monitor.current() ?? null;
    if (!slot || !evaluation) return { slot, evaluation: null, decision: null, alerts: [] };
    const thresholds = new Map(slot.runbook.thresholds.map((t) => [t.id, t]));
    return {
      slot,
      evaluation,
      decision: decisionView(evaluation.decision, slot.runbook.decisionLevels),
      alerts: evaluation.alerts.map((alert) => alertView(alert, thresholds)),
    };
  }

  return {
    getMetricsConfig: ({ sessionId }) => {
      const state = sessionState(sessionId);
      const runbook = states.runbook(sessionId);
      const suggestions = runbook ? suggestBindings(runbook) : [];
      const config = state.metrics.config;
      const draft: { sources: MetricSourceSettings; bindings: MetricBinding[]; conditions: ConditionBinding[] } = config ?? {
        sources: MetricSourceSettingsSchema.parse({ prometheus: runbook?.prometheusUrl ? { url: runbook.prometheusUrl } : null }),
        bindings: suggestions.map((suggestion) => suggestion.binding),
        conditions: [],
      };
      const names = [...new Set(authHeaders(draft.sources).map((auth) => auth.secretName))];
      return {
        config,
        draft,
        suggestions,
        unbound: runbook ? unboundMetrics(runbook, [...draft.bindings, ...healthCheckBindings(draft.sources)]) : [],
        secrets: names.map((name) => ({ name, source: secrets.sourceOf(sessionId, name) })),
        monitoring: state.metrics.monitoring.on,
      };
    },

    setMetricsConfig: ({ sessionId, actor, config, fromSuggestions }) => {
      writer.assertWritable(sessionId);
      const current = sessionState(sessionId).metrics.config;
      if (current && canonicalJson(current) === canonicalJson(config)) return committed(sessionId, []);
      const bound = new Set(config.bindings.map((binding) => binding.metricKey));
      const accepted = [...new Set(fromSuggestions)].filter((key) => bound.has(key));
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'metrics.configured', payload: { config, fromSuggestions: accepted } }]));
    },

    testMetricsSources: async ({ sessionId, sources, bindings }) => {
      sessionState(sessionId);
      const tested = await monitors.testSources(sessionId, sources, bindings);
      return {
        sources: tested.sources,
        bindings: tested.states
          .filter((state) => bindings.some((binding) => binding.metricKey === state.metricKey))
          .map((state) => ({ metricKey: state.metricKey, status: state.status, value: toJsonNumber(state.value), unit: state.unit, message: state.message })),
      };
    },

    startMonitoring: ({ sessionId, actor }) => {
      writer.assertWritable(sessionId);
      const { config, monitoring } = sessionState(sessionId).metrics;
      if (!config || config.bindings.length + config.sources.healthChecks.length === 0) {
        throw new ApiError('conflict', 'Nothing to monitor yet: set the metric sources and bind at least one metric first.');
      }
      if (monitoring.on) return committed(sessionId, []);
      const metricKeys = [...config.bindings, ...healthCheckBindings(config.sources)].map((binding) => binding.metricKey);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'metrics.monitoringStarted', payload: { pollIntervalMs: config.sources.pollIntervalMs, metricKeys } }]));
    },

    stopMonitoring: ({ sessionId, actor, reason }) => {
      writer.assertWritable(sessionId);
      if (!sessionState(sessionId).metrics.monitoring.on) return committed(sessionId, []);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'metrics.monitoringStopped', payload: { reason } }]));
    },

    getMetricsSnapshot: ({ sessionId, rangeMs, maxPoints }) => {
      sessionState(sessionId);
      const { slot, evaluation, decision, alerts } = liveView(sessionId);
      const at = evaluation?.at ?? monitors.now();
      if (!slot) return { monitoring: false, runId: null, at, pollIntervalMs: null, rangeMs, metrics: [], decision: null, alerts: [] };
      const metricStates = evaluation?.states ?? slot.poller.states();
      return {
        monitoring: true,
        runId: slot.runId,
        at,
        pollIntervalMs: slot.poller.intervalMs,
        rangeMs,
        metrics: metricStates.map((state) => {
          const series = slot.poller.series(state.metricKey);
          return { ...metricLive(state, evaluation?.verdicts ?? []), series: series ? thinPoints(pointsSince(series, at - rangeMs), maxPoints) : [] };
        }),
        decision,
        alerts,
      };
    },

    getDecision: ({ sessionId }) => {
      sessionState(sessionId);
      const { slot, decision, alerts } = liveView(sessionId);
      return { monitoring: slot !== null, decision, alerts };
    },

    evaluateGate: async ({ sessionId, gateId }) => {
      const state = sessionState(sessionId);
      gateOf(sessionId, gateId);
      const reading = await monitors.checkGate(sessionId, gateId);
      if (!reading.check) throw new ApiError('not_found', `This session's runbook has no gate ${gateId}.`);
      return { evaluation: gateView(reading.check.evaluation), reading: reading.kind, decision: gateDecisionOf(state.metrics, gateId) };
    },

    decideGate: async ({ sessionId, actor, gateId, decision, reason, role, onBehalf }) => {
      writer.assertWritable(sessionId);
      const { gate } = gateOf(sessionId, gateId);
      // A gate is decided again as often as needed (HOLD, fix, GO): no decision is refused for
      // coming after another one. Only who may vote is checked.
      const approvers = approversOf(gate, sessionState(sessionId).metrics).roles;
      let votedRole: string | null = null;
      if (approvers.length === 0) {
        if (role) throw new ApiError('invalid_input', `"${gate.title}" names no approvers, so a vote cannot be for "${role}": set the approvers first, or decide without a role.`);
      } else {
        votedRole = approvers.find((known) => known.toLowerCase() === role?.toLowerCase()) ?? null;
        if (!votedRole) {
          throw new ApiError('invalid_input', `"${gate.title}" is decided by ${approvers.join(', ')}: say which of them this vote is for${role ? ` ("${role}" is not one of them)` : ''}.`);
        }
        const ownRole = actor.role?.trim().toLowerCase() === votedRole.toLowerCase();
        if (!ownRole && !onBehalf) {
          throw new ApiError('forbidden', `${actor.name} is not ${votedRole}: record the vote as given for the absent approver, with a reason, or let ${votedRole} vote.`);
        }
      }
      // The evidence is taken here, at the moment of the decision, never sent by the client.
      const reading = await monitors.checkGate(sessionId, gateId, { withHistory: true });
      if (!reading.check) throw new ApiError('not_found', `This session's runbook has no gate ${gateId}.`);
      const { evaluation, snapshot } = reading.check;
      const vote = votedRole ? { role: votedRole, onBehalf: onBehalf && actor.role?.trim().toLowerCase() !== votedRole.toLowerCase() } : {};
      const events = writer.write(sessionId, actor, [
        { type: 'metrics.gateDecided', payload: { gateId, title: gate.title, decision, reason, ...vote, verdict: evaluation.verdict, evidence: snapshot } },
      ]);
      return { ...committed(sessionId, events), verdict: evaluation.verdict, reading: reading.kind };
    },

    setGateApprovers: ({ sessionId, actor, gateId, roles, reason }) => {
      writer.assertWritable(sessionId);
      const { gate } = gateOf(sessionId, gateId);
      const current = approversOf(gate, sessionState(sessionId).metrics);
      if (current.source !== 'runbook' && canonicalJson(current.roles) === canonicalJson(roles)) return committed(sessionId, []);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'metrics.gateApproversSet', payload: { gateId, title: gate.title, roles, reason } }]));
    },
  };
}
