// The rollback decision tree now: the level, why (which metrics, values, thresholds, queries), what
// the runbook prescribes, and its rollback step one click away (running it asks for confirmation
// there, as every step does).
import type { ConditionEntry } from '../../../../shared/log/metricsEvents';
import type { Runbook } from '../../../../shared/runbook/model';
import { formatShown } from './metricsFormat';

export interface DecisionSummary {
  level: number;
  certain: boolean;
  title: string | null;
  verdict: string | null;
  holding?: string | null;
  actions: string[];
  stepIds: string[];
  why: ConditionEntry[];
  unknown: ConditionEntry[];
  pending?: ConditionEntry[];
}

export function ConditionLine({ condition }: { condition: ConditionEntry }) {
  if (!condition.metric) return <>{condition.reason}</>;
  return (
    <>
      <strong>{condition.metric}</strong> {formatShown(condition.value, condition.unit)} — <span>{condition.threshold ?? condition.text}</span>
      {condition.query && (
        <>
          {' '}
          <code className="condition-query">{condition.query}</code>
        </>
      )}
    </>
  );
}

/** What follows the LEVEL n badge: `Critical Issues: Immediate Rollback`. */
export function levelHeading(decision: Pick<DecisionSummary, 'level' | 'title' | 'verdict'>): string {
  if (decision.level === 0) return 'No decision-tree condition holds';
  const words = [decision.title, decision.verdict].filter(Boolean).join(': ');
  return words || `Level ${decision.level}`;
}

/** The level's steps one click away; from level 2 on they are the rollback, and look it. */
export function RollbackStepButtons({ runbook, level, stepIds, onShowStep }: { runbook: Runbook; level: number; stepIds: string[]; onShowStep: (stepId: string) => void }) {
  const steps = runbook.steps.filter((step) => stepIds.includes(step.id));
  if (steps.length === 0) return null;
  const rollback = level >= 2;
  return (
    <p className="rollback-steps">
      {steps.map((step) => (
        <button key={step.id} type="button" className={rollback ? 'danger-outline' : ''} onClick={() => onShowStep(step.id)}>
          {rollback ? 'Go to rollback step' : 'Go to step'}: {step.title}
        </button>
      ))}
      <span className="muted"> Running it asks for confirmation.</span>
    </p>
  );
}

/** `blind`: some bound metric cannot be seen now — the level is the last known one, not certain. */
export function DecisionBadge({ decision, runbook, onShowStep, blind = false }: { decision: DecisionSummary; runbook: Runbook; onShowStep: (stepId: string) => void; blind?: boolean }) {
  const level = Math.min(decision.level, 3);
  const certain = decision.certain && !blind;
  return (
    <section className={`decision level-${level}${certain ? '' : ' is-uncertain'}`} aria-label="Decision level">
      <div className="decision-head">
        <span className="level-badge" data-testid="level-badge">
          LEVEL {decision.level}
        </span>
        <h2>{levelHeading(decision)}</h2>
        {!certain && <span className="uncertain">NOT CERTAIN{blind && decision.certain ? ' — some metrics cannot be seen' : ''}</span>}
      </div>
      {decision.holding && <p className="decision-holding">{decision.holding}</p>}
      {decision.why.length > 0 && (
        <>
          <h3>Why</h3>
          <ul className="decision-why" aria-label="Why this level">
            {decision.why.map((condition, index) => (
              <li key={index}>
                <ConditionLine condition={condition} />
              </li>
            ))}
          </ul>
        </>
      )}
      {decision.unknown.length > 0 && (
        <>
          <h3>Cannot evaluate</h3>
          <ul className="decision-unknown" aria-label="Conditions without data">
            {decision.unknown.map((condition, index) => (
              <li key={index}>
                Level {condition.level}: {condition.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {(decision.pending ?? []).length > 0 && (
        <p className="muted">
          Building up: {decision.pending!.map((condition) => condition.reason).join('; ')}
        </p>
      )}
      {decision.actions.length > 0 && (
        <>
          <h3>The runbook says</h3>
          <ol className="decision-actions">
            {decision.actions.map((action, index) => (
              <li key={index}>{action}</li>
            ))}
          </ol>
        </>
      )}
      <RollbackStepButtons runbook={runbook} level={decision.level} stepIds={decision.stepIds} onShowStep={onShowStep} />
    </section>
  );
}
