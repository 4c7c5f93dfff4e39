// The session's hosts: from the runbook's front matter or edited here (every change is logged),
// with what ~/.ssh/config adds for each name; and the pre-flight "Check hosts".
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/appStore';
import type { HostSpecInput, InventoryHost } from '../../store/stepsSlice';
import { HostChecks } from './HostChecks';
import { HostEditDialog } from './HostEditDialog';

const toSpec = ({ name, address, port, user, groups, identityFile, proxyJump }: InventoryHost | HostSpecInput): HostSpecInput => ({
  name,
  address,
  port,
  user,
  groups,
  identityFile,
  proxyJump,
});

export function InventoryPanel({ sessionId, readOnly }: { sessionId: string; readOnly: boolean }) {
  const inventory = useAppStore((s) => (s.inventory?.sessionId === sessionId ? s.inventory : null));
  const loadInventory = useAppStore((s) => s.loadInventory);
  const saveInventory = useAppStore((s) => s.saveInventory);
  // A change by anyone arrives as a logged `hosts.inventorySet`: read the inventory again then.
  const logged = useAppStore((s) => s.current?.state.steps.inventory);
  const [editing, setEditing] = useState<{ host: HostSpecInput | null } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  useEffect(() => {
    void loadInventory(sessionId);
  }, [sessionId, loadInventory, logged]);

  const hosts = inventory?.hosts ?? [];

  async function save(host: HostSpecInput, replacing: string | null) {
    const rest = hosts.filter((h) => h.name !== (replacing ?? host.name)).map(toSpec);
    const index = replacing ? hosts.findIndex((h) => h.name === replacing) : hosts.length;
    rest.splice(index < 0 ? rest.length : index, 0, host);
    return saveInventory(rest);
  }

  async function remove(name: string) {
    setRemoving(name);
    await saveInventory(hosts.filter((h) => h.name !== name).map(toSpec));
    setRemoving(null);
  }

  return (
    <>
      <section className="panel inventory-panel" aria-label="Hosts">
        <header className="panel-head">
          <h2>Hosts</h2>
          {!readOnly && (
            <button type="button" onClick={() => setEditing({ host: null })}>
              Add host
            </button>
          )}
        </header>
        {inventory === null ? (
          <p className="muted">Reading the inventory…</p>
        ) : hosts.length === 0 ? (
          <p className="empty">No hosts yet. Add them here, or in the runbook's front matter (`hosts:`).</p>
        ) : (
          <div className="table-scroll">
            <table className="inventory-table" aria-label="Host inventory">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Address</th>
                  <th scope="col">Port</th>
                  <th scope="col">User</th>
                  <th scope="col">Groups</th>
                  <th scope="col">Identity file</th>
                  <th scope="col">Proxy jump</th>
                  <th scope="col">Source</th>
                  <th scope="col">~/.ssh/config adds</th>
                  {!readOnly && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {hosts.map((host) => (
                  <tr key={host.name}>
                    <th scope="row" className="mono">
                      {host.name}
                    </th>
                    <td className="mono">{host.address ?? <span className="muted">—</span>}</td>
                    <td className="mono">{host.port ?? <span className="muted">—</span>}</td>
                    <td className="mono">{host.user ?? <span className="muted">—</span>}</td>
                    <td>{host.groups.length ? host.groups.join(', ') : <span className="muted">—</span>}</td>
                    <td className="mono wrap">{host.identityFile ?? <span className="muted">—</span>}</td>
                    <td className="mono">{host.proxyJump ?? <span className="muted">—</span>}</td>
                    <td>{host.source === 'runbook' ? 'runbook' : 'this session'}</td>
                    <td className="mono">{sshConfigText(host) ?? <span className="muted">nothing</span>}</td>
                    {!readOnly && (
                      <td>
                        <div className="row-actions">
                          <button type="button" onClick={() => setEditing({ host: toSpec(host) })} aria-label={`Edit ${host.name}`}>
                            Edit
                          </button>
                          <button type="button" onClick={() => void remove(host.name)} disabled={removing === host.name} aria-label={`Remove ${host.name}`}>
                            Remove
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {inventory && inventory.groups.length > 0 && (
          <p className="muted">
            Groups: <span className="mono">{inventory.groups.join(', ')}</span>
          </p>
        )}
      </section>
      <HostChecks hosts={hosts.map((h) => h.name)} readOnly={readOnly} />
      {editing && (
        <HostEditDialog
          host={editing.host}
          takenNames={hosts.map((h) => h.name).filter((n) => n !== editing.host?.name)}
          onSave={async (host) => {
            if (await save(host, editing.host?.name ?? null)) setEditing(null);
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function sshConfigText(host: InventoryHost): string | null {
  const c = host.sshConfig;
  if (!c) return null;
  const parts = [
    c.hostName && `HostName ${c.hostName}`,
    c.user && `User ${c.user}`,
    c.port && `Port ${c.port}`,
    c.proxyJump && `ProxyJump ${c.proxyJump}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}
