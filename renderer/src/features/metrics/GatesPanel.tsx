// Every gate of the runbook: when it is due, and once decided, the decision, who took it and when,
// the reason and the evidence the console logged with it (values, queries, verdicts, series).
import type { EvidenceSnapshot } from '../../../../shared/metrics/evidence';
import { describeActor } from '../../../../shared/log/actor';
import type { Runbook } from '../../../../shared/runbook/model';
import { gateDecisionOf, type GateDecisionEntry, type MetricsState } from '../../../../shared/session/metricsState';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { formatUtc } from '../../format';
import { useNow } from '../timeline/useTimeline';
import { GateCriteriaTable, VERDICT_TEXT } from './GatePrompt';
import { formatShown } from './metricsFormat';

const STATUS_TEXT = { pending: 'waiting', ok: 'OK', 'no-data': 'NO DATA', error: 'ERROR', down: 'DOWN', stale: 'STALE' } as const;

function EvidenceView({ evidence }: { evidence: EvidenceSnapshot }) {
  const minutes = Math.round(evidence.windowMs / 60_000);
  return (
    <details className="evidence">
      <summary>
        Evidence taken {formatUtc(evidence.takenAt)}: {evidence.metrics.length} metrics with {minutes} min of series
      </summary>
      {evidence.gate && <GateCriteriaTable check={evidence.gate} caption="Gate criteria at the decision" />}
      <table className="evidence-metrics" aria-label="Metrics at the decision">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Status</th>
            <th scope="col">Value</th>
            <th scope="col">Series</th>
            <th scope="col">Query</th>
          </tr>
        </thead>
        <tbody>
          {evidence.metrics.map((metric) => {
            const values = metric.series.map(([, v]) => v).filter((v): v is number => typeof v === 'number');
            return (
              <tr key={metric.metricKey}>
                <th scope="row">{metric.name}</th>
                <td>
                  {STATUS_TEXT[metric.status]}
                  {metric.message ? <span className="muted"> — {metric.message}</span> : null}
                </td>
                <td className="mono">{metric.status === 'no-data' ? 'no data' : formatShown(metric.value, metric.unit)}</td>
                <td className="mono">
                  {metric.series.length} points
                  {values.length === 0 && metric.series.length > 0 && <span className="muted"> (none with a value)</span>}
                  {values.length > 0 && (
                    <span className="muted">
                      {' '}
                      (min {formatShown(Math.min(...values), metric.unit)}, max {formatShown(Math.max(...values), metric.unit)})
                    </span>
                  )}
                </td>
                <td className="mono muted">{metric.query}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {evidence.decision && (
        <p>
          Decision level then: <strong>Level {evidence.decision.level}</strong>
          {evidence.decision.title ? ` — ${evidence.decision.title}` : ''}
          {!evidence.decision.certain && ' (not certain)'}
          {evidence.decision.why.length > 0 && <span className="muted"> · {evidence.decision.why.join('; ')}</span>}
        </p>
      )}
    </details>
  );
}

export function GateDecisionView({ decision }: { decision: GateDecisionEntry }) {
  return (
    <div className="gate-decision" data-testid="gate-decision">
      <p>
        <strong className={`decision-word decision-${decision.decision === 'GO' ? 'go' : 'nogo'}`}>{decision.decision}</strong> by{' '}
        <strong>{describeActor(decision.actor)}</strong> at <span className="mono">{formatUtc(decision.at)}</span>
        {decision.reason && (
          <>
            {' '}
            — <q>{decision.reason}</q>
          </>
        )}
        <span className="muted"> · metrics said {VERDICT_TEXT[decision.verdict]}</span>
      </p>
      <EvidenceView evidence={decision.evidence} />
    </div>
  );
}

export function GatesPanel({ runbook, metrics, t0 }: { runbook: Runbook; metrics: MetricsState; t0: string }) {
  const nowMs = useNow(5000);
  const t0Ms = Date.parse(t0);
  if (runbook.gates.length === 0) return null;
  return (
    <section className="panel gates-panel" aria-label="Gates">
      <h2>Go / No-Go gates</h2>
      <ul className="gates">
        {runbook.gates.map((gate) => {
          const decision = gateDecisionOf(metrics, gate.id);
          const dueAt = gate.offsetMs === null ? null : t0Ms + gate.offsetMs;
          return (
            <li key={gate.id} className="gate-row" aria-label={`Gate: ${gate.title}`}>
              <h3>
                ◆ {gate.title}{' '}
                <span className="muted mono">
                  {gate.offsetMs === null ? 'no time' : `${formatOffsetLabel(gate.offsetMs)} · ${formatUtc(dueAt!, false)}`}
                </span>
              </h3>
              {decision ? (
                <GateDecisionView decision={decision} />
              ) : dueAt !== null && dueAt <= nowMs ? (
                <p className="warn-text">Due — not decided yet.</p>
              ) : (
                <p className="muted">Not due yet.</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
