// Choosing a runbook file: a file dialog (the OS dialog in the desktop app), or drag and drop.
// The file is imported at once so its summary and every warning (with line:column) show before
// anything is created.
import { useState, type DragEvent } from 'react';
import type { CallResult } from '../../../../shared/api/contract';
import { useAppStore } from '../../store/appStore';
import { ImportSummary } from './ImportSummary';

export type RunbookPreview = CallResult<'previewRunbook'> & { source: { sourceName: string; content: string } };

const MAX_BYTES = 20 * 1024 * 1024;

export function RunbookPicker({ onPreview }: { onPreview: (preview: RunbookPreview | null) => void }) {
  const preview = useAppStore((s) => s.runbookPreview);
  const previewRunbook = useAppStore((s) => s.previewRunbook);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(`${file.name} is larger than 20 MB; that is not a runbook.`);
      return;
    }
    setBusy(true);
    const content = await file.text();
    const result = await previewRunbook({ sourceName: file.name, content });
    setBusy(false);
    if (!result) {
      setError(`${file.name} could not be imported.`);
      onPreview(null);
      return;
    }
    onPreview(result);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void load(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={`runbook-drop${dragging ? ' is-dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="runbook-drop"
    >
      <label>
        Runbook (markdown)
        <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => void load(e.target.files?.[0])} />
      </label>
      <p className="help">…or drop the file here.</p>
      {busy && <p role="status">Importing…</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {preview && !busy && <ImportSummary preview={preview} />}
    </div>
  );
}
