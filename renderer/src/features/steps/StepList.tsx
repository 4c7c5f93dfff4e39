// Every step of the runbook, in runbook order under its section: planned window, targets, the
// secrets it needs, and the state of its latest run.
import { useEffect, useRef } from 'react';
import type { Runbook, Step } from '../../../../shared/runbook/model';
import type { StepRunsState } from '../../../../shared/session/stepRunsState';
import { useAppStore } from '../../store/appStore';
import { PlannedTime } from '../runbook/runbookCards';
import { StatusBadge } from './HostRunsTable';
import { describeTargets, hostCounts, runsOfStep } from './stepTargets';

interface StepListProps {
  runbook: Runbook;
  runs: StepRunsState;
  t0Ms: number;
  selectedId: string | null;
  /** Changes when someone asks to show a step: scroll it into view. */
  focusSeq: number;
  onSelect: (stepId: string) => void;
  /** Null when nothing may be run (read-only). */
  onRun: ((stepId: string) => void) | null;
}

export function StepList({ runbook, runs, t0Ms, selectedId, focusSeq, onSelect, onRun }: StepListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const secrets = useAppStore((s) => s.secrets?.list ?? null);
  const sectionTitles = new Map(runbook.sections.map((s) => [s.id, s.title]));
  const groupOf = stepGroups(runbook);

  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector(`[data-step-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
    // Only on an explicit request (a click in the run view, the strip, a new run), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq]);

  return (
    <nav className="step-list-nav" aria-label="Runbook steps">
      <ul className="step-list" ref={listRef} aria-label="Steps">
        {runbook.steps.map((step, i) => {
          const group = groupOf(step);
          const heading = i === 0 || groupOf(runbook.steps[i - 1]!) !== group ? sectionTitles.get(group ?? '') : null;
          const stepRuns = runsOfStep(runs.runs, runs.order, step.id);
          const latest = stepRuns[stepRuns.length - 1];
          const counts = latest ? hostCounts(latest) : null;
          const missing = step.secrets.filter((name) => secrets !== null && !secrets.find((s) => s.name === name)?.source);
          return [
            heading ? (
              <li key={`h-${step.id}`} className="step-list-section" aria-hidden="true">
                {heading}
              </li>
            ) : null,
            <li key={step.id} data-step-id={step.id} className={`step-item${step.id === selectedId ? ' is-selected' : ''}${step.rollback ? ' is-rollback' : ''}`}>
              <div className="step-item-head">
                <button type="button" className="step-select" aria-current={step.id === selectedId ? 'true' : undefined} onClick={() => onSelect(step.id)}>
                  {step.title}
                </button>
                {onRun && (
                  <button type="button" className="step-run" onClick={() => onRun(step.id)}>
                    Run
                  </button>
                )}
              </div>
              <div className="step-item-meta">
                <PlannedTime start={step.window.startOffsetMs} end={step.window.endOffsetMs} t0Ms={t0Ms} />
                {step.rollback && <span className="tag tag-rollback">rollback</span>}
              </div>
              <div className="step-item-meta muted">
                {describeTargets(step.target)}
                {step.secrets.length > 0 && (
                  <>
                    {' · needs '}
                    {step.secrets.map((name, j) => (
                      <span key={name} className={`mono${missing.includes(name) ? ' warn-text' : ''}`}>
                        {j > 0 && ', '}
                        {name}
                        {missing.includes(name) && ' (missing)'}
                      </span>
                    ))}
                  </>
                )}
              </div>
              {latest && counts && (
                <div className="step-item-meta">
                  <StatusBadge status={latest.status} />{' '}
                  <span className="muted">
                    {counts.succeeded}/{latest.targets.length} hosts succeeded
                  </span>
                </div>
              )}
            </li>,
          ];
        })}
      </ul>
    </nav>
  );
}

/**
 * The section a step is listed under: a heading that holds only this step's block (`#### Step 2:
 * Deploy New Code (10 min)`) is the step itself, so its parent (the phase) is the group.
 */
function stepGroups(runbook: Runbook): (step: Step) => string | null {
  const parents = new Map(runbook.sections.map((s) => [s.id, s.parentId]));
  const withChildren = new Set(runbook.sections.flatMap((s) => (s.parentId ? [s.parentId] : [])));
  const stepsIn = new Map<string, number>();
  for (const step of runbook.steps) stepsIn.set(step.sectionId, (stepsIn.get(step.sectionId) ?? 0) + 1);
  return (step) =>
    stepsIn.get(step.sectionId) === 1 && !withChildren.has(step.sectionId) ? (parents.get(step.sectionId) ?? null) : step.sectionId;
}
