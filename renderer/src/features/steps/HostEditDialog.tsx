// Add or edit one host of the session's inventory. Empty fields stay empty (null), so
// ~/.ssh/config and OpenSSH's defaults fill them at connect time.
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import type { HostSpecInput } from '../../store/stepsSlice';

interface HostEditDialogProps {
  host: HostSpecInput | null;
  takenNames: string[];
  onSave: (host: HostSpecInput) => void;
  onClose: () => void;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export function HostEditDialog({ host, takenNames, onSave, onClose }: HostEditDialogProps) {
  const [name, setName] = useState(host?.name ?? '');
  const [address, setAddress] = useState(host?.address ?? '');
  const [port, setPort] = useState(host?.port ? String(host.port) : '');
  const [user, setUser] = useState(host?.user ?? '');
  const [groups, setGroups] = useState(host?.groups.join(', ') ?? '');
  const [identityFile, setIdentityFile] = useState(host?.identityFile ?? '');
  const [proxyJump, setProxyJump] = useState(host?.proxyJump ?? '');
  const [busy, setBusy] = useState(false);

  const portNumber = port.trim() ? Number(port) : null;
  const portError = portNumber !== null && (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) ? 'A port is a whole number from 1 to 65535.' : null;
  const nameError = !name.trim() ? null : takenNames.includes(name.trim()) ? 'Another host already has this name.' : name.trim() === 'local' ? '“local” means the workstation itself.' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || nameError || portError) return;
    setBusy(true);
    onSave({
      name: name.trim(),
      address: orNull(address),
      port: portNumber,
      user: orNull(user),
      groups: [...new Set(groups.split(/[\s,]+/).filter(Boolean))],
      identityFile: orNull(identityFile),
      proxyJump: orNull(proxyJump),
    });
    setBusy(false);
  }

  return (
    <Dialog title={host ? `Edit host ${host.name}` : 'Add host'} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="host-form">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus maxLength={200} aria-invalid={!!nameError} />
          {nameError && <span className="error-text">{nameError}</span>}
        </label>
        <div className="row">
          <label>
            Address
            <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="from ~/.ssh/config or the name" maxLength={500} />
          </label>
          <label className="narrow">
            Port
            <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" placeholder="22" aria-invalid={!!portError} />
            {portError && <span className="error-text">{portError}</span>}
          </label>
        </div>
        <div className="row">
          <label>
            User
            <input value={user} onChange={(e) => setUser(e.target.value)} maxLength={200} />
          </label>
          <label>
            Groups (comma-separated)
            <input value={groups} onChange={(e) => setGroups(e.target.value)} placeholder="e.g. app, db" />
          </label>
        </div>
        <label>
          Identity file
          <input value={identityFile} onChange={(e) => setIdentityFile(e.target.value)} placeholder="e.g. ~/.ssh/id_ed25519" maxLength={1000} />
        </label>
        <label>
          Proxy jump
          <input value={proxyJump} onChange={(e) => setProxyJump(e.target.value)} placeholder="e.g. bastion" maxLength={500} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !name.trim() || !!nameError || !!portError}>
            {host ? 'Save host' : 'Add host'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
