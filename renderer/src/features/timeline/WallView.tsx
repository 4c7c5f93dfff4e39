// The war-room display: read-only, full screen, large type — countdown, phase, decision level,
// alerts, and where every step stands. Nothing here can change anything.
import { useEffect, type ReactNode } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { useAppStore } from '../../store/appStore';
import { CountdownPanel } from './CountdownPanel';
import { useTimeline } from './useTimeline';
import './wall.css';

const LEVEL_TEXT = ['Level 0 — normal', 'Level 1 — minor', 'Level 2 — major', 'Level 3 — critical'];

function WallBody({ runbook, state, live }: { runbook: Runbook; state: SessionState; live?: ReactNode }) {
  const timeline = useTimeline(runbook, state);
  const level = state.metrics.level;
  const alerts = Object.values(state.metrics.alerts);
  const latestRuns = new Map(state.steps.order.map((id) => [state.steps.runs[id]!.stepId, state.steps.runs[id]!]));
  return (
    <div className="wall-grid">
      <CountdownPanel timeline={timeline} large />
      {/* Left: level, alerts and steps one under the other; right: the metrics, as tall as they are. */}
      <div className="wall-main">
      <section className={`wall-level wall-level-${level?.to ?? 0}`} aria-label="Decision level" data-testid="wall-level">
        <div className="wall-level-value">{LEVEL_TEXT[level?.to ?? 0] ?? `Level ${level?.to}`}</div>
        {level?.verdict && <div className="wall-level-verdict">{level.verdict}</div>}
        {level && !level.certain && <div className="wall-uncertain">uncertain: {level.unknown.map((u) => u.metric).join(', ')}</div>}
        {!state.metrics.monitoring.on && <div className="muted">metrics not being watched</div>}
      </section>
      {alerts.length > 0 && (
        <section className="wall-alerts" aria-label="Active alerts" role="alert">
          {alerts.map((alert) => (
            <div key={alert.raisedSeq}>⚠ {alert.threshold} — now {String(alert.value)}{alert.unit ?? ""}</div>
          ))}
        </section>
      )}
      {timeline.forecast.projectedEndAtMs !== null && (
        <section className="wall-forecast" aria-label="Projected end">
          Projected end <span className="mono">{new Date(timeline.forecast.projectedEndAtMs).toISOString().slice(11, 16)} UTC</span>
          {timeline.forecast.plannedEndAtMs !== null && <span className="muted"> (planned {new Date(timeline.forecast.plannedEndAtMs).toISOString().slice(11, 16)})</span>}
        </section>
      )}
      <section className="wall-steps" aria-label="Steps">
        <ul>
          {timeline.steps
            .filter((step) => !step.rollback || latestRuns.has(step.stepId))
            .map((step) => {
              const run = latestRuns.get(step.stepId);
              const status = run ? run.status : step.timing === 'missed' ? 'missed' : step.startOverdue ? 'overdue' : 'waiting';
              const f = timeline.forecast.byId.get(step.stepId);
              const ahead = !run && f?.basis === 'forecast' && f.startAtMs !== null ? new Date(f.startAtMs).toISOString().slice(11, 16) : null;
              return (
                <li key={step.stepId} className={`wall-step wall-step-${status}`}>
                  <span className="wall-step-status">{status.toUpperCase()}</span> {step.title}
                  {step.startDeltaMinutes ? <span className="mono"> ({step.startDeltaMinutes > 0 ? '+' : ''}{step.startDeltaMinutes} min)</span> : null}
                  {ahead && <span className="mono muted"> · forecast {ahead} UTC</span>}
                  {f?.critical && <strong className="critical-badge"> · critical</strong>}
                </li>
              );
            })}
        </ul>
      </section>
      </div>
      {live}
    </div>
  );
}

export function WallView({ sessionId, live }: { sessionId: string; live?: ReactNode }) {
  const current = useAppStore((s) => (s.current?.session.id === sessionId ? s.current : null));
  const error = useAppStore((s) => s.currentError);
  const openSession = useAppStore((s) => s.openSession);
  const closeCurrent = useAppStore((s) => s.closeCurrent);
  const connection = useAppStore((s) => s.connection);
  useEffect(() => {
    void openSession(sessionId);
    return closeCurrent;
  }, [sessionId, openSession, closeCurrent]);
  if (error) return <main role="alert">{error}</main>;
  if (!current?.runbook) return <main aria-busy="true" />;
  return (
    <main className="wall" aria-label="War-room display">
      <header className="wall-header">
        <h1>{current.session.name}</h1>
        <EnvironmentBadge environment={current.session.environment} large />
        <span className="wall-readonly">DISPLAY ONLY</span>
        {/* A wall that lost the console must not look live: it reconnects by itself (same link). */}
        {connection !== 'open' && (
          <span className="wall-connection-lost" role="status">
            NOT LIVE — reconnecting
          </span>
        )}
      </header>
      <WallBody runbook={current.runbook} state={current.state} live={live} />
    </main>
  );
}
