// Wires the poller to the pure evaluators: after every poll it evaluates the runbook's thresholds,
// raises and clears alerts, tracks the decision-tree level, and emits what changed. The console
// turns these events into log entries, banners and desktop notifications; this file knows nothing
// of any of them.
import type { DecisionLevel, Gate, Threshold } from '../../shared/runbook/model';
import { AlertTracker, type ActiveAlert, type AlertTransition } from '../../shared/metrics/alerts';
import { DecisionLevelTracker, evaluateDecisionTree, type DecisionState, type LevelChange } from '../../shared/metrics/decisionTree';
import { buildEvidenceSnapshot, type EvidenceSnapshot } from '../../shared/metrics/evidence';
import { evaluateGate, type GateEvaluation } from '../../shared/metrics/gates';
import { shouldPollUrgently } from '../../shared/metrics/pollUrgency';
import type { MetricState } from '../../shared/metrics/readings';
import { evaluateThresholds, type EvaluationOptions, type ThresholdVerdict } from '../../shared/metrics/thresholds';
import { TypedEmitter } from './emitter';
import type { MetricsPoller } from './poller';

export interface MonitorRunbook {
  thresholds: readonly Threshold[];
  decisionLevels: readonly DecisionLevel[];
  gates: readonly Gate[];
}

export interface MetricsMonitorOptions {
  /** A raised alert clears, and a level lowers, after this long back within bounds. */
  clearAfterMs?: number;
  /** Window for "sustained" thresholds that give none (default 5 min). */
  defaultSustainedMs?: number;
  now?: () => number;
  /** The decision level the log says is in force (restoring after a restart); see DecisionLevelTracker. */
  initialLevel?: { level: number; certain: boolean; since: number } | null;
}

export interface MonitorEvaluation {
  at: number;
  states: MetricState[];
  verdicts: ThresholdVerdict[];
  decision: DecisionState;
  alerts: ActiveAlert[];
}

export interface MonitorEvents extends Record<string, unknown> {
  alert: AlertTransition;
  level: LevelChange;
  evaluation: MonitorEvaluation;
}

export interface GateCheck {
  evaluation: GateEvaluation;
  /** Values, queries and the last 15 minutes of every metric, to store with the decision. */
  snapshot: EvidenceSnapshot;
}

export class MetricsMonitor {
  private readonly emitter = new TypedEmitter<MonitorEvents>();
  private readonly alerts: AlertTracker;
  private readonly levels: DecisionLevelTracker;
  private readonly evaluationOptions: EvaluationOptions;
  private readonly now: () => number;
  private readonly unsubscribe: () => void;
  private latest: MonitorEvaluation | null = null;

  constructor(
    private readonly runbook: MonitorRunbook,
    private readonly poller: MetricsPoller,
    options: MetricsMonitorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.alerts = new AlertTracker(runbook.thresholds, { clearAfterMs: options.clearAfterMs });
    this.levels = new DecisionLevelTracker({ clearAfterMs: options.clearAfterMs, initial: options.initialLevel });
    // Samples further apart than this (polls missed while the source was down) break a sustained run.
    this.evaluationOptions = { defaultSustainedMs: options.defaultSustainedMs, maxGapMs: 2.5 * poller.intervalMs };
    this.unsubscribe = poller.on('poll', ({ at }) => this.evaluate(at));
  }

  on<K extends keyof MonitorEvents>(event: K, listener: (payload: MonitorEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  current(): MonitorEvaluation | null {
    return this.latest;
  }

  /** Evaluates everything against the poller's current data and emits what changed. */
  evaluate(at: number = this.now()): MonitorEvaluation {
    const verdicts = this.verdicts(at);
    const transitions = this.alerts.update(verdicts, at);
    const change = this.levels.update(evaluateDecisionTree(this.runbook.decisionLevels, verdicts, at), at);
    this.latest = {
      at,
      states: this.poller.states(),
      verdicts: [...verdicts.values()],
      decision: this.levels.current()!,
      alerts: this.alerts.active(),
    };
    this.poller.setUrgent(shouldPollUrgently(this.runbook.thresholds, verdicts.values(), this.latest.alerts.length > 0));
    for (const transition of transitions) this.emitter.emit('alert', transition);
    if (change) this.emitter.emit('level', change);
    this.emitter.emit('evaluation', this.latest);
    return this.latest;
  }

  /** A gate's criteria with live values and verdicts, and the evidence to log with the decision. */
  checkGate(gateId: string, at: number = this.now()): GateCheck | null {
    const gate = this.runbook.gates.find((g) => g.id === gateId);
    if (!gate) return null;
    const verdicts = this.verdicts(at);
    const evaluation = evaluateGate(gate, this.runbook.thresholds, verdicts, at);
    const decision = evaluateDecisionTree(this.runbook.decisionLevels, verdicts, at);
    return { evaluation, snapshot: buildEvidenceSnapshot({ now: at, metrics: [...this.poller.inputs().values()], gate: evaluation, decision }) };
  }

  /** Evidence for a decision that is not a gate (a rollback, a manual NO-GO). */
  snapshot(at: number = this.now()): EvidenceSnapshot {
    const decision = evaluateDecisionTree(this.runbook.decisionLevels, this.verdicts(at), at);
    return buildEvidenceSnapshot({ now: at, metrics: [...this.poller.inputs().values()], decision });
  }

  dispose(): void {
    this.unsubscribe();
    this.emitter.removeAll();
  }

  private verdicts(at: number): Map<string, ThresholdVerdict> {
    return evaluateThresholds(this.runbook.thresholds, this.poller.inputs(), at, this.evaluationOptions);
  }
}
