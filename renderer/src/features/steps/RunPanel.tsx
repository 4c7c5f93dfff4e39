// One run of a step, live: who started it and how, each host's row, Cancel while it runs,
// "Re-run failed hosts" once it has finished, and the selected host's output.
import { useState, type FormEvent } from 'react';
import { describeActor } from '../../../../shared/log/actor';
import type { Step } from '../../../../shared/runbook/model';
import { fanOutText } from '../../../../shared/session/runPolicy';
import type { StepRunState } from '../../../../shared/session/stepRunsState';
import { plannedWindowAt } from '../../../../shared/timeline';
import { Dialog } from '../../components/Dialog';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import { HostRunsTable, StatusBadge } from './HostRunsTable';
import { OutputViewer } from './output/OutputViewer';
import { RunStepFlow } from './RunStepFlow';
import { hostCounts, rerunChoices } from './stepTargets';
import { UnknownOutcome } from './UnknownOutcome';

interface RunPanelProps {
  run: StepRunState;
  step: Step | undefined;
  t0Ms: number;
  sessionId: string;
  production: boolean;
  readOnly: boolean;
}

export function RunPanel({ run, step, t0Ms, sessionId, production, readOnly }: RunPanelProps) {
  // The host shown first: one that failed in a finished run, else the first. Chosen once, so the
  // viewer does not jump between hosts while the person reads.
  const [chosenHost, setChosenHost] = useState<string | null>(() => (run.status === 'running' ? null : (run.targets.find((t) => run.hosts[t]?.status !== 'succeeded') ?? null)));
  const [cancelling, setCancelling] = useState(false);
  const [rerunning, setRerunning] = useState<{ targets: string[]; title: string; acknowledgedUnknown?: string[] } | null>(null);
  const planned = step ? plannedWindowAt(step, t0Ms) : null;
  const selected = chosenHost && run.hosts[chosenHost] ? chosenHost : (run.targets[0] ?? null);
  const counts = hostCounts(run);
  const choices = rerunChoices(run);

  return (
    <section className="run-panel panel" aria-label={`Run of ${run.stepTitle} started ${formatUtc(run.startedAt)}`}>
      <header className="run-panel-head">
        <h3>
          Run <span className="mono muted">{formatUtc(run.startedAt)}</span>
        </h3>
        <StatusBadge status={run.status} />
        {run.cancelRequested && run.status === 'running' && <span className="warn-text">cancelling…</span>}
        <span className="run-counts muted">
          {counts.succeeded} succeeded · {counts.failed + counts['timed-out']} failed · {counts.running} running · {counts.pending} pending
          {counts.interrupted > 0 && <> · {counts.interrupted} outcome unknown</>}
          {counts.cancelled > 0 && <> · {counts.cancelled} cancelled</>}
          {counts.skipped > 0 && <> · {counts.skipped} skipped</>}
        </span>
        <div className="run-actions">
          {!readOnly && run.status === 'running' && (
            <button type="button" className="danger" onClick={() => setCancelling(true)} disabled={run.cancelRequested}>
              Cancel run
            </button>
          )}
          {!readOnly && step && choices.failed.length > 0 && (
            <button type="button" onClick={() => setRerunning({ targets: choices.failed, title: 'Re-run failed hosts' })}>
              Re-run failed hosts ({choices.failed.length})
            </button>
          )}
          {!readOnly && step && choices.skipped.length > 0 && (
            <button type="button" onClick={() => setRerunning({ targets: choices.skipped, title: 'Run skipped hosts' })}>
              Run skipped hosts ({choices.skipped.length})
            </button>
          )}
        </div>
      </header>
      <p className="run-facts muted">
        Started by {describeActor(run.startedBy)} · {fanOutText(run.policy, run.concurrency, run.targets.length)}
        {run.confirmation && <> · confirmed by typing “{run.confirmation.text}”</>}
        {run.rerunOf && <> · re-run of an earlier run's hosts</>}
        {run.acknowledgedUnknown.length > 0 && (
          <>
            {' '}
            · run again despite an unknown outcome on <span className="mono">{run.acknowledgedUnknown.join(', ')}</span> (acknowledged)
          </>
        )}
        {run.secretNames.length > 0 && (
          <>
            {' '}
            · secrets <span className="mono">{run.secretNames.join(', ')}</span>
          </>
        )}
        {run.endedAt && <> · ended {formatUtc(run.endedAt).slice(11)}</>}
      </p>
      {run.outOfOrder && (
        <p className="warn-text run-out-of-order">
          Run out of order, before {run.outOfOrder.waitingFor.map((w) => `“${w.title}”`).join(', ')}: {run.outOfOrder.reason}
        </p>
      )}
      {choices.unknown.length > 0 && (
        <UnknownOutcome
          run={run}
          sessionId={sessionId}
          targets={choices.unknown}
          readOnly={readOnly || !step}
          onRerun={(targets) => setRerunning({ targets, title: 'Run again on hosts with an unknown outcome', acknowledgedUnknown: targets })}
        />
      )}
      <HostRunsTable run={run} planned={planned} selected={selected} onSelect={setChosenHost} />
      {selected && (
        <div className="run-output">
          <h4>
            Output of <span className="mono">{selected === 'local' ? 'local workstation' : selected}</span>
          </h4>
          <OutputViewer sessionId={sessionId} runId={run.runId} target={selected} live={run.hosts[selected]?.status === 'running' || run.hosts[selected]?.status === 'pending'} />
        </div>
      )}
      {cancelling && <CancelRunDialog run={run} onClose={() => setCancelling(false)} />}
      {rerunning && step && (
        <RunStepFlow
          step={step}
          sessionId={sessionId}
          production={production}
          targets={rerunning.targets}
          rerunOf={run.runId}
          title={rerunning.title}
          acknowledgedUnknown={rerunning.acknowledgedUnknown}
          onClose={() => setRerunning(null)}
        />
      )}
    </section>
  );
}

function CancelRunDialog({ run, onClose }: { run: StepRunState; onClose: () => void }) {
  const cancelRun = useAppStore((s) => s.cancelRun);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const running = run.targets.filter((t) => run.hosts[t]?.status === 'running' || run.hosts[t]?.status === 'pending');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const ok = await cancelRun(run.runId, reason.trim() || null);
    setBusy(false);
    if (ok) onClose();
  }
  return (
    <Dialog title="Cancel this run?" open onClose={onClose} tone="danger">
      <p className="dialog-subject">{run.stepTitle}</p>
      <p>
        Stops it on {running.length === 1 ? '1 host' : `${running.length} hosts`} still running or waiting (<span className="mono">{running.join(', ')}</span>):
        SIGINT, then SIGTERM, then the connection is closed. Hosts that finished keep their result.
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Reason (optional)
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoFocus />
        </label>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            Cancel run
          </button>
          <button type="button" onClick={onClose}>
            Keep running
          </button>
        </div>
      </form>
    </Dialog>
  );
}
