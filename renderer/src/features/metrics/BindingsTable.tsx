// Which query answers each metric the runbook names: source, query and unit per row, prefilled
// from the suggestions (with where each came from), and the metrics nothing answers yet.
import { METRIC_UNITS } from '../../../../shared/metrics/units';
import type { MetricsConfigView, SourcesTest } from '../../store/metricsSlice';
import { formatShown } from './metricsFormat';
import { newRowId, type BindingRow } from './settingsForm';

const BASIS_TEXT = { 'front-matter': 'front matter', 'runbook-name': 'named in the runbook', derived: 'derived', convention: 'a guess (exporter convention)' } as const;

interface BindingsTableProps {
  rows: BindingRow[];
  unbound: MetricsConfigView['unbound'];
  tested: SourcesTest['bindings'] | null;
  readOnly: boolean;
  onChange: (rows: BindingRow[]) => void;
}

function testText(result: SourcesTest['bindings'][number]): string {
  switch (result.status) {
    case 'ok':
      return `OK: ${formatShown(result.value, result.unit)}`;
    case 'no-data':
      return `NO DATA${result.message ? `: ${result.message}` : ''}`;
    default:
      return `${result.status.toUpperCase()}: ${result.message ?? ''}`;
  }
}

export function BindingsTable({ rows, unbound, tested, readOnly, onChange }: BindingsTableProps) {
  const update = (rowId: number, patch: Partial<BindingRow>) => onChange(rows.map((row) => (row.rowId === rowId ? { ...row, ...patch } : row)));
  const bound = new Set(rows.map((row) => row.metricKey));
  const stillUnbound = unbound.filter((metric) => !bound.has(metric.metricKey));
  return (
    <>
      <table className="bindings-table" aria-label="Metric bindings">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Source</th>
            <th scope="col">Query</th>
            <th scope="col">Unit</th>
            <th scope="col">From</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const result = tested?.find((t) => t.metricKey === row.metricKey);
            return (
              <tr key={row.rowId}>
                <th scope="row">
                  {row.name}
                  <div className="muted mono small">{row.metricKey}</div>
                </th>
                <td>
                  <select aria-label={`Source for ${row.name}`} value={row.source} disabled={readOnly} onChange={(e) => update(row.rowId, { source: e.target.value as BindingRow['source'] })}>
                    <option value="prometheus">Prometheus (PromQL)</option>
                    <option value="scrape">/metrics scrape</option>
                    <option value="health">Health check</option>
                  </select>
                  {row.source !== 'prometheus' && (
                    <input aria-label={`URL for ${row.name}`} placeholder="default /metrics URL" value={row.url} disabled={readOnly} onChange={(e) => update(row.rowId, { url: e.target.value })} />
                  )}
                </td>
                <td className="query-cell">
                  <textarea aria-label={`Query for ${row.name}`} className="mono" rows={2} value={row.query} disabled={readOnly} spellCheck={false} onChange={(e) => update(row.rowId, { query: e.target.value })} />
                  {result && (
                    <div className={`test-result ${result.status === 'ok' ? 'ok-text' : 'warn-text'}`} role="status">
                      {testText(result)}
                    </div>
                  )}
                  {!readOnly &&
                    row.suggestion?.alternatives
                      .filter((alternative) => alternative !== row.query)
                      .map((alternative) => (
                        <button key={alternative} type="button" className="link-button" onClick={() => update(row.rowId, { query: alternative })} aria-label={`Use the alternative query for ${row.name}: ${alternative}`}>
                          Use <code>{alternative}</code>
                        </button>
                      ))}
                </td>
                <td>
                  <select aria-label={`Unit for ${row.name}`} value={row.unit} disabled={readOnly} onChange={(e) => update(row.rowId, { unit: e.target.value })}>
                    <option value="">none</option>
                    {METRIC_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {unit}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="small">{row.suggestion ? <span title={row.suggestion.evidence}>{BASIS_TEXT[row.suggestion.basis]}</span> : <span className="muted">by hand</span>}</td>
                {!readOnly && (
                  <td>
                    <button type="button" onClick={() => onChange(rows.filter((r) => r.rowId !== row.rowId))} aria-label={`Remove the binding for ${row.name}`}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {stillUnbound.length > 0 && (
        <div className="unbound">
          <h4>Not bound — these thresholds cannot be evaluated (shown as no data, never as a pass):</h4>
          <ul aria-label="Unbound metrics">
            {stillUnbound.map((metric) => (
              <li key={metric.metricKey}>
                {metric.name} <span className="muted">({metric.thresholdIds.length} thresholds)</span>
                {!readOnly && (
                  <button
                    type="button"
                    onClick={() => onChange([...rows, { rowId: newRowId(), metricKey: metric.metricKey, name: metric.name, source: 'prometheus', query: '', unit: '', url: '', suggestion: null }])}
                  >
                    Bind {metric.name}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
