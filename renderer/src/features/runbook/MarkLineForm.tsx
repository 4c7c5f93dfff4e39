// Marking a line the importer did not read as a gate or as a threshold. The fields start from what
// can be read off the line and stay editable, so the IC states exactly what the line means.
// A group, not a <form>: it sits inside the new-session form, and nested forms submit the outer one.
import { useState } from 'react';
import type { CorrectionRequest } from '../../../../shared/runbook/corrections/apply';
import { parseThreshold } from '../../../../shared/runbook/import/thresholds';
import type { ThresholdMeaning, ThresholdOp } from '../../../../shared/runbook/model';

const OPS: ThresholdOp[] = ['<', '<=', '>', '>='];
const MEANINGS: ThresholdMeaning[] = ['ok-if', 'alert-if', 'warn-if'];

/** The line's words without list markers, checkboxes and emphasis. */
function plainLine(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
    .replace(/[*_`#>]/g, '')
    .trim();
}

export function MarkLineForm({ line, text, onMark, onCancel }: { line: number; text: string; onMark: (r: CorrectionRequest) => void; onCancel: () => void }) {
  const parsed = parseThreshold(text);
  const [kind, setKind] = useState<'threshold' | 'gate'>(parsed ? 'threshold' : 'gate');
  const [title, setTitle] = useState(plainLine(text).slice(0, 300));
  const [minutes, setMinutes] = useState('');
  const [metric, setMetric] = useState(parsed?.metric ?? plainLine(text).slice(0, 60));
  const [op, setOp] = useState<ThresholdOp>(parsed && parsed.op !== 'between' ? parsed.op : '<');
  const [value, setValue] = useState(parsed ? String(parsed.value) : '');
  const [unit, setUnit] = useState(parsed?.unit ?? '');
  const [meaning, setMeaning] = useState<ThresholdMeaning>('ok-if');

  function submit() {
    if (kind === 'gate') {
      const offsetMs = minutes.trim() === '' ? null : Math.round(Number(minutes) * 60_000);
      if (offsetMs !== null && !Number.isFinite(offsetMs)) return;
      onMark({ kind: 'gate', line, title: title.trim(), offsetMs });
    } else {
      const number = Number(value);
      if (!Number.isFinite(number) || value.trim() === '') return;
      onMark({ kind: 'threshold', line, metric: metric.trim(), op, value: number, upper: null, unit: unit.trim() || null, meaning });
    }
  }

  return (
    <div className="mark-line" role="group" aria-label={`Mark line ${line}`}>
      <fieldset>
        <legend>Line {line} is a</legend>
        <label>
          <input type="radio" name={`mark-${line}`} checked={kind === 'threshold'} onChange={() => setKind('threshold')} /> threshold
        </label>
        <label>
          <input type="radio" name={`mark-${line}`} checked={kind === 'gate'} onChange={() => setKind('gate')} /> gate
        </label>
      </fieldset>
      {kind === 'gate' ? (
        <>
          <label>
            Gate title <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
          </label>
          <label>
            Minutes from T0 (blank: no time) <input value={minutes} onChange={(e) => setMinutes(e.target.value)} inputMode="numeric" pattern="-?[0-9]+(\.[0-9]+)?" />
          </label>
        </>
      ) : (
        <>
          <label>
            Metric <input value={metric} onChange={(e) => setMetric(e.target.value)} required maxLength={200} />
          </label>
          <label>
            Comparison
            <select value={op} onChange={(e) => setOp(e.target.value as ThresholdOp)}>
              {OPS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </label>
          <label>
            Value <input value={value} onChange={(e) => setValue(e.target.value)} required inputMode="decimal" pattern="-?[0-9]+(\.[0-9]+)?" />
          </label>
          <label>
            Unit <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={20} placeholder="%, ms, s, rps" />
          </label>
          <label>
            Meaning
            <select value={meaning} onChange={(e) => setMeaning(e.target.value as ThresholdMeaning)}>
              {MEANINGS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        </>
      )}
      <div className="actions">
        <button type="button" onClick={submit}>
          Mark as {kind}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
