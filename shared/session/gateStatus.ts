// Where a gate stands, from the log: who must decide it, each approver's latest vote, the outcome,
// the whole sequence of decisions, and whether its time has passed with nothing decided.
//
// Rules (issue 14): a gate is decided again as often as needed — HOLD (not yet), fix, re-evaluate,
// GO — and the latest decision of each voter counts. Where the gate names approvers, it passes only
// when every one of them says GO; a ROLLBACK from anyone stops it; a HOLD from anyone holds it.
// NO-GO, written by sessions before HOLD existed, counts as a HOLD.
import type { GateDecision } from '../log/metricsEvents';
import { approversFromGate } from '../metrics/gateApprovers';
import { formatMeasured } from '../metrics/units';
import type { Gate } from '../runbook/model';
import { gateDecisionsOf, type GateDecisionEntry, type MetricsState } from './metricsState';

/**
 * - `undecided`: nobody has decided yet;
 * - `voting`: some approvers said GO, others have not voted;
 * - `hold`: held (HOLD or an old NO-GO) — to be re-evaluated;
 * - `rollback`: someone said ROLLBACK: the gate is stopped;
 * - `go`: passed.
 */
export type GateOutcome = 'undecided' | 'voting' | 'hold' | 'rollback' | 'go';

export interface GateApprovers {
  roles: string[];
  /** `runbook`: read from the gate's lines; `console`: set in the UI (logged); `none`: the IC alone decides. */
  source: 'runbook' | 'console' | 'none';
}

export interface RoleVote {
  role: string;
  /** The role's latest vote, or null when it has not voted. */
  vote: GateDecisionEntry | null;
}

export interface GateStatus {
  gateId: string;
  approvers: GateApprovers;
  votes: RoleVote[];
  outcome: GateOutcome;
  /** The decision that set the outcome (the latest one), or null. */
  latest: GateDecisionEntry | null;
  history: GateDecisionEntry[];
  dueAtMs: number | null;
  /** Whole minutes past its time with no decision (undecided or still voting); null when not overdue. */
  overdueMinutes: number | null;
}

export function approversOf(gate: Gate, metrics: MetricsState): GateApprovers {
  const set = metrics.gateApprovers[gate.id];
  if (set) return { roles: set.roles, source: set.roles.length > 0 ? 'console' : 'none' };
  // The importer names them (Gate.approvers); runbooks frozen before it did are read here.
  const roles = gate.approvers && gate.approvers.length > 0 ? gate.approvers : approversFromGate(gate);
  return { roles, source: roles.length > 0 ? 'runbook' : 'none' };
}

const isHold = (decision: GateDecision) => decision === 'HOLD' || decision === 'NO-GO';

function outcomeOf(approvers: readonly string[], history: readonly GateDecisionEntry[]): { outcome: GateOutcome; votes: RoleVote[] } {
  if (approvers.length === 0) {
    const latest = history.at(-1);
    if (!latest) return { outcome: 'undecided', votes: [] };
    return { outcome: latest.decision === 'GO' ? 'go' : latest.decision === 'ROLLBACK' ? 'rollback' : 'hold', votes: [] };
  }
  const key = (role: string) => role.toLowerCase();
  const votes = approvers.map((role): RoleVote => ({ role, vote: history.findLast((d) => d.role !== null && key(d.role) === key(role)) ?? null }));
  // A decision without a role (taken before the approvers were named) still counts when it stops or holds.
  const others = history.filter((d) => d.role === null || !approvers.some((role) => key(role) === key(d.role!)));
  const latestOther = others.at(-1);
  const current = [...votes.map((v) => v.vote), latestOther ?? null].filter((d): d is GateDecisionEntry => d !== null);
  let outcome: GateOutcome;
  if (current.some((d) => d.decision === 'ROLLBACK')) outcome = 'rollback';
  else if (current.some((d) => isHold(d.decision))) outcome = 'hold';
  else if (votes.every((v) => v.vote?.decision === 'GO')) outcome = 'go';
  else outcome = current.length > 0 ? 'voting' : 'undecided';
  return { outcome, votes };
}

