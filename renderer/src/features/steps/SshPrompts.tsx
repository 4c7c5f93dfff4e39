// Questions the SSH layer waits on, wherever the person is in the app: an unknown host key
// (trust always / once / reject — an explicit choice, never a default button on Enter) and the
// passphrase of an encrypted key (sent to the console's memory, not kept here). Escape puts a
// question aside; a banner keeps it in sight until it is answered or the console withdraws it.
import { useEffect, useState, type FormEvent } from 'react';
import type { SshPrompt } from '../../../../shared/api/steps';
import type { Actor } from '../../../../shared/log/actor';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../store/appStore';
import './steps.css';

type HostKeyPrompt = Extract<SshPrompt, { kind: 'host-key' }>;
type PassphrasePrompt = Extract<SshPrompt, { kind: 'passphrase' }>;

export function SshPrompts() {
  const startStepsFeed = useAppStore((s) => s.startStepsFeed);
  const loadPrompts = useAppStore((s) => s.loadPrompts);
  const connection = useAppStore((s) => s.connection);
  const prompts = useAppStore((s) => s.prompts);
  const canAnswer = useAppStore((s) => s.workspace?.access === 'write');
  const [setAside, setSetAside] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => startStepsFeed(), [startStepsFeed]);
  // Back after a drop: prompts may have opened or closed meanwhile.
  useEffect(() => {
    if (connection === 'open') void loadPrompts();
  }, [connection, loadPrompts]);

  const waiting = prompts.filter((p) => !setAside.has(p.promptId));
  const shown = canAnswer ? waiting[0] : undefined;
  const aside = prompts.filter((p) => setAside.has(p.promptId));

  return (
    <>
      {prompts.length > 0 && (!canAnswer || aside.length > 0) && (
        <div className="ssh-prompt-banner" role="alert">
          <strong>SSH is waiting for an answer:</strong> {prompts.map(promptSummary).join('; ')}.
          {canAnswer && (
            <button type="button" onClick={() => setSetAside(new Set())}>
              Answer now
            </button>
          )}
          {!canAnswer && <span className="muted"> Someone with write access must answer it.</span>}
        </div>
      )}
      {shown?.kind === 'host-key' && (
        <HostKeyDialog key={shown.promptId} prompt={shown} onSetAside={() => setSetAside((s) => new Set([...s, shown.promptId]))} />
      )}
      {shown?.kind === 'passphrase' && (
        <PassphraseDialog key={shown.promptId} prompt={shown} onSetAside={() => setSetAside((s) => new Set([...s, shown.promptId]))} />
      )}
    </>
  );
}

function promptSummary(prompt: SshPrompt): string {
  return prompt.kind === 'host-key' ? `host key of ${prompt.target} (${prompt.host}:${prompt.port})` : `passphrase for ${prompt.keyFile}`;
}

/** Who answers: the person at the keyboard of the prompt's session, else of the open one, else the last one known. */
function useAnsweringActor(sessionId: string | null): Actor | null {
  const actors = useAppStore((s) => s.actors);
  const currentId = useAppStore((s) => s.current?.session.id ?? null);
  const remembered = useAppStore((s) => s.rememberedActor);
  return (sessionId ? actors[sessionId] : undefined) ?? (currentId ? actors[currentId] : undefined) ?? remembered();
}

function HostKeyDialog({ prompt, onSetAside }: { prompt: HostKeyPrompt; onSetAside: () => void }) {
  const answer = useAppStore((s) => s.answerHostKey);
  const known = useAnsweringActor(prompt.sessionId);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const actor: Actor | null = known ?? (name.trim() ? { name: name.trim(), role: null } : null);

  async function decide(decision: 'trust' | 'trust-once' | 'reject') {
    if (!actor) return;
    setBusy(true);
    await answer(prompt.promptId, decision, actor);
    setBusy(false);
  }

  return (
    <Dialog title="Unknown host key" open onClose={onSetAside} tone="danger">
      <p>
        T-Minus has never seen this host's key. Compare the fingerprint with the one the host's owner gives you
        (<span className="mono">ssh-keygen -lf</span> on the host's public key) before trusting it.
      </p>
      <dl className="host-key-facts" role="group" tabIndex={0} aria-label="Host key to verify">
        <dt>Host</dt>
        <dd className="mono host-key-host">
          {prompt.host}:{prompt.port}
        </dd>
        {prompt.role === 'jump' ? (
          <>
            <dt>Jump host for</dt>
            <dd className="mono">{prompt.target}</dd>
          </>
        ) : (
          prompt.target !== prompt.host && (
            <>
              <dt>Inventory name</dt>
              <dd className="mono">{prompt.target}</dd>
            </>
          )
        )}
        {prompt.via && (
          <>
            <dt>Reached through</dt>
            <dd className="mono">{prompt.via}</dd>
          </>
        )}
        <dt>Key type</dt>
        <dd className="mono">{prompt.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd className="mono host-key-fingerprint">{prompt.fingerprint}</dd>
        <dt>Looked in</dt>
        <dd className="host-key-looked-in">
          {prompt.lookedIn.join(', ')}
          <div className="muted">A key in any of these files (what ssh reads for this host) would have been accepted without asking; "Trust" keeps it in T-Minus's trusted keys.</div>
        </dd>
        {prompt.strictHostKeyChecking !== 'ask' && (
          <>
            <dt>StrictHostKeyChecking</dt>
            <dd className="mono">{prompt.strictHostKeyChecking}</dd>
          </>
        )}
      </dl>
      {prompt.note && (
        <p className="warn-text" role="note">
          {prompt.note}
        </p>
      )}
      {!known && (
        <label>
          Your name (the decision is logged under it)
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </label>
      )}
      {/* No form and no submit button: Enter never trusts a key by accident. */}
      <div className="actions host-key-actions">
        <button type="button" className="primary" disabled={!actor || busy} onClick={() => void decide('trust')}>
          Trust always
        </button>
        <button type="button" disabled={!actor || busy} onClick={() => void decide('trust-once')}>
          Trust once
        </button>
        <button type="button" className="danger" disabled={!actor || busy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
      <p className="help">“Trust always” adds the key to T-Minus's trusted keys; “Trust once” accepts it for this connection only. Escape decides later.</p>
    </Dialog>
  );
}

function PassphraseDialog({ prompt, onSetAside }: { prompt: PassphrasePrompt; onSetAside: () => void }) {
  const answer = useAppStore((s) => s.answerPassphrase);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return;
    setBusy(true);
    const given = passphrase;
    // The field is emptied at once: the value lives only in the console's memory from here on.
    setPassphrase('');
    await answer(prompt.promptId, given);
    setBusy(false);
  }

  return (
    <Dialog title="Key passphrase" open onClose={onSetAside}>
      <p>
        The key <span className="mono">{prompt.keyFile}</span> is encrypted. Its passphrase is kept in the console's memory only, never on disk.
      </p>
      {prompt.retry && (
        <p className="error-text" role="alert">
          That passphrase did not unlock the key. Try again.
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Passphrase
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus autoComplete="off" />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!passphrase || busy}>
            Unlock key
          </button>
          <button type="button" disabled={busy} onClick={() => void answer(prompt.promptId, null)}>
            Decline
          </button>
        </div>
      </form>
    </Dialog>
  );
}
