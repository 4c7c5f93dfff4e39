// Choosing a runbook file: a file dialog (the OS dialog in the desktop app), or drag and drop —
// with its corrections side file (`<runbook>.tminus-corrections.json`) when it has one. The file
// is imported at once so its summary, every warning (with line:column) and what was read show
// before anything is created, and the IC can correct what was misread right there.
import { useState, type DragEvent } from 'react';
import type { CallInput, CallResult } from '../../../../shared/api/contract';
import { addCorrection, type CorrectionRequest } from '../../../../shared/runbook/corrections/apply';
import { correctionsFileText } from '../../../../shared/runbook/corrections/importCorrected';
import { CORRECTIONS_SUFFIX, correctionsFileName } from '../../../../shared/runbook/corrections/schema';
import { useAppStore } from '../../store/appStore';
import { ImportSummary } from './ImportSummary';

export type RunbookPreview = CallResult<'previewRunbook'> & { source: CallInput<'previewRunbook'> };

const MAX_BYTES = 20 * 1024 * 1024;

export function RunbookPicker({ onPreview }: { onPreview: (preview: RunbookPreview | null) => void }) {
  const preview = useAppStore((s) => s.runbookPreview);
  const previewRunbook = useAppStore((s) => s.previewRunbook);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(files: FileList | null | undefined) {
    const all = [...(files ?? [])];
    const side = all.find((f) => f.name.endsWith(CORRECTIONS_SUFFIX)) ?? null;
    const file = all.find((f) => f !== side);
    if (!file) {
      if (side) setError(`${side.name} is a corrections file; choose it together with its runbook.`);
      return;
    }
    setError(null);
    if (file.size > MAX_BYTES || (side && side.size > MAX_BYTES)) {
      setError(`${file.size > MAX_BYTES ? file.name : side!.name} is larger than 20 MB; that is not a runbook.`);
      return;
    }
    setBusy(true);
    const content = await file.text();
    const corrections = side ? { name: side.name, text: await side.text() } : null;
    const result = await previewRunbook({ sourceName: file.name, content, corrections });
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
    void load(event.dataTransfer.files);
  }

  /** A correction in the preview: the runbook is imported again with it; nothing is saved yet. */
  async function correct(request: CorrectionRequest) {
    if (!preview) return;
    const kept = preview.runbook.corrections;
    if (kept?.error) {
      setError(`${kept.file} could not be read, so a new correction would replace what it holds; fix that file first.`);
      return;
    }
    const entries = addCorrection(kept?.entries ?? [], preview.source.content, request, null, new Date().toISOString());
    const name = kept?.file ?? correctionsFileName(preview.source.sourceName);
    setBusy(true);
    const result = await previewRunbook({ ...preview.source, corrections: { name, text: correctionsFileText(preview.source.sourceName, entries) } });
    setBusy(false);
    if (result) onPreview(result);
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
        <input type="file" multiple accept=".md,.markdown,.txt,.json,text/markdown,text/plain" onChange={(e) => void load(e.target.files)} />
      </label>
      <p className="help">…or drop the file here. Choose its corrections file ({'<runbook>'}{CORRECTIONS_SUFFIX}) with it, if it has one.</p>
      {busy && <p role="status">Importing…</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {preview && <ImportSummary preview={preview} onCorrect={(r) => void correct(r)} busy={busy} />}
    </div>
  );
}
