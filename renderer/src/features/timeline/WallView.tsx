// The war-room display: read-only, full screen, large type — countdown, phase, the session banner
// (what the console cannot see, alerts with their values now), gates waiting or overdue with their
// decisions so far, the decision level (never a green "normal" while blind), and where every step
// stands. Nothing here can change anything.
import { useEffect, type ReactNode } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { useAppStore } from '../../store/appStore';
import { blindMetricsOf } from '../metrics/bannerFacts';
import { GateStrip } from '../metrics/GateHistory';
import { SessionBanner } from '../metrics/SessionBanner';
import { CountdownPanel } from './CountdownPanel';
import { useTimeline } from './useTimeline';
import './wall.css';

const LEVEL_TEXT = ['Level 0 — normal', 'Level 1 — minor', 'Level 2 — major', 'Level 3 — critical'];

function WallBody({ runbook, state, live }: { runbook: Runbook; state: SessionState; live?: ReactNode }) {
  const timeline = useTimeline(runbook, state);
  const level = state.metrics.level;
  const liveMetrics = useAppStore((s) => (s.metricsLive?.sessionId === state.header.id ? s.metricsLive : null));
  const watching = state.metrics.monitoring.on;
  const blind = watching ? blindMetricsOf(liveMetrics) : [];
  const levelNow = liveMetrics?.decision?.level ?? level?.to ?? 0;
  const certain = (liveMetrics?.decision?.certain ?? level?.certain ?? true) && blind.length === 0;
  const uncertainWhy = [...new Set([...blind.map((b) => b.name), ...(level?.unknown.map((u) => u.metric ?? u.text) ?? [])])];
  const latestRuns = new Map(state.steps.order.map((id) => [state.steps.runs[id]!.stepId, state.steps.runs[id]!]));
  return (
    <div className="wall-grid">
      <CountdownPanel timeline={timeline} large />
      {/* Left: level, alerts and steps one under the other; right: the metrics, as tall as they are. */}
      <div className="wall-main">
      <SessionBanner metrics={state.metrics} live={liveMetrics} runbook={runbook} large />
      <GateStrip runbook={runbook} state={state} large />
      <section className={`wall-level wall-level-${!watching ? 'off' : certain ? levelNow : 'uncertain'}`} aria-label="Decision level" data-testid="wall-level">
        <div className="wall-level-value">
          {!watching ? 'Level unknown' : (LEVEL_TEXT[levelNow] ?? `Level ${levelNow}`)}
          {watching && !certain && ' — NOT CERTAIN'}
        </div>
        {watching && level?.verdict && <div className="wall-level-verdict">{level.verdict}</div>}
        {watching && !certain && uncertainWhy.length > 0 && <div className="wall-uncertain">cannot see: {uncertainWhy.join(', ')}</div>}
        {!watching && <div className="muted">metrics not being watched</div>}
      </section>
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
