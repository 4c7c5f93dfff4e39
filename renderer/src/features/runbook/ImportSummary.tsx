import type { CorrectionRequest } from '../../../../shared/runbook/corrections/apply';
import { CorrectionsReview } from './CorrectionsReview';
import type { RunbookPreview } from './RunbookPicker';

/** What the import found, and every warning with its line — so nothing is silently dropped. */
export function ImportSummary({ preview, onCorrect, busy }: { preview: RunbookPreview; onCorrect: (r: CorrectionRequest) => void; busy: boolean }) {
  const { summary, source, coverage } = preview;
  const counts: Array<[string, number]> = [
    ['checklist items', summary.counts.checklistItems],
    ['steps', summary.counts.steps],
    ['milestones', summary.counts.milestones],
    ['gates', summary.counts.gates],
    ['thresholds', summary.counts.thresholds],
    ['decision levels', summary.counts.decisionLevels],
    ['roles', summary.counts.roles],
  ];
  return (
    <section className="import-summary" aria-label="Import summary">
      <p>
        <strong>{summary.title}</strong> from <span className="mono">{source.sourceName}</span>
      </p>
      <ul className="counts">
        {counts.map(([label, count]) => (
          <li key={label}>
            <span className="mono">{count}</span> {label}
          </li>
        ))}
      </ul>
      {summary.secrets.length > 0 && (
        <p>
          Secrets the session will ask for: <span className="mono">{summary.secrets.join(', ')}</span>
        </p>
      )}
      {summary.warnings.length > 0 ? (
        <details open className="import-warnings">
          <summary>
            {summary.warnings.length} {summary.warnings.length === 1 ? 'warning' : 'warnings'}
          </summary>
          <ul aria-label="Import warnings">
            {summary.warnings.map((w, i) => (
              <li key={i}>
                <span className="mono">
                  {source.sourceName}:{w.line}:{w.column}
                </span>{' '}
                {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="ok-text">No warnings.</p>
      )}
      {coverage && coverage.candidates > 0 && (
        <details open={coverage.missed.length > 0} className="import-warnings import-coverage">
          <summary>
            Understood {coverage.understood} of {coverage.candidates} lines that look like times, thresholds, gates, roles or sign-offs ({coverage.sharePercent}%)
          </summary>
          {coverage.missed.length > 0 && (
            <ul aria-label="Not understood">
              {coverage.missed.map((m, i) => (
                <li key={i}>
                  <span className="mono">
                    {source.sourceName}:{m.line}:{m.column}
                  </span>{' '}
                  {m.message}
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
      <CorrectionsReview runbook={preview.runbook} missed={coverage?.missed ?? []} onCorrect={onCorrect} disabled={busy} />
    </section>
  );
}
