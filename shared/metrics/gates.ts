// A GO / NO-GO gate: each measurable criterion with its live value and a verdict. The verdict
// helps the IC decide; it never decides for them (a failed check pauses for a human instead of
// aborting — argo-rollouts#2866), and a criterion without data is `no-data`, never a pass.
import type { Gate, Threshold } from '../runbook/model';
import type { ThresholdVerdict } from './thresholds';

export type CriterionVerdict = 'pass' | 'fail' | 'no-data';

/** `no-criteria`: the gate names no measurable criterion; the decision rests on the IC alone. */
export type GateVerdict = CriterionVerdict | 'no-criteria';

export interface GateCriterion {
  thresholdId: string;
  metricKey: string;
  metric: string;
  threshold: string;
  /** Live value in the threshold's unit (null without data). */
  value: number | null;
  unit: string | null;
  query: string | null;
  at: number | null;
  verdict: CriterionVerdict;
  reason: string;
}

export interface GateEvaluation {
  gateId: string;
  title: string;
  at: number;
  verdict: GateVerdict;
  criteria: GateCriterion[];
  /** The runbook's own words: criteria it states in prose, and what GO / NO-GO mean. */
  notes: string[];
  goText: string | null;
  noGoText: string | null;
}

function criterionVerdict(verdict: ThresholdVerdict | undefined): CriterionVerdict {
  if (!verdict) return 'no-data';
  switch (verdict.state) {
    case 'ok':
      return 'pass';
    // A breach not yet sustained still fails a gate: the decision is taken on the value now.
    case 'pending':
    case 'breach':
      return 'fail';
    case 'unknown':
      return 'no-data';
  }
}

/** Overall verdict: any fail → fail; else any no-data → no-data; else pass. */
export function combineVerdicts(verdicts: readonly CriterionVerdict[]): GateVerdict {
  if (verdicts.length === 0) return 'no-criteria';
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('no-data')) return 'no-data';
  return 'pass';
}

export function evaluateGate(gate: Gate, thresholds: readonly Threshold[], verdicts: ReadonlyMap<string, ThresholdVerdict>, now: number): GateEvaluation {
  const byId = new Map(thresholds.map((threshold) => [threshold.id, threshold]));
  const criteria = gate.thresholdIds.map((thresholdId): GateCriterion => {
    const threshold = byId.get(thresholdId);
    const verdict = verdicts.get(thresholdId);
    const result = criterionVerdict(verdict);
    return {
      thresholdId,
      metricKey: threshold?.metricKey ?? verdict?.metricKey ?? '',
      metric: threshold?.metric ?? verdict?.metric ?? thresholdId,
      threshold: verdict?.threshold ?? threshold?.text ?? thresholdId,
      value: verdict?.value ?? null,
      unit: verdict?.unit ?? threshold?.unit ?? null,
      query: verdict?.query ?? null,
      at: verdict?.at ?? null,
      verdict: result,
      reason: verdict?.reason ?? (threshold ? `${threshold.text}: not evaluated` : `threshold ${thresholdId} is not in the runbook`),
    };
  });
  return {
    gateId: gate.id,
    title: gate.title,
    at: now,
    verdict: combineVerdicts(criteria.map((criterion) => criterion.verdict)),
    criteria,
    notes: gate.criteria,
    goText: gate.goText,
    noGoText: gate.noGoText,
  };
}
