// Opening an exported `.tminus.json` (e.g. last week's rehearsal from a colleague): verified,
// stored read-only in this workspace, reviewable with no network.
import { useRef, useState } from 'react';
import { MAX_SESSION_FILE_BYTES, SESSION_FILE_TOO_LARGE } from '../../../shared/api/limits';
import { navigate } from '../router';
import { useAppStore } from '../store/appStore';

export function OpenSessionFile() {
  const importSessionFile = useAppStore((s) => s.importSessionFile);
  const notify = useAppStore((s) => s.notify);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function open(file: File | undefined) {
    if (!file) return;
    // Said before reading it: a file past the limit would only be refused after the upload.
    if (file.size > MAX_SESSION_FILE_BYTES) {
      notify('error', `Could not open the session file: ${SESSION_FILE_TOO_LARGE} (this one is ${Math.ceil(file.size / 1024 / 1024)} MB).`);
      if (input.current) input.current.value = '';
      return;
    }
    setBusy(true);
    const session = await importSessionFile(file.name, await file.text());
    setBusy(false);
    if (input.current) input.current.value = '';
    if (session) navigate({ name: 'session', sessionId: session.id, mode: 'review' });
  }

  return (
    <label className="open-session-file">
      <span className="button-like">{busy ? 'Opening…' : 'Open session file…'}</span>
      <input
        ref={input}
        type="file"
        accept=".json,.tminus.json,application/json"
        className="visually-hidden"
        aria-label="Open session file"
        onChange={(e) => void open(e.target.files?.[0])}
      />
    </label>
  );
}
