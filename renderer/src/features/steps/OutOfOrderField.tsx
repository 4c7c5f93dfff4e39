// Shown in the run form when the step waits for something not done yet (shared/plan): what it
// waits for, and a reason that must be given before it can run — the reason is logged with the run.
import { useId } from 'react';
import type { WaitingFor } from '../../../../shared/session/planInputs';

const WHY = { step: 'not succeeded yet', gate: 'no GO yet', milestone: 'not reached' } as const;

export function OutOfOrderField({ waiting, reason, onChange }: { waiting: readonly WaitingFor[]; reason: string; onChange: (reason: string) => void }) {
  const id = useId();
  if (waiting.length === 0) return null;
  return (
    <fieldset className="out-of-order">
      <legend>Out of order</legend>
      <p id={`${id}-what`} className="warn-text">
        This step waits for:
      </p>
      <ul aria-labelledby={`${id}-what`}>
        {waiting.map((w) => (
          <li key={w.id}>
            <strong>{w.title}</strong> <span className="muted">({w.kind}, {WHY[w.kind]})</span>
          </li>
        ))}
      </ul>
      <label>
        Reason to run it now (logged with the run)
        <textarea value={reason} onChange={(e) => onChange(e.target.value)} rows={2} maxLength={2000} required aria-invalid={reason.trim() === ''} />
      </label>
    </fieldset>
  );
}
