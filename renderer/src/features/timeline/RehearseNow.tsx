// "Rehearse now": one action makes a staging session with this session's frozen runbook and
// T0 = now + N minutes, and opens it.
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { navigate } from '../../router';
import { useAppStore } from '../../store/appStore';

export function RehearseNow({ sessionId }: { sessionId: string }) {
  const rehearseNow = useAppStore((s) => s.rehearseNow);
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(10);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const created = await rehearseNow(sessionId, minutes);
    setBusy(false);
    if (created) {
      setOpen(false);
      navigate({ name: 'session', sessionId: created.id, mode: 'work' });
    }
  }
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Rehearse now…
      </button>
      {open && (
        <Dialog title="Rehearse now" open onClose={() => setOpen(false)}>
          <form onSubmit={submit}>
            <p>A new staging session with this runbook, T0 a few minutes from now.</p>
            <label>
              T0 in (minutes from now)
              <input type="number" min={0} max={1440} value={minutes} onChange={(e) => setMinutes(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
            </label>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Creating…' : 'Start rehearsal'}
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
