// The screen the IC lives in from T-30 to T+180: the clock, the strip, the current phase's
// checklist and steps, and plan vs actual. Metrics and step runs plug in beside it.
import { useState, type ReactNode } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { stepRunsOf } from '../../../../shared/session/timelineInputs';
import { t0MoveNeedsReason } from '../../../../shared/timeline';
import { useAppStore } from '../../store/appStore';
import { ChecklistTab } from '../checklist/ChecklistTab';
import { CountdownPanel } from './CountdownPanel';
import { ForecastPanel } from './ForecastPanel';
import { MoveT0Dialog } from './MoveT0Dialog';
import { PlanVsActual } from './PlanVsActual';
import { RehearsalPanel } from './RehearsalPanel';
import { TimelineIssues } from './TimelineIssues';
import { TimelineStrip } from './TimelineStrip';
import { useTimeline } from './useTimeline';
import './timeline.css';

interface RunViewProps {
  runbook: Runbook;
  state: SessionState;
  readOnly: boolean;
  onSelectStep: (stepId: string) => void;
  /** Live panels of other features (metrics, steps), laid out beside the timeline. */
  side?: ReactNode;
  /** Live panels laid out under the timeline, first in the main column (running output). */
  main?: ReactNode;
}

export function RunView({ runbook, state, readOnly, onSelectStep, side, main }: RunViewProps) {
  const timeline = useTimeline(runbook, state);
  const moveT0 = useAppStore((s) => s.moveT0);
  const [moving, setMoving] = useState(false);
  const runs = stepRunsOf(state);
  const phaseSection = timeline.phase.kind === 'phase' ? timeline.phase.band.sectionId : null;
  const phaseHasItems = phaseSection !== null && runbook.checklistItems.some((item) => item.sectionId === phaseSection);

  return (
    <div className="run-view">
      <div className="run-top">
        <CountdownPanel timeline={timeline} />
        {!readOnly && (
          <button type="button" onClick={() => setMoving(true)}>
            Move T0…
          </button>
        )}
      </div>
      <TimelineIssues runbook={runbook} t0Ms={timeline.t0Ms} nowMs={timeline.nowMs} newLaunch={runs.length === 0} />
      <TimelineStrip runbook={runbook} timeline={timeline} onSelectStep={onSelectStep} />
      <div className="run-columns">
        <div className="run-main">
          {main}
          <ForecastPanel timeline={timeline} onSelectStep={onSelectStep} />
          <section className="panel" aria-label="Plan vs actual">
            <h2>Plan vs actual</h2>
            <PlanVsActual timeline={timeline} onSelectStep={onSelectStep} />
          </section>
          {(state.header.environment === 'production' || state.header.rehearsalSessionId) && (
            <RehearsalPanel runbook={runbook} state={state} nowMs={timeline.nowMs} readOnly={readOnly} />
          )}
          {phaseHasItems && (
            <section className="panel" aria-label="Current phase checklist">
              <h2>{timeline.phase.kind === 'phase' ? timeline.phase.band.title : ''} — checklist</h2>
              <ChecklistTab runbook={runbook} readOnly={readOnly} onlySectionId={phaseSection!} />
            </section>
          )}
        </div>
        {side && <aside className="run-side">{side}</aside>}
      </div>
      {moving && (
        <MoveT0Dialog
          t0={state.header.t0}
          reasonRequired={t0MoveNeedsReason(timeline.t0Ms, timeline.nowMs, runs)}
          onMove={moveT0}
          onClose={() => setMoving(false)}
        />
      )}
    </div>
  );
}
