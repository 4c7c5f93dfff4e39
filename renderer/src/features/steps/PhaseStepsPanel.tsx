// For the run view's side: the steps of the phase the launch is in now (or the next one before
// it starts), plus any step running whatever its phase — each with its live status and a Run
// button. The title opens the step in the Steps tab.
import { useMemo, useState } from 'react';
import type { SessionSummary } from '../../../../shared/api/sessions';
import type { Runbook, Step } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { phaseAt, phaseBands, plannedWindowAt, wallTimeIn, type PhasePosition } from '../../../../shared/timeline';
import { useNow } from '../timeline/useTimeline';
import { StatusBadge } from './HostRunsTable';
import { RunStepFlow } from './RunStepFlow';
import { hostCounts, runsOfStep } from './stepTargets';
import './steps.css';

interface PhaseStepsPanelProps {
  runbook: Runbook;
  session: SessionSummary;
  state: SessionState;
  readOnly: boolean;
  onOpenStep: (stepId: string) => void;
}

/** The phase whose steps to show: the current one, else the next, else the last. */
function phaseShown(position: PhasePosition): { sectionId: string; title: string; label: string } | null {
  switch (position.kind) {
    case 'phase':
      return { sectionId: position.band.sectionId, title: position.band.title, label: 'Current phase' };
    case 'pre-launch':
    case 'between':
      return { sectionId: position.next.sectionId, title: position.next.title, label: 'Next phase' };
    case 'post-launch':
      return { sectionId: position.previous.sectionId, title: position.previous.title, label: 'Last phase' };
    default:
      return null;
  }
}

export function PhaseStepsPanel({ runbook, session, state, readOnly, onOpenStep }: PhaseStepsPanelProps) {
  const now = useNow(5000);
  const t0Ms = Date.parse(session.t0);
  const bands = useMemo(() => phaseBands(runbook), [runbook]);
  const shown = phaseShown(phaseAt(bands, now - t0Ms));
  const [runFor, setRunFor] = useState<Step | null>(null);
  const runs = state.steps;

  const steps = useMemo(() => {
    const parent = new Map(runbook.sections.map((s) => [s.id, s.parentId]));
    const inPhase = (sectionId: string) => {
      for (let id: string | null | undefined = sectionId; id; id = parent.get(id)) if (id === shown?.sectionId) return true;
      return false;
    };
    const runningIds = new Set(runs.order.map((id) => runs.runs[id]!).filter((r) => r.status === 'running').map((r) => r.stepId));
    return runbook.steps.filter((step) => runningIds.has(step.id) || (shown && inPhase(step.sectionId) && !step.rollback));
  }, [runbook, runs, shown]);

  return (
    <section className="panel phase-steps" aria-label="Current phase steps">
      <h2>{shown ? `${shown.title} — steps` : 'Steps'}</h2>
      {shown && <p className="muted phase-steps-label">{shown.label}</p>}
      {steps.length === 0 ? (
        <p className="muted">No steps in this phase.</p>
      ) : (
        <ul className="phase-steps-list" aria-label="Phase steps">
          {steps.map((step) => {
            const stepRuns = runsOfStep(runs.runs, runs.order, step.id);
            const latest = stepRuns[stepRuns.length - 1];
            const counts = latest ? hostCounts(latest) : null;
            const planned = plannedWindowAt(step, t0Ms);
            return (
              <li key={step.id} className="phase-step">
                <div className="phase-step-head">
                  <button type="button" className="link-button" onClick={() => onOpenStep(step.id)}>
                    {step.title}
                  </button>
                  {!readOnly && (
                    <button type="button" className="step-run" onClick={() => setRunFor(step)}>
                      Run
                    </button>
                  )}
                </div>
                <div className="phase-step-meta">
                  {planned && <span className="mono muted">{wallTimeIn(planned.startAtMs, { kind: 'utc' }).timeShort}</span>}{' '}
                  {latest && counts ? (
                    <>
                      <StatusBadge status={latest.status} />{' '}
                      <span className="muted">
                        {counts.succeeded}/{latest.targets.length} ok{counts.running ? ` · ${counts.running} running` : ''}
                        {counts.failed + counts['timed-out'] ? ` · ${counts.failed + counts['timed-out']} failed` : ''}
                      </span>
                    </>
                  ) : (
                    <span className="muted">not run</span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {runFor && <RunStepFlow step={runFor} sessionId={session.id} production={session.environment === 'production'} onClose={() => setRunFor(null)} />}
    </section>
  );
}
