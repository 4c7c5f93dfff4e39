// What to run where, before anything runs: targets (the runbook's by default; any host, group,
// several, or the local workstation), fan-out policy, concurrency and timeout — and, spelled out,
// the hosts this reaches.
import { useId, useMemo, type FormEvent } from 'react';
import type { Step } from '../../../../shared/runbook/model';
import type { InventoryHost, SecretStatus } from '../../store/stepsSlice';
import { useAppStore } from '../../store/appStore';
import { CodeBlock } from '../runbook/CodeBlock';
import type { WaitingFor } from '../../../../shared/session/planInputs';
import { OutOfOrderField } from './OutOfOrderField';
import { LOCAL, parseTimeout, resolveTargets } from './stepTargets';

export interface RunFormValues {
  targets: string[];
  policy: 'all' | 'rolling' | 'stop-on-first-failure';
  batchSize: number;
  concurrency: number;
  timeout: string;
}

interface RunFormProps {
  step: Step;
  values: RunFormValues;
  onChange: (values: RunFormValues) => void;
  hosts: InventoryHost[];
  groups: string[];
  secrets: SecretStatus[] | null;
  production: boolean;
  /** Set for a re-run of failed hosts: names the run it repeats. */
  rerunOf: string | null;
  /** The start is on its way: no second click. */
  busy: boolean;
  /** What the step waits for that is not done; a reason is then required. */
  waiting?: readonly WaitingFor[];
  outOfOrderReason?: string;
  onOutOfOrderReason?: (reason: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

export function RunForm(props: RunFormProps) {
  const { step, values, onChange, hosts, groups, secrets, production, rerunOf, busy, onSubmit, onCancel } = props;
  const { waiting = [], outOfOrderReason = '', onOutOfOrderReason = () => undefined } = props;
  const presentation = useAppStore((s) => s.presentation);
  const id = useId();
  const resolved = useMemo(() => resolveTargets(values.targets, hosts), [values.targets, hosts]);
  const timeout = parseTimeout(values.timeout);
  const missingSecrets = step.secrets.filter((name) => secrets !== null && !secrets.find((s) => s.name === name)?.source);
  // Names chosen that the inventory does not list (a ~/.ssh/config alias from the runbook) stay choosable.
  const extraNames = values.targets.filter((name) => name !== LOCAL && !groups.includes(name) && !hosts.some((h) => h.name === name));
  const canRun = resolved.hosts.length > 0 && missingSecrets.length === 0 && timeout.ok && values.concurrency >= 1 && (values.policy !== 'rolling' || values.batchSize >= 1) &&
    (waiting.length === 0 || outOfOrderReason.trim() !== '');

  const toggle = (name: string, on: boolean) =>
    onChange({ ...values, targets: on ? [...values.targets.filter((t) => t !== name), name] : values.targets.filter((t) => t !== name) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canRun && !busy) onSubmit();
  }

  return (
    <form onSubmit={submit} className="run-form">
      <p className="dialog-subject">
        {step.title}
        {rerunOf && <span className="muted"> — re-run of the hosts that did not succeed</span>}
      </p>
      <fieldset>
        <legend>Targets</legend>
        <div className="target-choices">
          <TargetBox name={LOCAL} label="local workstation" detail="this computer" checked={values.targets.includes(LOCAL)} onToggle={toggle} />
          {groups.map((group) => (
            <TargetBox
              key={`g-${group}`}
              name={group}
              label={group}
              detail={`group · ${hosts.filter((h) => h.groups.includes(group)).map((h) => h.name).join(', ')}`}
              checked={values.targets.includes(group)}
              onToggle={toggle}
            />
          ))}
          {hosts.map((host) => (
            <TargetBox
              key={`h-${host.name}`}
              name={host.name}
              label={host.name}
              detail={`host${host.address ? ` · ${host.address}` : ''}`}
              checked={values.targets.includes(host.name)}
              onToggle={toggle}
            />
          ))}
          {extraNames.map((name) => (
            <TargetBox key={`x-${name}`} name={name} label={name} detail="not in the inventory (~/.ssh/config alias?)" checked onToggle={toggle} />
          ))}
        </div>
      </fieldset>
      <div className="run-where" role="status" aria-label="What will run where">
        {resolved.hosts.length === 0 ? (
          <span className="warn-text">Choose at least one target.</span>
        ) : (
          <>
            Runs on <strong>{resolved.hosts.length === 1 ? '1 host' : `${resolved.hosts.length} hosts`}</strong>:{' '}
            <span className="mono">{resolved.hosts.map((h) => (h === LOCAL ? 'local workstation' : h)).join(', ')}</span>
            {production && <span className="env-inline"> in PRODUCTION</span>}
          </>
        )}
      </div>
      <fieldset>
        <legend>Policy</legend>
        <div className="policy-choices">
          {(
            [
              ['all', 'All at once'],
              ['rolling', 'Rolling'],
              ['stop-on-first-failure', 'Stop on first failure'],
            ] as const
          ).map(([policy, label]) => (
            <label key={policy} className="inline">
              <input type="radio" name={`${id}-policy`} checked={values.policy === policy} onChange={() => onChange({ ...values, policy })} />
              {label}
            </label>
          ))}
        </div>
        {values.policy === 'rolling' && (
          <label className="inline-field">
            Hosts per batch
            <input type="number" min={1} max={500} value={values.batchSize} onChange={(e) => onChange({ ...values, batchSize: Number(e.target.value) })} />
          </label>
        )}
      </fieldset>
      <div className="row">
        <label>
          Concurrency (hosts at a time)
          <input type="number" min={1} max={500} value={values.concurrency} onChange={(e) => onChange({ ...values, concurrency: Number(e.target.value) })} />
        </label>
        <label>
          Timeout
          <input value={values.timeout} onChange={(e) => onChange({ ...values, timeout: e.target.value })} placeholder="none — e.g. 90s, 10m, 1h30m" aria-invalid={!timeout.ok} />
          {!timeout.ok && <span className="error-text">{timeout.message}</span>}
        </label>
      </div>
      {missingSecrets.length > 0 && (
        <p className="warn-text" role="note">
          {missingSecrets.join(', ')} {missingSecrets.length === 1 ? 'has' : 'have'} no value in this session: set {missingSecrets.length === 1 ? 'it' : 'them'} under Steps → Secrets first.
        </p>
      )}
      <OutOfOrderField waiting={waiting} reason={outOfOrderReason} onChange={onOutOfOrderReason} />
      <details className="run-script">
        <summary>Script ({step.script.split('\n').length} lines)</summary>
        {presentation ? <p className="presentation-hidden">Script hidden for screen sharing.</p> : <CodeBlock code={step.script} label={`Script of ${step.title}`} />}
      </details>
      <div className="actions">
        <button type="submit" className={production ? 'danger' : 'primary'} disabled={!canRun || busy}>
          {production ? 'Continue to confirmation' : `Run on ${resolved.hosts.length === 1 ? '1 host' : `${resolved.hosts.length} hosts`}`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TargetBox({ name, label, detail, checked, onToggle }: { name: string; label: string; detail: string; checked: boolean; onToggle: (name: string, on: boolean) => void }) {
  return (
    <label className="target-choice">
      <input type="checkbox" checked={checked} onChange={(e) => onToggle(name, e.target.checked)} />
      <span className="mono">{label}</span>
      <span className="muted">{detail}</span>
    </label>
  );
}
