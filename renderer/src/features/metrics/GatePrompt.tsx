// At a gate's time (T0 + its offset, on the console's clock) a gate that has not passed asks for a
// decision: GO, HOLD (not yet — fix and re-evaluate) or ROLLBACK. A panel in the page, not a modal
// that steals focus, with each criterion's live value and verdict (pass / fail / no data), the whole
// sequence of decisions so far and, where the gate names approvers, each role's vote. The console's
// verdict is advice; people decide. HOLD and ROLLBACK need a reason, and so does a vote recorded for
// an absent approver (logged as such).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { GateVote, JsonNumber } from '../../../../shared/log/metricsEvents';
import type { Actor } from '../../../../shared/log/actor';
import { isApproverLine } from '../../../../shared/metrics/gateApprovers';
import type { Gate, Runbook } from '../../../../shared/runbook/model';
import { dueGateStatuses, type GateStatus } from '../../../../shared/session/gateStatus';
import type { SessionState } from '../../../../shared/session/sessionState';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import type { GateCheck } from '../../store/metricsSlice';
import { useNow } from '../timeline/useTimeline';
import { GateHistory, GateOutcomeBadge, GateVotes, OverdueBadge } from './GateHistory';
import { formatShown } from './metricsFormat';
import './gates.css';

export const VERDICT_TEXT = { pass: 'PASS', fail: 'FAIL', 'no-data': 'NO DATA', 'no-criteria': 'NO CRITERIA' } as const;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, '');

/** Gates whose time has come and that have not passed (undecided, voting, on hold or stopped). */
export function dueGates(runbook: Runbook, state: SessionState, nowMs: number) {
  return dueGateStatuses(runbook.gates, state.metrics, Date.parse(state.header.t0), nowMs);
}

export interface CriterionRow {
  thresholdId: string;
  threshold: string;
  value: JsonNumber;
  unit: string | null;
  query: string | null;
  verdict: 'pass' | 'fail' | 'no-data';
  reason: string;
}

