// "The IC corrects what was misread, once": what the importer read — thresholds with their meaning
// and unit, step windows, gates, decision levels — with a way to correct each in place, the lines
// it did not understand with a way to mark them, and the corrections so far with the side file
// to keep beside the runbook. The same panel serves the import preview (corrections re-import the
// file locally) and the Runbook tab (corrections are logged in the session).
import { useState } from 'react';
import type { CorrectionRequest } from '../../../../shared/runbook/corrections/apply';
import { correctionsFileText } from '../../../../shared/runbook/corrections/importCorrected';
import { correctionsFileName } from '../../../../shared/runbook/corrections/schema';
import type { CoverageMiss } from '../../../../shared/runbook/coverage';
import type { Runbook, ThresholdMeaning } from '../../../../shared/runbook/model';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { startDownload } from '../report/download';
import { MarkLineForm } from './MarkLineForm';
import { thresholdText } from './runbookCards';

const MEANINGS: Array<{ value: ThresholdMeaning; label: string }> = [
  { value: 'ok-if', label: 'ok-if (healthy while it holds)' },
  { value: 'alert-if', label: 'alert-if (trouble when it holds)' },
  { value: 'warn-if', label: 'warn-if (needs attention when it holds)' },
];

const minutesOf = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / 60_000)));

function StepWindowForm({ line, title, start, end, onCorrect, disabled }: { line: number; title: string; start: number | null; end: number | null; onCorrect: (r: CorrectionRequest) => void; disabled: boolean }) {
  const [from, setFrom] = useState(minutesOf(start));
  const [to, setTo] = useState(minutesOf(end));
  const toMs = (v: string) => (v.trim() === '' ? null : Math.round(Number(v) * 60_000));
  const valid = [from, to].every((v) => v.trim() === '' || Number.isFinite(Number(v))) && (from.trim() === '' || to.trim() === '' || Number(to) >= Number(from));
  return (
    <span className="step-window-form">
      <label>
        Start (min from T0) <input aria-label={`Start of ${title}, minutes from T0`} value={from} onChange={(e) => setFrom(e.target.value)} size={5} />
      </label>
      <label>
        End <input aria-label={`End of ${title}, minutes from T0`} value={to} onChange={(e) => setTo(e.target.value)} size={5} />
      </label>
      <button type="button" disabled={disabled || !valid} onClick={() => onCorrect({ kind: 'step-window', line, startOffsetMs: toMs(from), endOffsetMs: toMs(to) })}>
        Set window of {title}
      </button>
    </span>
  );
}

/** The text of a source line, from the reference blocks that hold it (the model keeps no other copy). */
function lineText(runbook: Runbook, line: number): string {
  const ref = runbook.references.find((r) => r.line <= line && line <= r.endLine && (r.lang === 'text' || r.lang === 'table'));
  return ref ? (ref.text.split('\n')[line - ref.line] ?? '') : '';
}

