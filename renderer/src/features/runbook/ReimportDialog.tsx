// Re-importing a changed runbook into a running session: what would be added, removed and
// changed is shown first; nothing changes until the person applies it.
import { useState } from 'react';
import type { CallResult } from '../../../../shared/api/contract';
import type { NodeRef } from '../../../../shared/runbook/diff';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../store/appStore';

type ReimportPreview = CallResult<'previewReimport'> & { source: { sourceName: string; content: string } };

function NodeList({ title, nodes, tone }: { title: string; nodes: Array<NodeRef & { fields?: string[] }>; tone: string }) {
  if (nodes.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3 className={tone}>
        {title} ({nodes.length})
      </h3>
      <ul className="diff-list">
        {nodes.map((node) => (
          <li key={`${node.kind}-${node.id}`}>
            <span className="kind">{node.kind}</span> {node.title}
            {node.fields && node.fields.length > 0 && <span className="muted"> — {node.fields.join(', ')}</span>}
            <span className="muted mono"> line {node.line}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReimportDialog({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const previewReimport = useAppStore((s) => s.previewReimport);
  const applyReimport = useAppStore((s) => s.applyReimport);
  const [preview, setPreview] = useState<ReimportPreview | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    const source = { sourceName: file.name, content: await file.text() };
    const result = await previewReimport(sessionId, source);
    setPreview(result ? { ...result, source } : null);
    setBusy(false);
  }

  async function apply() {
    if (!preview) return;
    setBusy(true);
    const ok = await applyReimport(sessionId, preview.source, preview.currentModelHash);
    setBusy(false);
    if (ok) onClose();
  }

  const diff = preview?.diff;
  return (
    <Dialog title="Re-import runbook" open onClose={onClose}>
      <label>
        Changed runbook file
        <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {busy && <p role="status">Working…</p>}
      {diff && (
        <div className="reimport-diff">
          {diff.same ? (
            <p className="ok-text">Nothing changed: the file gives the same runbook.</p>
          ) : (
            <>
              {diff.document.map((change) => (
                <p key={change.field}>
                  <strong>{change.field}</strong> changes from <span className="mono">{JSON.stringify(change.before)}</span> to{' '}
                  <span className="mono">{JSON.stringify(change.after)}</span>
                </p>
              ))}
              <NodeList title="Added" nodes={diff.added} tone="ok-text" />
              <NodeList title="Removed" nodes={diff.removed} tone="error-text" />
              <NodeList title="Changed" nodes={diff.changed} tone="warn-text" />
              {diff.removed.some((node) => node.kind === 'checklistItem') && (
                <p className="warn-text">Removed items keep their history in the log but leave the checklist.</p>
              )}
            </>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!preview || diff?.same || busy} onClick={() => void apply()}>
          Apply to session
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
