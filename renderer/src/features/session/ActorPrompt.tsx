// Opening a session for work asks who is at the keyboard; every event carries that person. The
// person this browser remembers is offered first, one press to confirm, instead of a blank form.
import { useState, type FormEvent } from 'react';
import { describeActor, type Actor } from '../../../../shared/log/actor';
import type { Role } from '../../../../shared/runbook/model';
import { Dialog } from '../../components/Dialog';

interface ActorPromptProps {
  roles: Role[];
  initial: Actor | null;
  /** Offer `initial` as "Continue as …" (someone this browser remembers, or the demo's IC). */
  offerInitial?: boolean;
  onChoose: (actor: Actor) => void;
  onReadOnly: () => void;
}

const OTHER = '__other__';

export function ActorPrompt({ roles, initial, offerInitial = false, onChoose, onReadOnly }: ActorPromptProps) {
  const roleNames = roles.map((role) => role.name);
  const initialRole = initial?.role ?? roleNames[0] ?? '';
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState(roleNames.includes(initialRole) || roleNames.length === 0 ? initialRole : OTHER);
  const [otherRole, setOtherRole] = useState(roleNames.includes(initialRole) ? '' : initialRole);

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosenRole = roleNames.length === 0 || role === OTHER ? otherRole.trim() : role;
    if (!name.trim()) return;
    onChoose({ name: name.trim(), role: chosenRole || null });
  }

  return (
    <Dialog title="Who is at the keyboard?" open onClose={onReadOnly}>
      <p className="muted">Everything you do in this session is recorded under this name.</p>
      {offerInitial && initial && (
        <p>
          <button type="button" className="primary" autoFocus onClick={() => onChoose(initial)}>
            Continue as {describeActor(initial)}
          </button>
        </p>
      )}
      <form onSubmit={submit} aria-label={offerInitial && initial ? 'Someone else' : undefined}>
        {offerInitial && initial && <p className="muted">Someone else:</p>}
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus={!(offerInitial && initial)} maxLength={120} autoComplete="name" />
        </label>
        {roleNames.length > 0 && (
          <label>
            Your role
            <select value={role} onChange={(e) => setRole(e.target.value)}>
              {roleNames.map((roleName) => (
                <option key={roleName}>{roleName}</option>
              ))}
              <option value={OTHER}>Other…</option>
            </select>
          </label>
        )}
        {(roleNames.length === 0 || role === OTHER) && (
          <label>
            {roleNames.length === 0 ? 'Your role' : 'Other role'}
            <input value={otherRole} onChange={(e) => setOtherRole(e.target.value)} maxLength={120} />
          </label>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            Start working
          </button>
          <button type="button" onClick={onReadOnly}>
            Just review (read-only)
          </button>
        </div>
      </form>
    </Dialog>
  );
}
