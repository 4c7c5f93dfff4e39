// Hand-made runbook pieces for the metrics tests: thresholds, decision levels and a gate shaped like
// the seed's (GO_LIVE_PROCEDURES.md), built without the markdown importer.
import { RUNBOOK_FORMAT_VERSION, type DecisionLevel, type Gate, type Runbook, type Threshold } from '../../shared/runbook/model';
import { metricKeyOf } from '../../shared/runbook/metricKeys';

let line = 1;

export function threshold(partial: Partial<Threshold> & Pick<Threshold, 'id' | 'metric' | 'op' | 'value'>): Threshold {
  return {
    line: line++,
    column: 1,
    sectionId: null,
    metricKey: metricKeyOf(partial.metric),
    upper: null,
    unit: null,
    meaning: 'alert-if',
    context: 'escalation',
    level: null,
    sustained: false,
    sustainedMs: null,
    action: null,
    text: `${partial.metric} ${partial.op} ${partial.value}${partial.unit ?? ''}`,
    ...partial,
  };
}

export function level(level: number, title: string, verdict: string, conditions: Array<{ text: string; thresholdId: string | null }>, extra: Partial<DecisionLevel> = {}): DecisionLevel {
  return {
    id: `level-${level}`,
    sectionId: `rollback-level-${level}`,
    line: line++,
    column: 1,
    level,
    title,
    verdict,
    conditions,
    actions: [`Level ${level} action`],
    stepIds: level >= 2 ? [`step-rollback-${level}`] : [],
    ...extra,
  };
}

/** The seed's thresholds that matter for the decision tree, alerts and the 12:35 gate. */
export function seedLikeThresholds(): Threshold[] {
  return [
    threshold({ id: 'target-error', metric: 'Error rate', op: '<', value: 1, unit: '%', meaning: 'ok-if', context: 'target' }),
    threshold({ id: 'success-error', metric: 'Error rate', op: '<', value: 1, unit: '%', meaning: 'ok-if', context: 'success' }),
    threshold({ id: 'success-p95', metric: 'p95 latency', op: '<', value: 500, unit: 'ms', meaning: 'ok-if', context: 'success' }),
    threshold({ id: 'esc-error', metric: 'Error rate', op: '>', value: 5, unit: '%', context: 'escalation', action: 'Immediate escalation' }),
    threshold({ id: 'esc-p95', metric: 'p95 latency', op: '>', value: 1000, unit: 'ms', context: 'escalation', action: 'Escalation' }),
    threshold({ id: 'esc-cpu', metric: 'CPU usage', op: '>', value: 85, unit: '%', context: 'escalation', sustained: true, action: 'Escalation' }),
    threshold({ id: 'page-error', metric: 'Error rate', op: '>', value: 10, unit: '%', context: 'page', action: 'Page on-call engineer' }),
    threshold({ id: 'l1-error', metric: 'Error rate', op: 'between', value: 1, upper: 3, unit: '%', context: 'decision-level', level: 1 }),
    threshold({ id: 'l1-p95', metric: 'p95 latency', op: 'between', value: 500, upper: 1000, unit: 'ms', context: 'decision-level', level: 1 }),
    threshold({ id: 'l2-error', metric: 'Error rate', op: 'between', value: 3, upper: 10, unit: '%', context: 'decision-level', level: 2 }),
    threshold({ id: 'l2-p95', metric: 'p95 latency', op: '>', value: 1000, unit: 'ms', context: 'decision-level', level: 2 }),
    threshold({ id: 'l3-error', metric: 'Error rate', op: '>', value: 10, unit: '%', context: 'decision-level', level: 3 }),
  ];
}

export function seedLikeLevels(): DecisionLevel[] {
  return [
    level(1, 'Minor Issues', "Don't Rollback", [
      { text: 'Error rate 1-3%', thresholdId: 'l1-error' },
      { text: 'p95 latency 500-1000ms', thresholdId: 'l1-p95' },
      { text: 'Isolated component failing', thresholdId: null },
    ]),
    level(2, 'Major Issues', 'Prepare Rollback', [
      { text: 'Error rate 3-10%', thresholdId: 'l2-error' },
      { text: 'p95 latency > 1000ms', thresholdId: 'l2-p95' },
    ]),
    level(3, 'Critical Issues', 'Immediate Rollback', [
      { text: 'Error rate > 10%', thresholdId: 'l3-error' },
      { text: 'Service completely down', thresholdId: null },
    ]),
  ];
}

export function seedLikeGate(): Gate {
  return {
    id: 'gate-1235',
    sectionId: 'canary-5',
    line: line++,
    column: 1,
    title: 'Go/No-Go Decision: 12:35 PM',
    offsetMs: 35 * 60_000,
    thresholdIds: ['success-error', 'success-p95'],
    criteria: ['No unusual logs'],
    goText: 'Proceed to 25% if metrics green',
    noGoText: 'Rollback immediately if issues detected',
  };
}

export function runbookWith(partial: Partial<Runbook>): Runbook {
  return {
    formatVersion: RUNBOOK_FORMAT_VERSION,
    title: 'Test runbook',
    sourceName: 'test.md',
    targetDate: null,
    t0: null,
    environment: null,
    prometheusUrl: null,
    sections: [],
    checklistItems: [],
    steps: [],
    milestones: [],
    gates: [],
    thresholds: [],
    decisionLevels: [],
    roles: [],
    secrets: [],
    references: [],
    hosts: [],
    metrics: [],
    diagnostics: [],
    lineCount: 0,
    ...partial,
  };
}
