// Above every tab of a session, and on the war-room display: what the IC must not miss. First what
// the console cannot see (which metrics, since when) — then the level is shown as the last known
// one, *not certain*, never a plain green LEVEL 0 — then one line per alert with its value now and
// its value when raised, PAGE / ESCALATE / WARNING distinct in colour and word. Alerts and level come
// from the folded log (a reload or a second screen shows the same); current values from the live
// pushes. With many alerts the banner stays short (about a fifth of a laptop screen) until expanded.
import { useState } from 'react';
import type { MetricsLiveView } from '../../store/metricsSlice';
import type { Runbook } from '../../../../shared/runbook/model';
import type { MetricsState } from '../../../../shared/session/metricsState';
import { failingTargetsOf, type NotifyState } from '../../../../shared/session/notifyState';
import { formatUtc } from '../../format';
import { alertLinesOf, BLIND_TEXT, blindMetricsOf, shownLevelOf, type AlertLine } from './bannerFacts';
import { levelHeading, RollbackStepButtons } from './DecisionBadge';
import './banner.css';

const SEVERITY_TEXT = { page: 'PAGE', escalate: 'ESCALATE', warning: 'WARNING' } as const;
/** Alert lines shown before "Show all": with the level and blind lines, about a fifth of 900 px with the level and a blind line. */
const COLLAPSED_LINES = 1;

function clock(ms: number | string): string {
  return formatUtc(ms).slice(11, 19);
}

function AlertItem({ line }: { line: AlertLine }) {
  return (
    <li className={`alert-item severity-${line.severity}`}>
      <strong className={`severity-word severity-word-${line.severity}`}>{SEVERITY_TEXT[line.severity]}</strong> {line.threshold}
      {line.contexts.length > 0 && <span className="muted"> ({line.contexts.join(', ')})</span>} — <span className="alert-now">now {line.now}</span>
      <span className="muted"> · {line.atRaise} when raised</span>
      {line.dataLost && <span className="warn-text"> · data lost, still raised</span>}
      <span className="muted"> · since {clock(line.since)}</span>
      {line.action && <span> · {line.action}</span>}
    </li>
  );
}

function NotifyFailing({ notify }: { notify: NotifyState }) {
  const failing = failingTargetsOf(notify);
  if (failing.length === 0) return null;
  return (
    <p className="banner-notify" data-testid="banner-notify">
      <strong className="notify-word">NOT DELIVERED</strong> The room is not hearing from the console:{' '}
      {failing.map(({ targetId, targetName, delivery, undelivered }, index) => (
        <span key={targetId}>
          {index > 0 && '; '}
          <strong>{targetName}</strong> — {undelivered} message{undelivered === 1 ? '' : 's'} not delivered, last {delivery.error ?? (delivery.status === null ? 'no answer' : `HTTP ${delivery.status}`)} at {clock(delivery.lastAt)}
          {delivery.outcome === 'retrying' ? ' (retrying)' : ` (gave up after ${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'})`}
        </span>
      ))}
      . See the Notifications tab.
    </p>
  );
}

export function SessionBanner({
  metrics,
  notify,
  live,
  runbook,
  onShowStep,
  large = false,
}: {
  metrics: MetricsState;
  /** Deliveries that failed are shown too (not on the wall: the room reads it, the IC fixes it). */
  notify?: NotifyState;
  live: MetricsLiveView | null;
  runbook: Runbook;
  onShowStep?: (stepId: string) => void;
  large?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  const blind = metrics.monitoring.on ? blindMetricsOf(live) : [];
  const level = metrics.monitoring.on ? shownLevelOf(metrics.level, live?.decision ?? null, blind.length > 0) : null;
  const lines = alertLinesOf(metrics, live?.alerts ?? null, runbook, blind);
  const notifyFailing = notify ? failingTargetsOf(notify).length > 0 : false;
  if (blind.length === 0 && !level && lines.length === 0 && !notifyFailing) return null;
  const hidden = expanded ? 0 : Math.max(0, lines.length - COLLAPSED_LINES);
  const worst = (level && level.level >= 2) || lines.some((l) => l.severity !== 'warning') ? 'danger' : 'warn';
  return (
    <section className={`alert-banner tone-${worst}${large ? ' is-large' : ''}`} aria-label="Session banner" aria-live="polite" data-expanded={expanded}>
      {blind.length > 0 && (
        <p className="banner-blind" data-testid="banner-blind">
          <strong className="blind-word">BLIND</strong> The console cannot see{' '}
          {blind.map((metric, index) => (
            <span key={metric.metricKey}>
              {index > 0 && ', '}
              <strong>{metric.name}</strong> {BLIND_TEXT[metric.status]}
              {metric.since !== null && <> since {clock(metric.since)}</>}
              {metric.message && <span className="muted"> ({metric.message})</span>}
            </span>
          ))}
          .
        </p>
      )}
      {notify && <NotifyFailing notify={notify} />}
      {level && (
        <div className={`alert-banner-level banner-level-${Math.min(level.level, 3)}${level.certain ? '' : ' is-uncertain'}`}>
          <strong className="level-badge" data-testid="banner-level">
            LEVEL {level.level}
          </strong>{' '}
          {!level.certain && <span className="uncertain">NOT CERTAIN</span>} {level.level > 0 ? levelHeading({ level: level.level, title: level.title, verdict: level.verdict }) : 'last known level — not all metrics can be seen'}
          {onShowStep && level.level > 0 && <RollbackStepButtons runbook={runbook} level={level.level} stepIds={level.stepIds} onShowStep={onShowStep} />}
        </div>
      )}
      {lines.length > 0 && (
        <ul className="alert-list" aria-label="Active alerts">
          {lines.slice(0, lines.length - hidden).map((line) => (
            <AlertItem key={line.key} line={line} />
          ))}
        </ul>
      )}
      {lines.length > COLLAPSED_LINES && (
        <button type="button" className="banner-expand" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer alerts' : `Show all ${lines.length} alerts (${hidden} more)`}
        </button>
      )}
    </section>
  );
}
