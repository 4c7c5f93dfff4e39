// How a gate stands, in pieces every screen reuses: the outcome in words and colour, "overdue" with
// its minutes, each approver's vote, and the whole sequence of decisions on one line
// ("HOLD 12:35 by A — p95 latency 812 ms → GO 12:41 by B — p95 latency 301 ms").
import { describeActor } from '../../../../shared/log/actor';
import type { Runbook } from '../../../../shared/runbook/model';
import { decisionLine, dueGateStatuses, OUTCOME_TEXT, type GateOutcome, type GateStatus } from '../../../../shared/session/gateStatus';
import type { SessionState } from '../../../../shared/session/sessionState';
import { formatUtc } from '../../format';
import { useNow } from '../timeline/useTimeline';
import './gates.css';

export function GateOutcomeBadge({ outcome }: { outcome: GateOutcome }) {
  return (
    <span className={`gate-outcome outcome-${outcome}`} data-testid="gate-outcome">
      {OUTCOME_TEXT[outcome]}
    </span>
  );
}

export function OverdueBadge({ minutes }: { minutes: number | null }) {
  if (minutes === null) return null;
  return (
    <span className="gate-overdue" data-testid="gate-overdue">
      OVERDUE {minutes} min
    </span>
  );
}

export function GateVotes({ status }: { status: GateStatus }) {
  if (status.votes.length === 0) return null;
  return (
    <table className="gate-votes" aria-label="Votes by approver">
      <thead>
        <tr>
          <th scope="col">Approver</th>
          <th scope="col">Vote</th>
          <th scope="col">Recorded</th>
        </tr>
      </thead>
      <tbody>
        {status.votes.map(({ role, vote }) => (
          <tr key={role}>
            <th scope="row">{role}</th>
            <td>{vote ? <span className={`decision-word decision-${vote.decision.toLowerCase()}`}>{vote.decision}</span> : <span className="muted">no vote yet</span>}</td>
            <td>
              {vote ? (
                <>
                  {formatUtc(vote.at)} by {describeActor(vote.actor)}
                  {vote.onBehalf && <strong className="warn-text"> — recorded for the absent approver</strong>}
                  {vote.reason && (
                    <>
                      {' '}
                      — <q>{vote.reason}</q>
                    </>
                  )}
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GateHistory({ status }: { status: GateStatus }) {
  if (status.history.length === 0) return null;
  return (
    <p className="gate-history" data-testid="gate-history">
      <span className="muted">Decisions: </span>
      {status.history.map((entry, index) => (
        <span key={entry.seq}>
          {index > 0 && <span className="gate-history-arrow"> → </span>}
          <span className={`gate-history-item decision-text-${entry.decision.toLowerCase()}`}>{decisionLine(entry)}</span>
        </span>
      ))}
    </p>
  );
}

/**
 * One line per gate that is due and has not passed, for screens without the decision panel (the
 * war-room display, a viewer, a tab without an actor): where it stands and for how long.
 */
export function GateStrip({ runbook, state, large = false }: { runbook: Runbook; state: SessionState; large?: boolean }) {
  const nowMs = useNow(5000);
  const due = dueGateStatuses(runbook.gates, state.metrics, Date.parse(state.header.t0), nowMs);
  if (due.length === 0) return null;
  return (
    <section className={`gate-strip${large ? ' is-large' : ''}`} aria-label="Gates waiting for a decision">
      <ul>
        {due.map(({ gate, status }) => (
          <li key={gate.id} className={`outcome-${status.outcome}`}>
            ◆ <strong>{gate.title}</strong> <GateOutcomeBadge outcome={status.outcome} /> <OverdueBadge minutes={status.overdueMinutes} />
            {status.votes.length > 0 && (
              <span className="muted"> · {status.votes.map((v) => `${v.role}: ${v.vote?.decision ?? '—'}`).join(' · ')}</span>
            )}
            {status.history.length > 0 && <div className="gate-strip-history">{status.history.map(decisionLine).join(' → ')}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
