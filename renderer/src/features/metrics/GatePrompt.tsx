// At a gate's time (T0 + its offset, on the console's clock) an undecided gate asks for GO / NO-GO:
// a panel in the page, not a modal that steals focus, with each criterion's live value and verdict
// (pass / fail / no data). The console's verdict is advice; the IC decides, with a reason for NO-GO.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { GateDecision, JsonNumber } from '../../../../shared/log/metricsEvents';
import type { Gate, Runbook } from '../../../../shared/runbook/model';
import { gateDecisionOf } from '../../../../shared/session/metricsState';
import type { SessionState } from '../../../../shared/session/sessionState';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import type { GateCheck } from '../../store/metricsSlice';
import { useNow } from '../timeline/useTimeline';
import { formatShown } from './metricsFormat';

export const VERDICT_TEXT = { pass: 'PASS', fail: 'FAIL', 'no-data': 'NO DATA', 'no-criteria': 'NO CRITERIA' } as const;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, '');

/** Undecided gates whose time has come. */
export function dueGates(runbook: Runbook, state: SessionState, nowMs: number): Gate[] {
  const t0 = Date.parse(state.header.t0);
  return runbook.gates.filter((gate) => gate.offsetMs !== null && t0 + gate.offsetMs <= nowMs && !gateDecisionOf(state.metrics, gate.id));
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

function GatePrompt({ gate, t0Ms, refreshMs }: { gate: Gate; t0Ms: number; refreshMs: number }) {
  const evaluateGate = useAppStore((s) => s.evaluateGate);
  const decideGate = useAppStore((s) => s.decideGate);
  const [check, setCheck] = useState<GateCheck | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  const reasonId = useId();

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

  async function decide(decision: GateDecision, event?: FormEvent) {
    event?.preventDefault();
    if (decision === 'NO-GO' && !reason.trim()) {
      setProblem('A NO-GO needs a reason: say what you saw.');
      reasonRef.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    await decideGate(gate.id, decision, reason.trim() || null);
    setBusy(false);
  }

  const evaluation = check?.evaluation;
  // Criteria the runbook states in words only (the measured ones are in the table).
  const measured = new Set(check?.evaluation.criteria.map((c) => normalise(c.threshold)) ?? []);
  const prose = gate.criteria.filter((text) => !/^(NO-)?GO:/.test(text) && !measured.has(normalise(text)));
  return (
    <section className={`gate-prompt verdict-border-${evaluation?.verdict ?? 'no-data'}`} role="region" aria-labelledby={headingId}>
      <h2 id={headingId}>Go / No-Go: {gate.title}</h2>
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
      <form className="gate-form" onSubmit={(event) => void decide('GO', event)}>
        <label htmlFor={reasonId}>Reason (required for NO-GO)</label>
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
          <button type="button" className="danger" disabled={busy} onClick={() => void decide('NO-GO')}>
            Record NO-GO
          </button>
        </div>
      </form>
    </section>
  );
}

export function GatePrompts({ runbook, state, readOnly }: { runbook: Runbook; state: SessionState; readOnly: boolean }) {
  const nowMs = useNow(1000);
  const due = dueGates(runbook, state, nowMs);
  if (readOnly || due.length === 0) return null;
  const t0Ms = Date.parse(state.header.t0);
  const refreshMs = Math.max(2000, state.metrics.monitoring.pollIntervalMs ?? 5000);
  return (
    <>
      {due.map((gate) => (
        <GatePrompt key={gate.id} gate={gate} t0Ms={t0Ms} refreshMs={refreshMs} />
      ))}
    </>
  );
}
