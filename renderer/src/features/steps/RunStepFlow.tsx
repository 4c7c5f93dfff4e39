// Starting a step: the run form, then — in a production session — a deliberate confirmation where
// the person types the step's title exactly (the button stays disabled until it matches, and Enter
// does nothing before that). Staging runs start from the form. Either way the form said what
// will run where.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { waitingFor } from '../../../../shared/session/planInputs';
import type { Step } from '../../../../shared/runbook/model';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../store/appStore';
import { RunForm, type RunFormValues } from './RunForm';
import { defaultTargets, formatTimeout, LOCAL, parseTimeout, resolveTargets } from './stepTargets';

export interface RunStepFlowProps {
  step: Step;
  sessionId: string;
  production: boolean;
  /** Preset targets (a re-run of failed hosts); default: the runbook's. */
  targets?: string[];
  rerunOf?: string | null;
  /** Dialog title of a re-run (failed, skipped or unknown-outcome hosts). */
  title?: string;
  /** Hosts whose earlier outcome is unknown and that the person acknowledged running again (logged). */
  acknowledgedUnknown?: string[];
  onClose: () => void;
}

export function RunStepFlow({ step, sessionId, production, targets, rerunOf = null, title, acknowledgedUnknown, onClose }: RunStepFlowProps) {
  const inventory = useAppStore((s) => (s.inventory?.sessionId === sessionId ? s.inventory : null));
  const secrets = useAppStore((s) => (s.secrets?.sessionId === sessionId ? s.secrets.list : null));
  const loadInventory = useAppStore((s) => s.loadInventory);
  const loadSecrets = useAppStore((s) => s.loadSecrets);
  const runStep = useAppStore((s) => s.runStep);
  const current = useAppStore((s) => (s.current?.session.id === sessionId ? s.current : null));
  const now = useAppStore((s) => s.now);
  // What the step waits for, as the form opens (a re-run of failed hosts repeats a start already made).
  const waiting = useMemo(
    () => (current?.runbook && !rerunOf ? waitingFor(current.runbook, current.state, step.id, now()) : []),
    [current, rerunOf, step.id, now],
  );
  const [outOfOrderReason, setOutOfOrderReason] = useState('');
  const [stage, setStage] = useState<'form' | 'confirm'>('form');
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<RunFormValues>(() => ({
    targets: targets ?? defaultTargets(step.target),
    policy: 'all',
    batchSize: 1,
    concurrency: 10,
    timeout: formatTimeout(step.timeoutMs),
  }));

  useEffect(() => {
    void loadInventory(sessionId);
    void loadSecrets(sessionId);
  }, [sessionId, loadInventory, loadSecrets]);

  const hosts = inventory?.hosts ?? [];
  const resolved = resolveTargets(values.targets, hosts);

  async function start(confirmationText: string | null) {
    const timeout = parseTimeout(values.timeout);
    if (!timeout.ok) return;
    setBusy(true);
    const started = await runStep({
      stepId: step.id,
      targets: values.targets,
      policy: values.policy === 'rolling' ? { kind: 'rolling', batchSize: values.batchSize } : { kind: values.policy },
      concurrency: values.concurrency,
      timeoutMs: timeout.ms,
      confirmationText,
      rerunOf,
      outOfOrderReason: waiting.length > 0 ? outOfOrderReason.trim() : null,
      acknowledgedUnknown,
    });
    setBusy(false);
    if (started) onClose();
  }

  if (stage === 'confirm') {
    return <ConfirmRunDialog step={step} hosts={resolved.hosts} busy={busy} onConfirm={(text) => void start(text)} onBack={() => setStage('form')} onClose={onClose} />;
  }
  return (
    <Dialog title={rerunOf ? `${title ?? 'Re-run'}: ${step.title}` : `Run step: ${step.title}`} open onClose={onClose} tone={production ? 'danger' : 'normal'}>
      <RunForm
        step={step}
        values={values}
        onChange={setValues}
        hosts={hosts}
        groups={inventory?.groups ?? []}
        secrets={secrets}
        production={production}
        rerunOf={rerunOf}
        busy={busy}
        waiting={waiting}
        outOfOrderReason={outOfOrderReason}
        onOutOfOrderReason={setOutOfOrderReason}
        onSubmit={() => (production ? setStage('confirm') : void start(null))}
        onCancel={onClose}
      />
    </Dialog>
  );
}

interface ConfirmRunDialogProps {
  step: Step;
  hosts: string[];
  busy: boolean;
  onConfirm: (typed: string) => void;
  onBack: () => void;
  onClose: () => void;
}

export function ConfirmRunDialog({ step, hosts, busy, onConfirm, onBack, onClose }: ConfirmRunDialogProps) {
  const [typed, setTyped] = useState('');
  const matches = typed === step.title;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (matches && !busy) onConfirm(typed);
  }
  return (
    <Dialog title="Confirm production run" open onClose={onClose} tone="danger">
      <p className="confirm-lead">
        This runs <strong className="confirm-step">{step.title}</strong> in <strong className="env-inline">PRODUCTION</strong> on{' '}
        {hosts.length === 1 ? '1 host' : `${hosts.length} hosts`}:
      </p>
      <ul className="confirm-hosts mono" aria-label="Hosts it runs on">
        {hosts.map((host) => (
          <li key={host}>{host === LOCAL ? 'local workstation' : host}</li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label>
          <span>
            Type the step title to confirm: <strong className="mono confirm-expected">{step.title}</strong>
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" spellCheck={false} aria-describedby="confirm-match" />
        </label>
        <p id="confirm-match" className={matches ? 'ok-text' : 'muted'} aria-live="polite">
          {matches ? 'Title matches.' : typed ? 'Does not match yet.' : ''}
        </p>
        <div className="actions">
          <button type="submit" className="danger" disabled={!matches || busy}>
            {busy ? 'Starting…' : 'Run in production'}
          </button>
          <button type="button" onClick={onBack} disabled={busy}>
            Back
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
