// The Steps tab: every step of the runbook with its Run button and live runs, the session's
// hosts with the pre-flight, and the secrets — three views of one tab.
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { SessionSummary } from '../../../../shared/api/sessions';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { useAppStore } from '../../store/appStore';
import type { StepsView } from '../../store/stepsSlice';
import { InventoryPanel } from './InventoryPanel';
import { SecretsPanel } from './SecretsPanel';
import { RunStepFlow } from './RunStepFlow';
import { StepDetail } from './StepDetail';
import { StepList } from './StepList';
import './steps.css';

const VIEWS: Array<{ id: StepsView; label: string }> = [
  { id: 'steps', label: 'Steps and runs' },
  { id: 'hosts', label: 'Hosts' },
  { id: 'secrets', label: 'Secrets' },
];

interface StepsTabProps {
  runbook: Runbook;
  session: SessionSummary;
  state: SessionState;
  readOnly: boolean;
}

export function StepsTab({ runbook, session, state, readOnly }: StepsTabProps) {
  const view = useAppStore((s) => s.stepsView);
  const setView = useAppStore((s) => s.setStepsView);
  const focus = useAppStore((s) => s.stepFocus);
  const focusStep = useAppStore((s) => s.focusStep);
  const loadSecrets = useAppStore((s) => s.loadSecrets);
  const [runFor, setRunFor] = useState<string | null>(null);
  const runs = state.steps;
  const t0Ms = Date.parse(session.t0);
  const production = session.environment === 'production';

  // Which secrets have a value (for the badge and each step's list), again whenever the log says one was given or forgotten.
  useEffect(() => {
    void loadSecrets(session.id);
  }, [session.id, loadSecrets, runs.secretsProvided]);

  // Until one is chosen: the step running now, else the last one run, else the first.
  const lastRun = runs.order.length ? runs.runs[runs.order[runs.order.length - 1]!] : undefined;
  const running = [...runs.order].reverse().map((id) => runs.runs[id]!).find((run) => run.status === 'running');
  const stepId = [focus.stepId, running?.stepId, lastRun?.stepId, runbook.steps[0]?.id].find((id) => id && runbook.steps.some((s) => s.id === id)) ?? null;
  const step = runbook.steps.find((s) => s.id === stepId);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = VIEWS.findIndex((v) => v.id === view);
    const next = VIEWS[(index + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length]!;
    setView(next.id);
    document.getElementById(`steps-view-${next.id}`)?.focus();
  }

  return (
    <div className="steps-tab">
      <div className="steps-views" role="tablist" aria-label="Steps views" onKeyDown={onKeyDown}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            id={`steps-view-${v.id}`}
            type="button"
            role="tab"
            aria-selected={view === v.id}
            aria-controls={`steps-panel-${v.id}`}
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
          >
            {v.label}
            {v.id === 'secrets' && <SecretsBadge runbook={runbook} sessionId={session.id} />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`steps-panel-${view}`} aria-labelledby={`steps-view-${view}`}>
        {view === 'steps' &&
          (runbook.steps.length === 0 ? (
            <p className="empty">This runbook has no steps (fenced shell blocks under a heading).</p>
          ) : (
            <div className="steps-layout">
              <StepList
                runbook={runbook}
                runs={runs}
                t0Ms={t0Ms}
                selectedId={stepId}
                focusSeq={focus.focusSeq}
                onSelect={(id) => focusStep(id)}
                onRun={readOnly ? null : setRunFor}
              />
              {step && (
                <StepDetail
                  key={step.id}
                  step={step}
                  runs={runs}
                  t0Ms={t0Ms}
                  t0History={state.header.t0History}
                  sessionId={session.id}
                  production={production}
                  readOnly={readOnly}
                  focusRunId={focus.stepId === step.id ? focus.runId : null}
                  onRun={readOnly ? null : () => setRunFor(step.id)}
                />
              )}
            </div>
          ))}
        {view === 'hosts' && <InventoryPanel sessionId={session.id} readOnly={readOnly} />}
        {view === 'secrets' && <SecretsPanel runbook={runbook} sessionId={session.id} readOnly={readOnly} />}
      </div>
      {runFor && runbook.steps.some((s) => s.id === runFor) && (
        <RunStepFlow step={runbook.steps.find((s) => s.id === runFor)!} sessionId={session.id} production={production} onClose={() => setRunFor(null)} />
      )}
    </div>
  );
}

/** How many of the runbook's secrets have no value yet (from the last status read). */
function SecretsBadge({ runbook, sessionId }: { runbook: Runbook; sessionId: string }) {
  const secrets = useAppStore((s) => (s.secrets?.sessionId === sessionId ? s.secrets.list : null));
  if (!secrets) return null;
  const missing = runbook.secrets.filter((name) => !secrets.find((s) => s.name === name)?.source).length;
  return missing ? <span className="tab-count warn"> ({missing} missing)</span> : null;
}
