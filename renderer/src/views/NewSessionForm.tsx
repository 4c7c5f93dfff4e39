import { useState, type FormEvent } from 'react';
import type { Environment } from '../../../shared/log/sessionEvents';
import { RunbookPicker, type RunbookPreview } from '../features/runbook/RunbookPicker';
import { formatUtc, fromUtcInputValue, toUtcInputValue } from '../format';
import { navigate } from '../router';
import { useAppStore } from '../store/appStore';

function nextFullHour(): string {
  const d = new Date();
  d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
  return d.toISOString();
}

export function NewSessionForm({ onDone }: { onDone: () => void }) {
  const createSession = useAppStore((s) => s.createSession);
  const clearPreview = useAppStore((s) => s.clearRunbookPreview);
  const [preview, setPreview] = useState<RunbookPreview | null>(null);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<Environment>('staging');
  const [t0, setT0] = useState(() => toUtcInputValue(nextFullHour()));
  const [actorName, setActorName] = useState('');
  const [actorRole, setActorRole] = useState('Incident Commander');
  const [busy, setBusy] = useState(false);
  const [openedAt] = useState(() => Date.now());
  const t0Iso = fromUtcInputValue(t0);
  const t0InPast = t0Iso !== null && Date.parse(t0Iso) < openedAt;

  function onPreview(next: RunbookPreview | null) {
    // A correction re-imports the same file: what the person already typed stays.
    const sameFile = preview !== null && next !== null && preview.source.content === next.source.content;
    setPreview(next);
    if (!next || sameFile) return;
    // Prefill from the runbook; the person can still change every field.
    if (!name) setName(next.runbook.title);
    if (next.runbook.t0) setT0(toUtcInputValue(next.runbook.t0));
    if (next.runbook.environment) setEnvironment(next.runbook.environment);
  }

  function close() {
    clearPreview();
    onDone();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!t0Iso || !preview) return;
    setBusy(true);
    const session = await createSession({
      name,
      environment,
      t0: t0Iso,
      actor: { name: actorName, role: actorRole.trim() || null },
      runbook: preview.source,
    });
    setBusy(false);
    if (session) {
      close();
      navigate({ name: 'session', sessionId: session.id, mode: 'work' });
    }
  }

  return (
    <form className="panel new-session" onSubmit={submit} aria-labelledby="new-session-title">
      <h2 id="new-session-title">New session</h2>
      <RunbookPicker onPreview={onPreview} />
      <label>
        Session name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="v2.0 go-live" />
      </label>
      <fieldset className="env-choice">
        <legend>Environment</legend>
        {(['staging', 'production'] as const).map((env) => (
          <label key={env} className={`env-option env-option-${env}`}>
            <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
            {env === 'production' ? 'Production' : 'Staging (rehearsal)'}
          </label>
        ))}
      </fieldset>
      <label>
        T0 (UTC)
        <input type="datetime-local" value={t0} onChange={(e) => setT0(e.target.value)} required aria-describedby="t0-help" />
      </label>
      <p id="t0-help" className="help">
        The moment deployment begins (T+0). Every time in the runbook is planned relative to it.
        {t0Iso && <> Planned: {formatUtc(t0Iso)}.</>}
      </p>
      {t0InPast && (
        <p className="warn-text" role="status">
          This T0 is in the past — fine for reviewing a past launch, not for planning a new one.
        </p>
      )}
      <div className="row">
        <label>
          Your name
          <input value={actorName} onChange={(e) => setActorName(e.target.value)} required maxLength={120} autoComplete="name" />
        </label>
        <label>
          Your role
          <input value={actorRole} onChange={(e) => setActorRole(e.target.value)} maxLength={120} />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !t0Iso || !preview}>
          {busy ? 'Creating…' : 'Create session'}
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
