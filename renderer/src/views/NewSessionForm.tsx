import { useState, type FormEvent } from 'react';
import type { Environment } from '../../../shared/log/sessionEvents';
import { fromUtcInputValue, toUtcInputValue } from '../format';
import { navigate } from '../router';
import { useAppStore } from '../store/appStore';

function nextFullHour(): string {
  const d = new Date();
  d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
  return d.toISOString();
}

export function NewSessionForm({ onDone }: { onDone: () => void }) {
  const createSession = useAppStore((s) => s.createSession);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<Environment>('staging');
  const [t0, setT0] = useState(() => toUtcInputValue(nextFullHour()));
  const [actorName, setActorName] = useState('');
  const [actorRole, setActorRole] = useState('Incident Commander');
  const [busy, setBusy] = useState(false);
  const t0Iso = fromUtcInputValue(t0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!t0Iso) return;
    setBusy(true);
    const session = await createSession({
      name,
      environment,
      t0: t0Iso,
      actor: { name: actorName, role: actorRole.trim() || null },
    });
    setBusy(false);
    if (session) {
      onDone();
      navigate({ name: 'session', sessionId: session.id });
    }
  }

  return (
    <form className="panel new-session" onSubmit={submit} aria-labelledby="new-session-title">
      <h2 id="new-session-title">New session</h2>
      <label>
        Session name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="v2.0 go-live" autoFocus />
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
      </p>
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
        <button type="submit" className="primary" disabled={busy || !t0Iso}>
          {busy ? 'Creating…' : 'Create session'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
