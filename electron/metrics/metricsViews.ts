// The engine's objects as the API and the log carry them: plain JSON (±Inf as strings, no Maps),
// only what the panel, the banner and the log need.
import type { AlertView, DecisionView, GateEvaluationView, MetricLive, ThresholdVerdictView } from '../../shared/api/metrics';
import type { ActiveAlert, AlertTransition } from '../../shared/metrics/alerts';
import { explainEvaluation, type ConditionResult, type DecisionState, type LevelChange } from '../../shared/metrics/decisionTree';
import type { GateEvaluation } from '../../shared/metrics/gates';
import type { MetricState } from '../../shared/metrics/readings';
import { pointsSince, type SeriesLike, type SeriesPoint } from '../../shared/metrics/series';
import type { ThresholdVerdict } from '../../shared/metrics/thresholds';
import { toJsonNumber, type AlertPayload, type ConditionEntry } from '../../shared/log/metricsEvents';
import type { EventPayload } from '../../shared/log/eventTypes';
import type { DecisionLevel, Threshold } from '../../shared/runbook/model';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function verdictView(verdict: ThresholdVerdict): ThresholdVerdictView {
  return {
    thresholdId: verdict.thresholdId,
    state: verdict.state,
    value: toJsonNumber(verdict.value),
    breachSince: verdict.breachSince,
    sustainedMs: verdict.sustainedMs,
    reason: verdict.reason,
  };
}

/** A metric's state with the verdicts of the thresholds on it. */
export function metricLive(state: MetricState, verdicts: readonly ThresholdVerdict[]): MetricLive {
  return {
    metricKey: state.metricKey,
    name: state.name,
    source: state.source,
    query: state.query,
    unit: state.unit,
    status: state.status,
    value: toJsonNumber(state.value),
    at: state.at,
    ageMs: state.ageMs,
    message: state.message,
    statusSince: state.statusSince,
    verdicts: verdicts.filter((v) => v.metricKey === state.metricKey).map(verdictView),
    http: state.http ?? null,
  };
}

export function conditionEntry(condition: ConditionResult): ConditionEntry {
  const verdict = condition.verdict;
  return {
    level: condition.level,
    text: condition.text,
    thresholdId: condition.thresholdId,
    state: condition.state,
    metric: verdict?.metric ?? null,
    value: toJsonNumber(verdict?.value ?? null),
    unit: verdict?.unit ?? null,
    threshold: verdict?.threshold ?? null,
    query: verdict?.query ?? null,
    reason: verdict?.reason ?? (condition.state === 'manual' ? `${condition.text}: for the IC to judge` : condition.text),
  };
}

/**
 * Title, verdict, actions and rollback steps of the level in force. While a level is held
 * (hysteresis, lost data) the evaluation is of a lower level, but the held level's prescriptions
 * still apply, so they come from the runbook.
 */
function prescription(level: number, evaluation: DecisionState['evaluation'], levels: readonly DecisionLevel[]) {
  if (level === evaluation.level) return { title: evaluation.title, verdict: evaluation.verdict, actions: evaluation.actions, stepIds: evaluation.stepIds };
  const source = levels.find((candidate) => candidate.level === level);
  return { title: source?.title ?? null, verdict: source?.verdict ?? null, actions: source?.actions ?? [], stepIds: source?.stepIds ?? [] };
}

export function decisionView(decision: DecisionState, levels: readonly DecisionLevel[]): DecisionView {
  const { evaluation } = decision;
  return {
    level: decision.level,
    certain: decision.certain,
    since: decision.since,
    holding: decision.holding,
    ...prescription(decision.level, evaluation, levels),
    why: evaluation.why.map(conditionEntry),
    unknown: evaluation.unknown.map(conditionEntry),
    pending: evaluation.pending.map(conditionEntry),
    explanation: decision.holding ? `${decision.holding}. ${explainEvaluation(evaluation)}` : explainEvaluation(evaluation),
  };
}

export function alertView(alert: ActiveAlert, thresholds: ReadonlyMap<string, Threshold>): AlertView {
  const { verdict } = alert;
  return {
    thresholdId: alert.thresholdId,
    severity: alert.severity,
    metricKey: verdict.metricKey,
    metric: verdict.metric,
    threshold: verdict.threshold,
    value: toJsonNumber(verdict.value),
    unit: verdict.unit,
    query: verdict.query,
    since: alert.since,
    dataLost: alert.dataLost,
    action: thresholds.get(alert.thresholdId)?.action ?? null,
    reason: verdict.reason,
  };
}

export function alertPayload(transition: AlertTransition): AlertPayload {
  return {
    thresholdId: transition.thresholdId,
    severity: transition.severity,
    metricKey: transition.metricKey,
    metric: transition.metric,
    threshold: transition.threshold,
    value: toJsonNumber(transition.value),
    unit: transition.unit,
    query: transition.query,
    since: iso(transition.since),
    action: transition.action,
    reason: transition.reason,
  };
}

export function levelPayload(change: LevelChange, levels: readonly DecisionLevel[]): EventPayload<'metrics.levelChanged'> {
  const { evaluation } = change;
  return {
    from: change.from,
    to: change.to,
    fromCertain: change.fromCertain,
    toCertain: change.toCertain,
    reason: change.reason,
    ...prescription(change.to, evaluation, levels),
    why: evaluation.why.map(conditionEntry),
    unknown: evaluation.unknown.map(conditionEntry),
  };
}

export function gateView(evaluation: GateEvaluation): GateEvaluationView {
  return { ...evaluation, criteria: evaluation.criteria.map((c) => ({ ...c, value: toJsonNumber(c.value) })) };
}

/** A series point as JSON carries it: a non-finite value is a gap on a chart. */
function finitePoint([at, value]: SeriesPoint): [number, number | null] {
  return [at, value !== null && Number.isFinite(value) ? value : null];
}

/** Keeps every k-th point so at most `max` remain, always keeping the newest. */
export function thinPoints(points: readonly SeriesPoint[], max: number): Array<[number, number | null]> {
  if (points.length <= max) return points.map(finitePoint);
  const stride = Math.ceil(points.length / max);
  const last = points.length - 1;
  return points.filter((_, index) => (last - index) % stride === 0).map(finitePoint);
}

/** Points measured after `afterMs`, oldest first (a pushed update's new points). */
export function pointsAfter(series: SeriesLike, afterMs: number): Array<[number, number | null]> {
  return pointsSince(series, afterMs + 1).map(finitePoint);
}
