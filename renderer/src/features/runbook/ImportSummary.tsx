import type { RunbookPreview } from './RunbookPicker';

/** What the import found, and every warning with its line — so nothing is silently dropped. */
export function ImportSummary({ preview }: { preview: RunbookPreview }) {
  const { summary, source } = preview;
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
    </section>
  );
}
