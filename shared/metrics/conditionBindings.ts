// Decision-tree conditions the runbook states in words, answered by a health check.
//
// The seed's Level 3 lists "Service completely down" beside "Error rate > 10%". The first has no
// number, so the importer leaves it for the IC to judge; but a session that checks the service's
// health endpoint knows the answer. A condition bound to a health check becomes a threshold on the
// check's availability (0 % while it fails: refused, timed out, non-2xx): it raises a page alert
// and puts the launch at the condition's level like any measured condition, and it is unknown —
// never clear — while the console cannot tell (the check itself cannot be run).
import type { DecisionLevel, MetricBinding, Threshold } from '../runbook/model';
import { availabilityKey, type ConditionBinding } from './bindings';

/** "Service completely down", "API unavailable", "Site unreachable", "Health check failing". */
const OUTAGE = /\b(?:down|unavailable|unreachable|offline|outage|not responding)\b|\bhealth ?checks? (?:fail|failing|failed|red)\b/i;

export interface ManualCondition {
  levelId: string;
  level: number;
  text: string;
}

/** Conditions the runbook gives in words only, in level order: the ones a health check may answer. */
export function manualConditions(levels: readonly DecisionLevel[]): ManualCondition[] {
  return [...levels]
    .sort((a, b) => a.level - b.level)
    .flatMap((level) => level.conditions.filter((c) => c.thresholdId === null).map((c) => ({ levelId: level.id, level: level.level, text: c.text })));
}

export interface ConditionSuggestion {
  binding: ConditionBinding;
  /** Why it is suggested, for the IC to check. */
  evidence: string;
}

/**
 * For every condition that reads like an outage, the session's first health check (a runbook
 * usually checks one health endpoint). Only a proposal: nothing is bound until the IC saves it.
 */
export function suggestConditionBindings(levels: readonly DecisionLevel[], healthChecks: readonly Pick<MetricBinding, 'metricKey' | 'name'>[]): ConditionSuggestion[] {
  const check = healthChecks[0];
  if (!check) return [];
  return manualConditions(levels)
    .filter((condition) => OUTAGE.test(condition.text))
    .map((condition) => ({
      binding: { levelId: condition.levelId, condition: condition.text, metricKey: check.metricKey },
      evidence: `"${condition.text}" reads like an outage; the health check ${check.name} fails when the service is down`,
    }));
}

export function conditionThresholdId(binding: Pick<ConditionBinding, 'levelId' | 'condition'>): string {
  return `condition:${binding.levelId}:${binding.condition}`;
}

export interface BoundDecisionModel {
  thresholds: Threshold[];
  decisionLevels: DecisionLevel[];
}

/**
 * The runbook's thresholds and decision levels with each bound condition turned into a measured
 * one. Bindings whose level, condition or health check is gone (the runbook was replaced) are
 * left out: the condition stays for the IC to judge, as before it was bound.
 */
export function applyConditionBindings(
  runbook: { thresholds: readonly Threshold[]; decisionLevels: readonly DecisionLevel[] },
  conditions: readonly ConditionBinding[],
  healthChecks: readonly Pick<MetricBinding, 'metricKey' | 'name'>[],
): BoundDecisionModel {
  const added: Threshold[] = [];
  const decisionLevels = runbook.decisionLevels.map((level) => ({
    ...level,
    conditions: level.conditions.map((condition) => {
      if (condition.thresholdId !== null) return condition;
      const binding = conditions.find((c) => c.levelId === level.id && c.condition === condition.text);
      const check = binding && healthChecks.find((h) => h.metricKey === binding.metricKey);
      if (!binding || !check) return condition;
      const threshold: Threshold = {
        id: conditionThresholdId(binding),
        sectionId: level.sectionId,
        line: level.line,
        column: level.column,
        metric: `${check.name} up`,
        metricKey: availabilityKey(check.metricKey),
        // 0 % available: the check failed. A single check is either 100 % or 0 %.
        op: '<=',
        value: 0,
        upper: null,
        unit: '%',
        meaning: 'alert-if',
        // A page alert as well as the level: a service that is down is everybody's business now.
        context: 'page',
        level: level.level,
        sustained: false,
        sustainedMs: null,
        action: `${condition.text} (Level ${level.level}: ${level.verdict || level.title})`,
        text: condition.text,
      };
      added.push(threshold);
      return { ...condition, thresholdId: threshold.id };
    }),
  }));
  return { thresholds: [...runbook.thresholds, ...added], decisionLevels };
}
