// Every gate of the runbook: when it is due, who decides it (the runbook's approver lines, or roles
// set here — logged), each approver's vote, and every decision in order with who took it, when, the
// reason and the evidence the console logged with it (values, queries, verdicts, series).
import type { EvidenceSnapshot } from '../../../../shared/metrics/evidence';
import { describeActor } from '../../../../shared/log/actor';
import { useId, useState, type FormEvent } from 'react';
import type { Gate, Runbook } from '../../../../shared/runbook/model';
import { gateStatusOf, type GateStatus } from '../../../../shared/session/gateStatus';
import type { GateDecisionEntry, MetricsState } from '../../../../shared/session/metricsState';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import { useNow } from '../timeline/useTimeline';
import { GateHistory, GateOutcomeBadge, GateVotes, OverdueBadge } from './GateHistory';
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
        <strong className={`decision-word decision-${decision.decision.toLowerCase()}`}>{decision.decision}</strong>
        {decision.role && (
          <>
            {' '}
            for <strong>{decision.role}</strong>
            {decision.onBehalf && <strong className="warn-text"> (recorded for the absent approver)</strong>}
          </>
        )}{' '}
        by <strong>{describeActor(decision.actor)}</strong> at <span className="mono">{formatUtc(decision.at)}</span>
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

function ApproversEditor({ gate, status, readOnly }: { gate: Gate; status: GateStatus; readOnly: boolean }) {
  const setGateApprovers = useAppStore((s) => s.setGateApprovers);
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState('');
  const [reason, setReason] = useState('');
  const rolesId = useId();
  const reasonId = useId();
  const from = { runbook: 'named in the runbook', console: 'set in the console', none: '' }[status.approvers.source];
  async function save(event: FormEvent) {
    event.preventDefault();
    const list = roles.split(',').map((role) => role.trim()).filter(Boolean);
    if (await setGateApprovers(gate.id, list, reason.trim() || null)) setEditing(false);
  }
  return (
    <div className="gate-approvers">
      <p>
        {status.approvers.roles.length > 0 ? (
          <>
            Decided by <strong>{status.approvers.roles.join(', ')}</strong> <span className="muted">({from}; passes only when every one says GO)</span>
          </>
        ) : (
          <span className="muted">No approvers named: the IC decides alone.</span>
        )}{' '}
        {!readOnly && !editing && (
          <button
            type="button"
            onClick={() => {
              setRoles(status.approvers.roles.join(', '));
              setEditing(true);
            }}
          >
            Set approvers…
          </button>
        )}
      </p>
      {editing && (
        <form className="gate-form" onSubmit={(event) => void save(event)} aria-label={`Approvers of ${gate.title}`}>
          <label htmlFor={rolesId}>Approver roles, separated by commas (empty: the IC decides alone)</label>
          <input id={rolesId} value={roles} onChange={(e) => setRoles(e.target.value)} maxLength={1000} />
          <label htmlFor={reasonId}>Reason (optional)</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
          <div className="actions">
            <button type="submit">Save approvers</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function GatesPanel({ runbook, metrics, t0, readOnly = false }: { runbook: Runbook; metrics: MetricsState; t0: string; readOnly?: boolean }) {
  const nowMs = useNow(5000);
  const t0Ms = Date.parse(t0);
  if (runbook.gates.length === 0) return null;
  return (
    <section className="panel gates-panel" aria-label="Gates">
      <h2>Gates: GO / HOLD / ROLLBACK</h2>
      <ul className="gates">
        {runbook.gates.map((gate) => {
          const status = gateStatusOf(gate, metrics, t0Ms, nowMs);
          const dueAt = status.dueAtMs;
          return (
            <li key={gate.id} className="gate-row" aria-label={`Gate: ${gate.title}`}>
              <h3>
                ◆ {gate.title}{' '}
                <span className="muted mono">
                  {gate.offsetMs === null ? 'no time' : `${formatOffsetLabel(gate.offsetMs)} · ${formatUtc(dueAt!, false)}`}
                </span>{' '}
                {(status.history.length > 0 || (dueAt !== null && dueAt <= nowMs)) && <GateOutcomeBadge outcome={status.outcome} />} <OverdueBadge minutes={status.overdueMinutes} />
              </h3>
              <ApproversEditor gate={gate} status={status} readOnly={readOnly} />
              <GateVotes status={status} />
              <GateHistory status={status} />
              {status.history.length > 0 ? (
                [...status.history].reverse().map((decision) => <GateDecisionView key={decision.seq} decision={decision} />)
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
