// Above every tab of a session: the alerts the log holds as raised and not cleared, most severe
// first, and the decision level when it is above 0 — from the folded log, so a reload or a second
// screen shows exactly the same.
import type { Runbook } from '../../../../shared/runbook/model';
import { activeAlertsOf, type MetricsState } from '../../../../shared/session/metricsState';
import { formatUtc } from '../../format';
import { levelHeading, RollbackStepButtons } from './DecisionBadge';
import { formatShown } from './metricsFormat';

const SEVERITY_TEXT = { page: 'PAGE', escalate: 'ESCALATE', warning: 'WARNING' } as const;
const CONTEXT_TEXT = { target: 'target', success: 'success criterion', escalation: 'escalation', page: 'paging', 'decision-level': 'decision level' } as const;

export function AlertBanner({ metrics, runbook, onShowStep }: { metrics: MetricsState; runbook: Runbook; onShowStep: (stepId: string) => void }) {
  const alerts = activeAlertsOf(metrics);
  const level = metrics.level && metrics.level.to > 0 ? metrics.level : null;
  if (alerts.length === 0 && !level) return null;
  const contextOf = (thresholdId: string) => {
    const threshold = runbook.thresholds.find((t) => t.id === thresholdId);
    return threshold ? CONTEXT_TEXT[threshold.context] : null;
  };
  const worst = level && level.to >= 2 ? 'danger' : alerts.some((a) => a.severity !== 'warning') ? 'danger' : 'warn';
  return (
    <section className={`alert-banner tone-${worst}`} aria-label="Active alerts" aria-live="polite">
      {level && (
        <div className="alert-banner-level">
          <strong className="level-badge" data-testid="banner-level">
            LEVEL {level.to}
          </strong>{' '}
          {levelHeading({ level: level.to, title: level.title, verdict: level.verdict })}
          {!level.certain && <span className="uncertain"> NOT CERTAIN</span>}
          <RollbackStepButtons runbook={runbook} stepIds={level.stepIds} onShowStep={onShowStep} />
        </div>
      )}
      {alerts.length > 0 && (
        <ul className="alert-list">
          {alerts.map((alert) => (
            <li key={alert.thresholdId} className={`alert-item severity-${alert.severity}`}>
              <strong>{SEVERITY_TEXT[alert.severity]}</strong> {alert.threshold}
              {contextOf(alert.thresholdId) && <span className="muted"> ({contextOf(alert.thresholdId)})</span>} — {alert.metric} was {formatShown(alert.value, alert.unit)}
              {alert.dataLost && <span className="warn-text"> · data lost, still raised</span>}
              <span className="muted"> · since {alert.since ? formatUtc(alert.since) : formatUtc(alert.raisedAt)}</span>
              {alert.action && <span> · {alert.action}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
