// Every timed step: planned window, actual start and end, late or early in minutes, state.
import type { StepProgress, TimelineState } from '../../../../shared/timeline';
import { wallTimeIn } from '../../../../shared/timeline';

const utc = (ms: number | null) => (ms === null ? '—' : wallTimeIn(ms, { kind: 'utc' }).timeShort);

export function lateness(step: StepProgress): string {
  if (step.startDeltaMs === null) {
    if (step.timing === 'missed') return 'missed';
    return step.startOverdue ? 'start overdue' : '';
  }
  const minutes = step.startDeltaMinutes ?? 0;
  const base =
    step.timing === 'on-time' ? 'on time' : minutes === 0 ? (step.startDeltaMs > 0 ? 'late < 1 min' : 'early < 1 min') : minutes > 0 ? `${minutes} min late` : `${-minutes} min early`;
  // Judged against the plan in force when it ran; say so once T0 has moved since.
  return step.planMovedSinceRun && step.judgedPlan ? `${base} (plan then: ${utc(step.judgedPlan.startAtMs)})` : base;
}

export function PlanVsActual({ timeline, onSelectStep }: { timeline: TimelineState; onSelectStep?: (stepId: string) => void }) {
  const rows = timeline.steps.filter((step) => !step.rollback || step.run);
  return (
    <table className="plan-actual" aria-label="Plan vs actual">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Planned (UTC)</th>
          <th scope="col">Started</th>
          <th scope="col">Ended</th>
          <th scope="col">Timing</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((step) => (
          <tr key={step.stepId} className={`timing-${step.timing}${step.overrunning ? ' is-overrunning' : ''}`}>
            <th scope="row">
              {onSelectStep ? (
                <button type="button" className="link-button" onClick={() => onSelectStep(step.stepId)}>
                  {step.title}
                </button>
              ) : (
                step.title
              )}
            </th>
            <td className="mono">
              {!step.planned ? (
                <span className="warn-text">no window</span>
              ) : step.planned.endAtMs === step.planned.startAtMs ? (
                `${utc(step.planned.startAtMs)}`
              ) : (
                `${utc(step.planned.startAtMs)}–${utc(step.planned.endAtMs)}`
              )}
            </td>
            <td className="mono">{utc(step.actualStartAtMs)}</td>
            <td className="mono">{utc(step.actualEndAtMs)}</td>
            <td data-testid={`timing-${step.stepId}`}>{lateness(step)}</td>
            <td>
              {step.run ? step.run.status : 'not started'}
              {step.overrunning && step.overrunMinutes !== null && <span className="warn-text"> — {step.overrunMinutes} min over</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
