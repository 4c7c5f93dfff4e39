// A host whose outcome is unknown (the connection was lost while the command ran) is neither
// failed nor done: say so, offer to check the host (reconnect and look for the run's processes),
// and let the step run there again only after an explicit acknowledgement, which is logged.
import { useState, type FormEvent } from 'react';
import { describeActor } from '../../../../shared/log/actor';
import type { StepRunState } from '../../../../shared/session/stepRunsState';
import { Dialog } from '../../components/Dialog';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';

interface UnknownOutcomeProps {
  run: StepRunState;
  sessionId: string;
  /** Hosts of the run whose outcome is unknown. */
  targets: string[];
  readOnly: boolean;
  onRerun: (targets: string[]) => void;
}

function checkText(check: NonNullable<StepRunState['hosts'][string]['check']>): string {
  const what = !check.reachable ? 'unreachable' : check.stillRunning === null ? 'could not tell' : check.stillRunning ? 'still running' : 'no longer running';
  return `${what} — ${check.detail} (checked ${formatUtc(check.at).slice(11, 19)} UTC by ${describeActor(check.actor)})`;
}

export function UnknownOutcome({ run, sessionId, targets, readOnly, onRerun }: UnknownOutcomeProps) {
  const checkRunHost = useAppStore((s) => s.checkRunHost);
  const [checking, setChecking] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState(false);
  const names = targets.join(', ');

  async function check(target: string) {
    setChecking(target);
    await checkRunHost(run.runId, target);
    setChecking(null);
  }

  return (
    <div className="unknown-outcome" role="status" aria-label="Outcome unknown">
      <p>
        <strong>Outcome unknown on {names}.</strong> The connection was lost while the command ran: it may have finished, failed, or may still be
        running there. It is not counted as failed.
      </p>
      <ul className="unknown-hosts">
        {targets.map((target) => {
          const host = run.hosts[target]!;
          return (
            <li key={target}>
              <span className="mono">{target}</span>
              {host.processGroup !== null && <span className="muted"> · process group {host.processGroup}</span>}
              {host.check && <div className="unknown-check" data-testid={`check-${target}`}>{checkText(host.check)}</div>}
              {!readOnly && (
                <button type="button" onClick={() => void check(target)} disabled={checking !== null}>
                  {checking === target ? `Checking ${target}…` : `Check ${target}`}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <button type="button" className="danger" onClick={() => setAcknowledging(true)}>
          Run again on {targets.length === 1 ? names : `${targets.length} hosts`}…
        </button>
      )}
      {acknowledging && (
        <AcknowledgeDialog
          run={run}
          sessionId={sessionId}
          targets={targets}
          onClose={() => setAcknowledging(false)}
          onConfirm={() => {
            setAcknowledging(false);
            onRerun(targets);
          }}
        />
      )}
    </div>
  );
}

function AcknowledgeDialog({ run, targets, onClose, onConfirm }: { run: StepRunState; sessionId: string; targets: string[]; onClose: () => void; onConfirm: () => void }) {
  const [understood, setUnderstood] = useState(false);
  const stillRunning = targets.filter((t) => run.hosts[t]?.check?.stillRunning);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (understood) onConfirm();
  }
  return (
    <Dialog title="Run again where the outcome is unknown?" open onClose={onClose} tone="danger">
      <p className="dialog-subject">{run.stepTitle}</p>
      <p>
        On <span className="mono">{targets.join(', ')}</span> the last run may already have done its work, or may still be running. Running it again
        may repeat it or run it twice at once.
      </p>
      {stillRunning.length > 0 && (
        <p className="warn-text">
          The last check found it <strong>still running</strong> on {stillRunning.join(', ')}.
        </p>
      )}
      <form onSubmit={submit}>
        <label className="inline">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} autoFocus />I understand the outcome on{' '}
          {targets.join(', ')} is unknown and want to run the step there again (this is logged)
        </label>
        <div className="actions">
          <button type="submit" className="danger" disabled={!understood}>
            Continue to the run form
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