export function gateStatusOf(gate: Gate, metrics: MetricsState, t0Ms: number, nowMs: number): GateStatus {
  const approvers = approversOf(gate, metrics);
  const history = gateDecisionsOf(metrics, gate.id);
  const { outcome, votes } = outcomeOf(approvers.roles, history);
  const dueAtMs = gate.offsetMs === null || !Number.isFinite(t0Ms) ? null : t0Ms + gate.offsetMs;
  const waiting = outcome === 'undecided' || outcome === 'voting';
  const late = dueAtMs !== null && waiting ? Math.floor((nowMs - dueAtMs) / 60_000) : null;
  return {
    gateId: gate.id,
    approvers,
    votes,
    outcome,
    latest: history.at(-1) ?? null,
    history,
    dueAtMs,
    overdueMinutes: late !== null && late >= 1 ? late : null,
  };
}

/** Gates whose time has come and that have not passed (undecided, voting, on hold or stopped), with where they stand. */
export function dueGateStatuses(gates: readonly Gate[], metrics: MetricsState, t0Ms: number, nowMs: number): Array<{ gate: Gate; status: GateStatus }> {
  return gates
    .map((gate) => ({ gate, status: gateStatusOf(gate, metrics, t0Ms, nowMs) }))
    .filter(({ status }) => status.dueAtMs !== null && status.dueAtMs <= nowMs && status.outcome !== 'go');
}

/** Gates that no longer wait for a decision: passed or stopped (a HOLD is re-evaluated, so it still waits). */
export function settledGateIds(gates: readonly Gate[], metrics: MetricsState): Set<string> {
  const settled = new Set<string>();
  for (const gate of gates) {
    const { outcome } = outcomeOf(approversOf(gate, metrics).roles, gateDecisionsOf(metrics, gate.id));
    if (outcome === 'go' || outcome === 'rollback') settled.add(gate.id);
  }
  return settled;
}

/**
 * Where each decided gate stands, as the forecast reads it: `GO` only once the gate has passed —
 * every required approver's GO, at the time the last of them came — never on one approver's GO of
 * several. A gate still voting, on hold or stopped holds what waits for it.
 */
export function gateReleases(gates: readonly Gate[], metrics: MetricsState): Array<{ gateId: string; decision: 'GO' | 'VOTING' | 'HOLD' | 'ROLLBACK'; atMs: number }> {
  return gates.flatMap((gate) => {
    const history = gateDecisionsOf(metrics, gate.id);
    const latest = history.at(-1);
    if (!latest) return [];
    const { outcome, votes } = outcomeOf(approversOf(gate, metrics).roles, history);
    if (outcome === 'undecided') return [];
    const atMs = outcome === 'go' && votes.length > 0 ? Math.max(...votes.map((v) => Date.parse(v.vote!.at))) : Date.parse(latest.at);
    const decision = outcome === 'go' ? 'GO' : outcome === 'voting' ? 'VOTING' : outcome === 'rollback' ? 'ROLLBACK' : 'HOLD';
    return [{ gateId: gate.id, decision, atMs }];
  });
}

export const OUTCOME_TEXT: Record<GateOutcome, string> = {
  undecided: 'NOT DECIDED',
  voting: 'WAITING FOR VOTES',
  hold: 'ON HOLD',
  rollback: 'ROLLBACK',
  go: 'GO',
};

/** `12:35` (UTC, as every time on the console's screens). */
function clockOf(iso: string): string {
  return iso.slice(11, 16);
}

/**
 * What the metrics said at the decision, in a few words: the criteria that failed, else every
 * criterion (`p95 latency 812 ms`), at most three.
 */
export function decisionFacts(entry: GateDecisionEntry): string[] {
  const criteria = entry.evidence.gate?.criteria ?? [];
  const failing = criteria.filter((c) => c.verdict !== 'pass');
  const chosen = (failing.length > 0 ? failing : criteria).slice(0, 3);
  return chosen.map((c) => {
    if (c.value === null) return `${c.metric} no data`;
    const value = typeof c.value === 'string' ? (c.value === '+Inf' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : c.value;
    return `${c.metric} ${formatMeasured(value, c.unit)}`;
  });
}

/** `HOLD 12:35 by Ana (Engineering Lead) — p95 latency 812 ms`. */
export function decisionLine(entry: GateDecisionEntry): string {
  const who = `${entry.actor.name}${entry.role ? ` (${entry.role}${entry.onBehalf ? ', recorded for them' : ''})` : ''}`;
  const facts = decisionFacts(entry);
  return `${entry.decision} ${clockOf(entry.at)} by ${who}${facts.length > 0 ? ` — ${facts.join(', ')}` : ''}`;
}

/** The whole sequence: `HOLD 12:35 by A — p95 812 ms → GO 12:41 by B — p95 301 ms`. */
export function gateHistoryLine(history: readonly GateDecisionEntry[]): string {
  return history.map(decisionLine).join(' → ');
}
