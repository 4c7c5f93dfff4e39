// "Export…" on the session screen: choose a format, watch a real progress bar while the console
// reads, verifies and draws the session, and receive the file as a download.
import { useEffect, useRef, useState } from 'react';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../../../../shared/report/formats';
import { Dialog } from '../../components/Dialog';
import { formatSize, startDownload } from './download';
import { percentOf, STAGE_LABEL, type ReportProgressEvent } from './progress';
import { useAppStore } from '../../store/appStore';
import './report.css';

type Phase =
  | { kind: 'choose' }
  | { kind: 'running'; percent: number; label: string }
  | { kind: 'done'; fileName: string; url: string; size: number; headHash: string; eventCount: number }
  | { kind: 'failed'; message: string };

export function ExportButton({ sessionId }: { sessionId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="export-button" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open && <ExportDialog sessionId={sessionId} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ExportDialog({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const [format, setFormat] = useState<ReportFormat>('html');
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const objectUrl = useRef<string | null>(null);
  const exportReport = useAppStore((s) => s.exportReport);
  useEffect(() => {
    return () => {
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    };
  }, []);

  async function run() {
    setPhase({ kind: 'running', percent: 0, label: STAGE_LABEL.reading });
    const onProgress = (progress: ReportProgressEvent) =>
      setPhase((current) =>
        current.kind === 'running' ? { kind: 'running', percent: Math.max(current.percent, percentOf(progress, format)), label: STAGE_LABEL[progress.stage] } : current,
      );
    try {
      const file = await exportReport(sessionId, format, onProgress);
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
      const { url, size } = startDownload(file);
      objectUrl.current = url;
      setPhase({ kind: 'done', fileName: file.fileName, url, size, headHash: file.headHash, eventCount: file.eventCount });
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const busy = phase.kind === 'running';
  return (
    <Dialog title="Export the audit report" open onClose={busy ? () => undefined : onClose}>
      <fieldset className="export-formats" disabled={busy}>
        <legend>Format</legend>
        {REPORT_FORMATS.map((id) => (
          <label key={id} className={`export-format${format === id ? ' is-chosen' : ''}`}>
            <input type="radio" name="report-format" value={id} checked={format === id} onChange={() => setFormat(id)} />
            <span>
              <strong>{REPORT_FORMAT_INFO[id].label}</strong>
              <span className="muted">{REPORT_FORMAT_INFO[id].description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {phase.kind === 'running' && (
        <div className="export-progress">
          <div className="export-progress-label">
            {phase.label}… <span className="mono">{phase.percent}%</span>
          </div>
          <div role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={phase.percent} aria-valuetext={`${phase.label}, ${phase.percent}%`} className="export-progress-track">
            <div className="export-progress-fill" style={{ width: `${phase.percent}%` }} />
          </div>
        </div>
      )}
      {phase.kind === 'done' && (
        <div className="export-done" role="status">
          <p>
            Saved <strong className="mono">{phase.fileName}</strong> ({formatSize(phase.size)}): {phase.eventCount.toLocaleString('en-US')} events, chain head{' '}
            <span className="mono">{phase.headHash.slice(0, 16)}…</span>
          </p>
          <a href={phase.url} download={phase.fileName}>
            Download again
          </a>
        </div>
      )}
      {phase.kind === 'failed' && (
        <p role="alert" className="error-text">
          {phase.message}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
          {busy ? 'Exporting…' : phase.kind === 'done' ? 'Export again' : 'Export'}
        </button>
      </div>
    </Dialog>
  );
}
