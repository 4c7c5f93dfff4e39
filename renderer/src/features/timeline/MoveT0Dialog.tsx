import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatUtc, fromUtcInputValue, toUtcInputValue } from '../../format';

interface MoveT0DialogProps {
  t0: string;
  reasonRequired: boolean;
  onMove: (t0: string, reason: string | null) => Promise<boolean>;
  onClose: () => void;
}

/** Moving T0 moves every planned time; once the launch is running it needs a reason, logged. */
export function MoveT0Dialog({ t0, reasonRequired, onMove, onClose }: MoveT0DialogProps) {
  const [value, setValue] = useState(toUtcInputValue(t0));
  const [reason, setReason] = useState('');
  const iso = fromUtcInputValue(value);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!iso || (reasonRequired && !reason.trim())) return;
    if (await onMove(iso, reason.trim() || null)) onClose();
  }
  return (
    <Dialog title="Move T0" open onClose={onClose}>
      <p>
        Currently <span className="mono">{formatUtc(t0)}</span>. Every planned time moves with T0; what already ran stays where it happened.
      </p>
      <form onSubmit={submit}>
        <label>
          New T0 (UTC)
          <input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} required autoFocus />
        </label>
        <label>
          Reason{reasonRequired ? ' (required: the launch is running)' : ' (optional)'}
          <input value={reason} onChange={(e) => setReason(e.target.value)} required={reasonRequired} maxLength={2000} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!iso}>
            Move T0
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
