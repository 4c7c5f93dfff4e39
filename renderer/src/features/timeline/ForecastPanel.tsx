// What is still ahead: every step and gate not yet done with its planned and forecast start and end
// (from the actual durations so far and the dependency graph), the slip, and whether it is on the
// critical path — the chain that sets the projected end.
import type { NodeForecast } from '../../../../shared/plan/forecast';
import type { TimelineState } from '../../../../shared/timeline';
import { formatOffsetLabel, wallTimeIn } from '../../../../shared/timeline';

const utc = (ms: number | null) => (ms === null ? '—' : wallTimeIn(ms, { kind: 'utc' }).timeShort);

function span(start: number | null, end: number | null): string {
  if (start === null) return '—';
  return end === null || end === start ? utc(start) : `${utc(start)}–${utc(end)}`;
}

function slip(node: NodeForecast): string {
  if (node.startAtMs === null || node.plannedStartAtMs === null) return '';
  const minutes = Math.round((node.startAtMs - node.plannedStartAtMs) / 60_000);
  if (minutes === 0) return 'on plan';
  return minutes > 0 ? `+${minutes} min` : `${minutes} min`;
}

const BASIS: Record<NodeForecast['basis'], string> = {
  actual: 'done',
  running: 'running',
  held: 'held (no GO)',
  forecast: 'forecast',
  unknown: 'unknown: not placed in time',
};

export function ForecastPanel({ timeline, onSelectStep }: { timeline: TimelineState; onSelectStep?: (stepId: string) => void }) {
  const { forecast } = timeline;
  const ahead = forecast.nodes.filter((n) => n.kind !== 'milestone' && !n.rollback && n.basis !== 'actual');
  // Milestones on the path only mark time; the path is named by its work and its gates.
  const critical = forecast.criticalPath.map((id) => forecast.byId.get(id)!).filter((n) => n && n.kind !== 'milestone');
  return (
    <section className="panel forecast-panel" aria-label="Forecast">
      <h2>Forecast</h2>
      <p className="forecast-summary">
        {forecast.projectedEndAtMs === null ? (
          <span className="muted">No projected end: nothing ahead is placed in time.</span>
        ) : (
          <>
            Projected end <strong className="mono">{utc(forecast.projectedEndAtMs)} UTC</strong>
            {forecast.plannedEndAtMs !== null && <> (planned {utc(forecast.plannedEndAtMs)}, {formatOffsetLabel(forecast.projectedEndAtMs - timeline.t0Ms)})</>}
          </>
        )}
      </p>
      {critical.length > 0 && (
        <p className="critical-path" aria-label="Critical path">
          Critical path: {critical.map((n) => n.title).join(' → ')}
        </p>
      )}
      {ahead.length === 0 ? (
        <p className="muted">Every step and gate is done.</p>
      ) : (
        <table className="forecast-table" aria-label="Forecast per step and gate">
          <thead>
            <tr>
              <th scope="col">Step or gate</th>
              <th scope="col">Planned (UTC)</th>
              <th scope="col">Forecast (UTC)</th>
              <th scope="col">Slip</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {ahead.map((n) => (
              <tr key={n.id} className={n.critical ? 'is-critical' : undefined}>
                <th scope="row">
                  {n.kind === 'step' && onSelectStep ? (
                    <button type="button" className="link-button" onClick={() => onSelectStep(n.id)}>
                      {n.title}
                    </button>
                  ) : (
                    <>
                      {n.kind === 'gate' && <span className="muted">Gate: </span>}
                      {n.title}
                    </>
                  )}
                </th>
                <td className="mono">{span(n.plannedStartAtMs, n.plannedEndAtMs)}</td>
                <td className="mono">{span(n.startAtMs, n.endAtMs)}</td>
                <td>{slip(n)}</td>
                <td>
                  {BASIS[n.basis]}
                  {n.critical && <strong className="critical-badge"> · critical</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
