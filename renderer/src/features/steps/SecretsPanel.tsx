// The runbook's secret names and where each value comes from (this session, an environment
// variable, the OS keychain — or nowhere yet). A value is typed into a password field, sent once,
// and never shown or kept here; the console logs only the name.
import { useEffect, useState, type FormEvent } from 'react';
import { MIN_SECRET_LENGTH } from '../../../../shared/redact';
import type { Runbook } from '../../../../shared/runbook/model';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../store/appStore';
import type { SecretStatus } from '../../store/stepsSlice';

const SOURCE_TEXT: Record<NonNullable<SecretStatus['source']>, string> = {
  session: 'set in this session (memory)',
  environment: 'environment variable',
  keychain: 'remembered in the OS keychain',
};

export function SecretsPanel({ runbook, sessionId, readOnly }: { runbook: Runbook; sessionId: string; readOnly: boolean }) {
  const secrets = useAppStore((s) => (s.secrets?.sessionId === sessionId ? s.secrets.list : null));
  const loadSecrets = useAppStore((s) => s.loadSecrets);
  const forgetSecret = useAppStore((s) => s.forgetSecret);
  // The log says when a secret was given or forgotten (by anyone): read the sources again then.
  const provided = useAppStore((s) => s.current?.state.steps.secretsProvided);
  const [setting, setSetting] = useState<string | null>(null);
  const storage = useAppStore((s) => s.secretStorage);
  const loadSecretStorage = useAppStore((s) => s.loadSecretStorage);

  useEffect(() => {
    void loadSecrets(sessionId);
  }, [sessionId, loadSecrets, provided]);
  useEffect(() => {
    void loadSecretStorage();
  }, [loadSecretStorage]);

  const names = [...new Set([...runbook.secrets, ...(secrets ?? []).map((s) => s.name)])].sort();
  const usedBy = (name: string) => runbook.steps.filter((step) => step.secrets.includes(name)).map((step) => step.title);

  return (
    <section className="panel secrets-panel" aria-label="Secrets">
      <h2>Secrets</h2>
      <p className="help">
        Values reach the scripts through their standard input, never a command line or a file, and are replaced by{' '}
        <span className="mono">[REDACTED:NAME]</span> in all output. An environment variable <span className="mono">TMINUS_SECRET_NAME</span> also provides one.
      </p>
      {storage && !storage.canRemember && (
        <p className="secrets-memory-only" role="note">
          <strong>Secrets live in memory only:</strong> after T-Minus restarts they must be set again — set them before the launch, and again after any
          restart. Remembering them on this computer needs the OS keychain: {storage.reason ?? 'none is available'}.
        </p>
      )}
      {storage?.canRemember && (
        <p className="help">
          “Remember on this computer” keeps a value in the {storage.where}; otherwise it lives in memory until T-Minus restarts.
        </p>
      )}
      {names.length === 0 ? (
        <p className="empty">This runbook's scripts read no secrets.</p>
      ) : (
        <table className="secrets-table" aria-label="Secrets of this runbook">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value from</th>
              <th scope="col">Used by</th>
              {!readOnly && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const status = secrets?.find((s) => s.name === name);
              const source = status?.source ?? null;
              return (
                <tr key={name}>
                  <th scope="row" className="mono">
                    {name}
                  </th>
                  <td>
                    {secrets === null ? (
                      <span className="muted">…</span>
                    ) : source ? (
                      <span className="ok-text">{SOURCE_TEXT[source]}</span>
                    ) : (
                      <span className="warn-text">missing</span>
                    )}
                  </td>
                  <td>{usedBy(name).join(', ') || <span className="muted">—</span>}</td>
                  {!readOnly && (
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setSetting(name)} aria-label={`${source ? 'Replace' : 'Set'} ${name}`}>
                          {source ? 'Replace' : 'Set'}
                        </button>
                        {(source === 'session' || source === 'keychain') && (
                          <button type="button" onClick={() => void forgetSecret(name)} aria-label={`Forget ${name}`}>
                            Forget
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {setting && <SetSecretDialog name={setting} canRemember={storage?.canRemember ?? false} where={storage?.where ?? ''} onClose={() => setSetting(null)} />}
    </section>
  );
}

function SetSecretDialog({ name, canRemember, where, onClose }: { name: string; canRemember: boolean; where: string; onClose: () => void }) {
  const setSecret = useAppStore((s) => s.setSecret);
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (value.length < MIN_SECRET_LENGTH) return;
    setBusy(true);
    const given = value;
    setValue('');
    const ok = await setSecret(name, given, canRemember && remember);
    setBusy(false);
    if (ok) onClose();
  }
  return (
    <Dialog title={`Set secret ${name}`} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          <span>
            Value of <span className="mono">{name}</span>
          </span>
          <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoFocus autoComplete="off" maxLength={64 * 1024} />
        </label>
        <p className="help">It is never shown again. At least {MIN_SECRET_LENGTH} characters, so that it can be redacted from output.</p>
        {canRemember && (
          <label className="inline">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember on this computer ({where})
          </label>
        )}
        {value.length > 0 && value.length < MIN_SECRET_LENGTH && (
          <p className="warn-text" role="note">
            Too short to be redacted from output.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={value.length < MIN_SECRET_LENGTH || busy}>
            Save secret
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
