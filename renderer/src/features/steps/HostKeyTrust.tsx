// The keys "Check hosts" could not vouch for, in one table: host, address, key type, SHA256
// fingerprint and where T-Minus looked (the files ssh reads for that host). The IC can paste
// fingerprints gathered out of band (ssh-keyscan, ssh-keygen -lf) to mark matches, then trust the
// selected keys or all of them after typing `trust N keys`; each key becomes its own logged
// decision. Everything shown comes from the log (the last check and the decisions after it).
import { useMemo, useState, type FormEvent } from 'react';
import { trustKeysPhrase } from '../../../../shared/api/steps';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../store/appStore';
import type { KeyComparison } from '../../store/stepsSlice';
import './hostKeys.css';

const MATCH_TEXT = { match: '✓ matches', different: '✗ DIFFERENT key pasted', 'not-listed': 'not in the pasted text' } as const;

export function HostKeyTrust({ readOnly }: { readOnly: boolean }) {
  const lastCheck = useAppStore((s) => s.current?.state.steps.lastCheck ?? null);
  const decisions = useAppStore((s) => s.current?.state.steps.keyDecisions);
  const trustHostKeys = useAppStore((s) => s.trustHostKeys);
  const compareHostKeys = useAppStore((s) => s.compareHostKeys);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pasted, setPasted] = useState('');
  const [comparison, setComparison] = useState<KeyComparison | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);

  const rows = useMemo(() => {
    if (!lastCheck) return [];
    const settled = new Set(
      (decisions ?? []).filter((d) => d.at >= lastCheck.at && (d.decision === 'trusted' || d.decision === 'accepted-new')).map((d) => `${d.target ?? ''}|${d.fingerprint}`),
    );
    return lastCheck.results.flatMap((result) => {
      const key = result.hostKey;
      if (!key || (key.status !== 'unknown' && key.status !== 'cert-authority') || settled.has(`${result.host}|${key.fingerprint}`)) return [];
      return [{ host: result.host, key }];
    });
  }, [lastCheck, decisions]);

  if (rows.length === 0) return null;
  const matchOf = (host: string) => comparison?.results.find((r) => r.host === host);
  const chosen = rows.filter((row) => selected.has(row.host)).map((row) => row.host);
  const toggle = (host: string) => setSelected((current) => (current.has(host) ? new Set([...current].filter((h) => h !== host)) : new Set([...current, host])));

  return (
    <section className="host-key-trust" aria-label="Unknown host keys">
      <h3>Unknown host keys ({rows.length})</h3>
      <p className="muted">
        Nothing was sent to these hosts. Compare each fingerprint with one from a source you trust (the host's owner, or{' '}
        <span className="mono">ssh-keyscan</span> run from a trusted network) before trusting it. Trusted keys go to T-Minus's trusted keys, not to your
        known_hosts files.
      </p>
      <div className="table-scroll">
        <table className="checks-table unknown-keys" aria-label="Unknown host keys">
          <thead>
            <tr>
              <th scope="col">Select</th>
              <th scope="col">Host</th>
              <th scope="col">Address</th>
              <th scope="col">Key type</th>
              <th scope="col">SHA256 fingerprint</th>
              <th scope="col">Looked in</th>
              {comparison && <th scope="col">Pasted fingerprints</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ host, key }) => {
              const match = matchOf(host);
              return (
                <tr key={host}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${host}`} checked={selected.has(host)} onChange={() => toggle(host)} disabled={readOnly} />
                  </td>
                  <th scope="row" className="mono">
                    {host}
                  </th>
                  <td className="mono">{key.port === 22 ? key.address : `[${key.address}]:${key.port}`}</td>
                  <td className="mono">{key.keyType}</td>
                  <td className="mono wrap">
                    {key.fingerprint}
                    {key.status === 'cert-authority' && <div className="warn-text">only a @cert-authority line covers it (not verifiable here)</div>}
                  </td>
                  <td className="looked-in">
                    {key.lookedIn.join(', ')}
                    {key.strictHostKeyChecking !== 'ask' && <div className="muted">StrictHostKeyChecking {key.strictHostKeyChecking}{key.strictHostKeyChecking === 'no' ? ' (treated as ask)' : ''}</div>}
                  </td>
                  {comparison && <td className={`match match-${match?.match ?? 'not-listed'}`}>{MATCH_TEXT[match?.match ?? 'not-listed']}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <>
          <div className="trust-actions">
            <button type="button" onClick={() => setConfirming(chosen)} disabled={chosen.length === 0}>
              Trust selected ({chosen.length})
            </button>
            <button type="button" onClick={() => setConfirming(rows.map((r) => r.host))}>
              Trust all ({rows.length})
            </button>
          </div>
          <label className="paste-keys">
            Fingerprints from a trusted source (ssh-keyscan or ssh-keygen -lf output)
            <textarea value={pasted} onChange={(e) => setPasted(e.target.value)} rows={4} spellCheck={false} className="mono" />
          </label>
          <button type="button" onClick={async () => setComparison(await compareHostKeys(pasted))} disabled={pasted.trim() === ''}>
            Compare with pasted fingerprints
          </button>
          {comparison && comparison.ignored.length > 0 && (
            <p className="muted">
              Lines not read: {comparison.ignored.map((i) => `line ${i.line} (${i.reason})`).join('; ')}
            </p>
          )}
        </>
      )}
      {confirming && (
        <TrustConfirmDialog
          hosts={confirming}
          different={confirming.filter((h) => matchOf(h)?.match === 'different')}
          onClose={() => setConfirming(null)}
          onConfirm={async (typed) => {
            if (await trustHostKeys(confirming, typed, pasted.trim() === '' ? null : pasted)) {
              setConfirming(null);
              setSelected(new Set());
            }
          }}
        />
      )}
    </section>
  );
}

interface TrustConfirmProps {
  hosts: string[];
  /** Hosts whose pasted fingerprint differs: shown as a warning. */
  different: string[];
  onClose: () => void;
  onConfirm: (typed: string) => Promise<void>;
}

function TrustConfirmDialog({ hosts, different, onClose, onConfirm }: TrustConfirmProps) {
  const phrase = trustKeysPhrase(hosts.length);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = typed.trim().toLowerCase() === phrase;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    await onConfirm(typed);
    setBusy(false);
  }

  return (
    <Dialog title={`Trust ${hosts.length} host key${hosts.length === 1 ? '' : 's'}`} open onClose={onClose} tone="danger">
      <form onSubmit={submit}>
        <p>
          Each key is trusted on its own and logged under your name: <span className="mono">{hosts.join(', ')}</span>.
        </p>
        {different.length > 0 && (
          <p className="warn-text" role="alert">
            The pasted fingerprints list a different key for {different.join(', ')}. Someone may be intercepting the connection.
          </p>
        )}
        <label>
          Type <span className="mono">{phrase}</span> to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={!ready || busy}>
            {busy ? 'Trusting…' : `Trust ${hosts.length} key${hosts.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Production sessions: the IC's switch for StrictHostKeyChecking accept-new (logged). */
export function AcceptNewSwitch({ readOnly }: { readOnly: boolean }) {
  const production = useAppStore((s) => s.current?.session.environment === 'production');
  const enabled = useAppStore((s) => s.current?.state.steps.acceptNew ?? false);
  const setAcceptNew = useAppStore((s) => s.setAcceptNew);
  if (!production) return null;
  return (
    <label className="accept-new-switch">
      <input type="checkbox" checked={enabled} disabled={readOnly} onChange={(e) => void setAcceptNew(e.target.checked)} />
      Honour StrictHostKeyChecking accept-new in this production session (hosts whose ssh config sets it take their first key without asking; logged)
    </label>
  );
}