export function GateCriteriaTable({ check, caption }: { check: { criteria: readonly CriterionRow[] }; caption: string }) {
  return (
    <table className="gate-criteria" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          <th scope="col">Live value</th>
          <th scope="col">Verdict</th>
          <th scope="col">Query</th>
        </tr>
      </thead>
      <tbody>
        {check.criteria.map((criterion) => (
          <tr key={criterion.thresholdId}>
            <th scope="row">{criterion.threshold}</th>
            <td className="mono">{criterion.verdict === 'no-data' ? 'no data' : formatShown(criterion.value, criterion.unit)}</td>
            <td>
              <span className={`verdict verdict-${criterion.verdict}`} title={criterion.reason}>
                {VERDICT_TEXT[criterion.verdict]}
              </span>
            </td>
            <td className="mono muted">{criterion.query ?? 'not bound'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function defaultRole(status: GateStatus, actor: Actor | null): string {
  const mine = status.approvers.roles.find((role) => role.toLowerCase() === actor?.role?.trim().toLowerCase());
  return mine ?? status.votes.find((v) => v.vote?.decision !== 'GO')?.role ?? status.approvers.roles[0] ?? '';
}

function GatePrompt({ gate, status, t0Ms, refreshMs, actor }: { gate: Gate; status: GateStatus; t0Ms: number; refreshMs: number; actor: Actor | null }) {
  const evaluateGate = useAppStore((s) => s.evaluateGate);
  const decideGate = useAppStore((s) => s.decideGate);
  const [check, setCheck] = useState<GateCheck | null>(null);
  const [reason, setReason] = useState('');
  const [role, setRole] = useState(() => defaultRole(status, actor));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  const reasonId = useId();
  const roleId = useId();

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const result = await evaluateGate(gate.id);
      if (alive && result) setCheck(result);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [gate.id, evaluateGate, refreshMs]);

  const approvers = status.approvers.roles;
  const chosenRole = approvers.includes(role) ? role : defaultRole(status, actor);
  // Voting for a role that is not the person's own is recording it for an absent approver.
  const onBehalf = approvers.length > 0 && chosenRole.toLowerCase() !== actor?.role?.trim().toLowerCase();

  async function decide(decision: GateVote, event?: FormEvent) {
    event?.preventDefault();
    const needs = decision !== 'GO' ? `A ${decision} needs a reason: say what you saw.` : onBehalf ? `Recording ${chosenRole}'s vote for them needs a reason: say why they are not voting themselves.` : null;
    if (needs && !reason.trim()) {
      setProblem(needs);
      reasonRef.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const ok = await decideGate(gate.id, decision, reason.trim() || null, approvers.length > 0 ? { role: chosenRole, onBehalf } : undefined);
    setBusy(false);
    if (ok) setReason('');
  }

  const evaluation = check?.evaluation;
  // Criteria the runbook states in words only (the measured ones are in the table; approver lines are votes).
  const measured = new Set(check?.evaluation.criteria.map((c) => normalise(c.threshold)) ?? []);
  const prose = gate.criteria.filter((text) => !/^(NO-)?GO:/.test(text) && !isApproverLine(text) && !measured.has(normalise(text)));
  return (
    <section className={`gate-prompt verdict-border-${evaluation?.verdict ?? 'no-data'} outcome-${status.outcome}`} role="region" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Gate: {gate.title} <GateOutcomeBadge outcome={status.outcome} /> <OverdueBadge minutes={status.overdueMinutes} />
      </h2>
      <p>
        Due at <span className="mono">{formatUtc(t0Ms + gate.offsetMs!, false)}</span> ({formatOffsetLabel(gate.offsetMs!)}).{' '}
        {evaluation ? (
          <>
            The metrics say <strong className={`verdict verdict-${evaluation.verdict}`}>{VERDICT_TEXT[evaluation.verdict]}</strong>
            {check?.reading === 'one-shot' && <span className="muted"> (read once now: monitoring is off)</span>} — advice only: you decide.
          </>
        ) : (
          <span className="muted">Reading the criteria…</span>
        )}
      </p>
      {evaluation && evaluation.criteria.length > 0 && <GateCriteriaTable check={evaluation} caption="Gate criteria, live" />}
      {prose.length > 0 && <p className="muted">Also check: {prose.join(' · ')}</p>}
      {(gate.goText || gate.noGoText) && (
        <p className="gate-meaning">
          {gate.goText && <>GO: {gate.goText}. </>}
          {gate.noGoText && <>NO-GO: {gate.noGoText}.</>}
        </p>
      )}
      <GateVotes status={status} />
      <GateHistory status={status} />
      <form className="gate-form" onSubmit={(event) => void decide('GO', event)}>
        {approvers.length > 0 && (
          <>
            <label htmlFor={roleId}>Vote for</label>
            <select id={roleId} value={chosenRole} onChange={(e) => setRole(e.target.value)}>
              {approvers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            {onBehalf && (
              <p className="warn-text" data-testid="on-behalf-note">
                You are recording this vote for {chosenRole}, who is not at this keyboard: a reason is required, and the log says so.
              </p>
            )}
          </>
        )}
        <label htmlFor={reasonId}>Reason (required for HOLD and ROLLBACK{approvers.length > 0 ? ', and for a vote recorded for someone else' : ''})</label>
        <textarea id={reasonId} ref={reasonRef} rows={2} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={problem ? true : undefined} />
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="go" disabled={busy}>
            Record GO
          </button>
          <button type="button" className="hold" disabled={busy} onClick={() => void decide('HOLD')}>
            Record HOLD
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void decide('ROLLBACK')}>
            Record ROLLBACK
          </button>
        </div>
      </form>
    </section>
  );
}

export function GatePrompts({ runbook, state, readOnly }: { runbook: Runbook; state: SessionState; readOnly: boolean }) {
  const nowMs = useNow(1000);
  const actor = useAppStore((s) => s.actors[state.header.id] ?? null);
  const due = dueGates(runbook, state, nowMs);
  if (readOnly || due.length === 0) return null;
  const t0Ms = Date.parse(state.header.t0);
  const refreshMs = Math.max(2000, state.metrics.monitoring.pollIntervalMs ?? 5000);
  return (
    <>
      {due.map(({ gate, status }) => (
        <GatePrompt key={gate.id} gate={gate} status={status} t0Ms={t0Ms} refreshMs={refreshMs} actor={actor} />
      ))}
    </>
  );
}
