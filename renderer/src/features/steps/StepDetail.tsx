// One step: what it is (window, targets, timeout, secrets, script) and its runs, newest first,
// with the chosen run live below.
import type { SessionHeader } from '../../../../shared/session/sessionHeader';
import { t0InForceAt } from '../../../../shared/session/timelineInputs';
import type { Step } from '../../../../shared/runbook/model';
import type { StepRunsState } from '../../../../shared/session/stepRunsState';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import { CodeBlock } from '../runbook/CodeBlock';
import { PlannedTime } from '../runbook/runbookCards';
import { StatusBadge } from './HostRunsTable';
import { RunPanel } from './RunPanel';
import { describeTargets, formatTimeout, runsOfStep } from './stepTargets';

interface StepDetailProps {
  step: Step;
  runs: StepRunsState;
  t0Ms: number;
  /** Every T0 of the session: a run's hosts are judged against the plan in force when it started. */
  t0History: SessionHeader['t0History'];
  sessionId: string;
  production: boolean;
  readOnly: boolean;
  /** A run asked for from elsewhere (just started, or picked in the run view). */
  focusRunId: string | null;
  onRun: (() => void) | null;
}

export function StepDetail({ step, runs, t0Ms, t0History, sessionId, production, readOnly, focusRunId, onRun }: StepDetailProps) {
  const presentation = useAppStore((s) => s.presentation);
  const secrets = useAppStore((s) => (s.secrets?.sessionId === sessionId ? s.secrets.list : null));
  const stepRuns = runsOfStep(runs.runs, runs.order, step.id).reverse();
  const focusStep = useAppStore((s) => s.focusStep);
  const runId = (focusRunId && stepRuns.some((r) => r.runId === focusRunId) ? focusRunId : stepRuns[0]?.runId) ?? null;
  const run = runId ? runs.runs[runId] : undefined;
  const ansible = step.shell === 'ansible';

  return (
    <section className="step-detail" aria-label={`Step: ${step.title}`}>
      <header className="step-detail-head">
        <h2>{step.title}</h2>
        {step.rollback && <span className="tag tag-rollback">rollback</span>}
        {step.confirm && <span className="tag tag-danger">flagged dangerous</span>}
        {ansible && <span className="tag">Ansible playbook</span>}
        {onRun && (
          <button type="button" className={production ? 'danger' : 'primary'} onClick={onRun}>
            Run step…
          </button>
        )}
      </header>
      <dl className="facts step-facts">
        <dt>Planned</dt>
        <dd>
          <PlannedTime start={step.window.startOffsetMs} end={step.window.endOffsetMs} t0Ms={t0Ms} />
          {step.plannedDurationMs !== null && <span className="muted"> · {Math.round(step.plannedDurationMs / 60_000)} min</span>}
        </dd>
        <dt>Targets</dt>
        <dd>{describeTargets(step.target)}</dd>
        {ansible && (
          <>
            <dt>Runs with</dt>
            <dd>ansible-playbook on this workstation: host keys checked against T-Minus's known hosts, results per task and host</dd>
          </>
        )}
        <dt>Timeout</dt>
        <dd className="mono">{step.timeoutMs ? formatTimeout(step.timeoutMs) : <span className="muted">none</span>}</dd>
        <dt>Secrets</dt>
        <dd>
          {step.secrets.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            step.secrets.map((name, i) => {
              const source = secrets?.find((s) => s.name === name)?.source;
              return (
                <span key={name}>
                  {i > 0 && ', '}
                  <span className="mono">{name}</span>{' '}
                  {secrets && (source ? <span className="ok-text">({source})</span> : <span className="warn-text">(missing)</span>)}
                </span>
              );
            })
          )}
        </dd>
      </dl>
      <details className="step-script">
        <summary>Script ({step.shell}, {step.script.split('\n').length} lines)</summary>
        {presentation ? <p className="presentation-hidden">Script hidden for screen sharing.</p> : <CodeBlock code={step.script} label={`Script of ${step.title}`} language={ansible ? 'yaml' : 'bash'} />}
      </details>
      {stepRuns.length === 0 ? (
        <p className="empty">Not run yet in this session.</p>
      ) : (
        <>
          {stepRuns.length > 1 && (
            <div className="run-picker" role="group" aria-label="Runs of this step">
              {stepRuns.map((r) => (
                <button key={r.runId} type="button" aria-pressed={r.runId === runId} onClick={() => focusStep(step.id, r.runId)}>
                  <span className="mono">{formatUtc(r.startedAt).slice(11, 19)}</span> <StatusBadge status={r.status} />
                  {r.rerunOf && <span className="muted"> re-run</span>}
                </button>
              ))}
            </div>
          )}
          {run && <RunPanel key={run.runId} run={run} step={step} t0Ms={t0InForceAt(t0History.map((h) => ({ sinceMs: Date.parse(h.since), t0Ms: Date.parse(h.t0) })), Date.parse(run.startedAt), t0Ms)} sessionId={sessionId} production={production} readOnly={readOnly} />}
        </>
      )}
    </section>
  );
}
