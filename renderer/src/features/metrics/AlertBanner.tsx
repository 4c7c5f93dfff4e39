// Above every tab of a session: the alerts the log holds as raised and not cleared, and the
// decision level when it is above 0 — from the folded log, so a reload or a second screen shows
// exactly the same. Pages and escalations get a line each; warnings (targets and success criteria
// not met) share one, so the banner stays readable when several targets are missed at once.
import type { Runbook } from '../../../../shared/runbook/model';
import { activeAlertsOf, type ActiveAlertEntry, type MetricsState } from '../../../../shared/session/metricsState';
import { formatUtc } from '../../format';
import { levelHeading, RollbackStepButtons } from './DecisionBadge';
import { formatShown } from './metricsFormat';

const SEVERITY_TEXT = { page: 'PAGE', escalate: 'ESCALATE', warning: 'WARNING' } as const;
const CONTEXT_TEXT = { target: 'target', success: 'success criterion', escalation: 'escalation', page: 'paging', 'decision-level': 'decision level' } as const;

function measured(alert: ActiveAlertEntry): string {
  return `${alert.metric} ${alert.dataLost ? 'last' : 'was'} ${formatShown(alert.value, alert.unit)}`;
}

export function AlertBanner({ metrics, runbook, onShowStep }: { metrics: MetricsState; runbook: Runbook; onShowStep: (stepId: string) => void }) {
  const alerts = activeAlertsOf(metrics);
  const level = metrics.level && metrics.level.to > 0 ? metrics.level : null;
  if (alerts.length === 0 && !level) return null;
  const contextOf = (thresholdId: string) => {
    const threshold = runbook.thresholds.find((t) => t.id === thresholdId);
    return threshold ? CONTEXT_TEXT[threshold.context] : null;
  };
  const serious = alerts.filter((alert) => alert.severity !== 'warning');
  // One entry per phrase: a target and a success criterion often say the same thing.
  const warnings = new Map<string, { alert: ActiveAlertEntry; contexts: string[] }>();
  for (const alert of alerts.filter((a) => a.severity === 'warning')) {
    const entry = warnings.get(alert.threshold) ?? { alert, contexts: [] };
    const context = contextOf(alert.thresholdId);
    if (context && !entry.contexts.includes(context)) entry.contexts.push(context);
    warnings.set(alert.threshold, entry);
  }
  const worst = (level && level.to >= 2) || serious.length > 0 ? 'danger' : 'warn';
  return (
    <section className={`alert-banner tone-${worst}`} aria-label="Active alerts" aria-live="polite">
      {level && (
        <div className="alert-banner-level">
          <strong className="level-badge" data-testid="banner-level">
            LEVEL {level.to}
          </strong>{' '}
          {levelHeading({ level: level.to, title: level.title, verdict: level.verdict })}
          {!level.certain && <span className="uncertain"> NOT CERTAIN</span>}
          <RollbackStepButtons runbook={runbook} level={level.to} stepIds={level.stepIds} onShowStep={onShowStep} />
        </div>
      )}
      {alerts.length > 0 && (
        <ul className="alert-list">
          {serious.map((alert) => (
            <li key={alert.thresholdId} className={`alert-item severity-${alert.severity}`}>
              <strong>{SEVERITY_TEXT[alert.severity]}</strong> {alert.threshold}
              {contextOf(alert.thresholdId) && <span className="muted"> ({contextOf(alert.thresholdId)})</span>} — {measured(alert)}
              {alert.dataLost && <span className="warn-text"> · data lost, still raised</span>}
              <span className="muted"> · since {formatUtc(alert.since ?? alert.raisedAt)}</span>
              {alert.action && <span> · {alert.action}</span>}
            </li>
          ))}
          {warnings.size > 0 && (
            <li className="alert-item severity-warning">
              <strong>WARNING{warnings.size > 1 ? ` ×${warnings.size}` : ''}</strong>{' '}
              {[...warnings.values()].map(({ alert, contexts }, index) => (
                <span key={alert.thresholdId}>
                  {index > 0 && ' · '}
                  {alert.threshold}
                  {contexts.length > 0 && <span className="muted"> ({contexts.join(', ')})</span>} — {measured(alert)}
                  {alert.dataLost && <span className="warn-text"> (data lost)</span>}
                </span>
              ))}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
