// What the metrics must put in front of the IC whatever tab is open: the session banner (what the
// console cannot see, the level, the alerts with their values now) and the gates whose time has
// come — the decision panel for someone at the keyboard, a line per gate for a read-only screen.
import { useEffect } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { useAppStore } from '../../store/appStore';
import { GateStrip } from './GateHistory';
import { GatePrompts } from './GatePrompt';
import { SessionBanner } from './SessionBanner';
import './metrics.css';

export function SessionMetricsBar({ runbook, state, readOnly, onShowStep }: { runbook: Runbook; state: SessionState; readOnly: boolean; onShowStep: (stepId: string) => void }) {
  const sessionId = state.header.id;
  const watchMetrics = useAppStore((s) => s.watchMetrics);
  const live = useAppStore((s) => (s.metricsLive?.sessionId === sessionId ? s.metricsLive : null));
  // The banner needs the live metric states on every tab, not only where a chart is drawn.
  useEffect(() => watchMetrics(sessionId), [sessionId, watchMetrics]);
  return (
    <>
      <SessionBanner metrics={state.metrics} notify={state.notify} live={live} runbook={runbook} onShowStep={onShowStep} />
      {readOnly ? <GateStrip runbook={runbook} state={state} /> : <GatePrompts runbook={runbook} state={state} readOnly={readOnly} />}
    </>
  );
}