export function CorrectionsReview({
  runbook,
  missed,
  onCorrect,
  disabled,
}: {
  runbook: Runbook;
  /** Lines not understood (the import preview's coverage); the Runbook tab marks lines by number. */
  missed?: CoverageMiss[];
  onCorrect: (request: CorrectionRequest) => void;
  disabled: boolean;
}) {
  const [marking, setMarking] = useState<{ line: number; text: string } | null>(null);
  const [lineInput, setLineInput] = useState('');
  const corrections = runbook.corrections;
  const source = runbook.sourceName;
  const at = (line: number) => `${source}:${line}`;
  const mark = (r: CorrectionRequest) => {
    setMarking(null);
    onCorrect(r);
  };

  function saveFile() {
    if (!corrections) return;
    startDownload({
      fileName: corrections.file || correctionsFileName(source),
      mimeType: 'application/json',
      encoding: 'utf8',
      content: correctionsFileText(source, corrections.entries),
      eventCount: 0,
      headHash: '',
    });
  }

  return (
    <details className="panel corrections-review">
      <summary>Review and correct what was read</summary>
      {corrections?.error && (
        <p role="alert" className="error-text">
          {corrections.file}:{corrections.error.line}:{corrections.error.column}: {corrections.error.message}. None of its corrections is applied; fix the file and choose it again.
        </p>
      )}
      {corrections && (corrections.applied.length > 0 || corrections.unmatched.length > 0) && (
        <section aria-label="Corrections">
          <h4>Corrections ({corrections.applied.length} applied{corrections.unmatched.length > 0 ? `, ${corrections.unmatched.length} no longer match` : ''})</h4>
          <ul>
            {corrections.applied.map((c) => (
              <li key={c.id}>
                <span className="mono">{at(c.line)}</span> corrected: {c.description}
              </li>
            ))}
            {corrections.unmatched.map((c) => (
              <li key={c.id} className="warn-text">
                <span className="mono">{at(c.line)}</span> not applied ({c.reason}): “{c.text}”
              </li>
            ))}
          </ul>
          <button type="button" onClick={saveFile}>
            Save corrections file ({corrections.file})
          </button>
          <p className="help">Keep it next to the runbook: T-Minus applies it again on every import.</p>
        </section>
      )}
      <table className="review-table" aria-label="Thresholds read">
        <caption>Thresholds</caption>
        <thead>
          <tr>
            <th scope="col">Threshold</th>
            <th scope="col">Meaning</th>
            <th scope="col">Line</th>
            <th scope="col">Correct</th>
          </tr>
        </thead>
        <tbody>
          {runbook.thresholds.map((t) => (
            <tr key={t.id}>
              <td>{thresholdText(t)}</td>
              <td>
                <select
                  aria-label={`Meaning of ${t.metric} at line ${t.line}`}
                  value={t.meaning}
                  disabled={disabled}
                  onChange={(e) => onCorrect({ kind: 'threshold-meaning', line: t.line, metricKey: t.metricKey, meaning: e.target.value as ThresholdMeaning })}
                >
                  {MEANINGS.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </td>
              <td className="mono">{t.line}</td>
              <td>
                <button type="button" disabled={disabled} onClick={() => onCorrect({ kind: 'dismiss', line: t.line, target: 'threshold', key: t.metricKey })}>
                  Dismiss {t.metric} at line {t.line}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runbook.steps.length > 0 && (
        <table className="review-table" aria-label="Step windows read">
          <caption>Step windows</caption>
          <tbody>
            {runbook.steps.map((s) => (
              <tr key={s.id}>
                <td>{s.title}</td>
                <td className="mono">{s.window.startOffsetMs === null ? 'no window' : `${formatOffsetLabel(s.window.startOffsetMs)}${s.window.endOffsetMs !== null ? `..${formatOffsetLabel(s.window.endOffsetMs)}` : ''}`}</td>
                <td className="mono">{s.line}</td>
                <td>
                  <StepWindowForm line={s.line} title={s.title} start={s.window.startOffsetMs} end={s.window.endOffsetMs} onCorrect={onCorrect} disabled={disabled} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(runbook.gates.length > 0 || runbook.decisionLevels.length > 0) && (
        <table className="review-table" aria-label="Gates and decision levels read">
          <caption>Gates and decision levels</caption>
          <tbody>
            {runbook.gates.map((g) => (
              <tr key={g.id}>
                <td>Gate: {g.title}</td>
                <td className="mono">{g.offsetMs === null ? 'no time' : formatOffsetLabel(g.offsetMs)}</td>
                <td className="mono">{g.line}</td>
                <td>
                  <button type="button" disabled={disabled} onClick={() => onCorrect({ kind: 'dismiss', line: g.line, target: 'gate', key: g.title })}>
                    Dismiss gate {g.title}
                  </button>
                </td>
              </tr>
            ))}
            {runbook.decisionLevels.map((l) => (
              <tr key={l.id}>
                <td>
                  Level {l.level}: {l.title} — {l.verdict}
                </td>
                <td />
                <td className="mono">{l.line}</td>
                <td>
                  <button type="button" disabled={disabled} onClick={() => onCorrect({ kind: 'dismiss', line: l.line, target: 'decision-level', key: l.title })}>
                    Dismiss level {l.title}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {missed && missed.length > 0 && (
        <section aria-label="Lines to mark">
          <h4>Not understood — mark what they are</h4>
          <ul>
            {missed
              .filter((m) => m.kind === 'threshold' || m.kind === 'gate' || m.kind === 'time')
              .map((m) => (
                <li key={`${m.line}:${m.column}`}>
                  <span className="mono">{at(m.line)}</span> {m.text}{' '}
                  <button type="button" disabled={disabled} onClick={() => setMarking({ line: m.line, text: m.text })}>
                    Mark line {m.line}…
                  </button>
                </li>
              ))}
          </ul>
        </section>
      )}
      {!missed && (
        <p className="mark-by-number">
          <label>
            Line number <input value={lineInput} onChange={(e) => setLineInput(e.target.value)} inputMode="numeric" size={6} />
          </label>{' '}
          <button
            type="button"
            disabled={disabled || !(Number(lineInput) >= 1 && Number(lineInput) <= runbook.lineCount)}
            onClick={() => setMarking({ line: Number(lineInput), text: lineText(runbook, Number(lineInput)) })}
          >
            Mark this line as a gate or threshold…
          </button>
        </p>
      )}
      {marking && <MarkLineForm key={marking.line} line={marking.line} text={marking.text} onMark={mark} onCancel={() => setMarking(null)} />}
    </details>
  );
}
