// The report model: the session's folded state, the facts over time, the timeline as it ended, and
// the summary numbers the retrospective opens with. Every format is rendered from this one model,
// so the HTML, the PDF and the Markdown can never disagree about what happened.
import type { GateDecision } from '../log/metricsEvents';
import type { SessionSummary } from '../api/sessions';
import type { LoggedEvent } from '../log/eventTypes';
import type { Runbook } from '../runbook/model';
import { foldSessionState, type SessionState } from '../session/sessionState';
import type { StepRunState } from '../session/stepRunsState';
import { decidedGateIdsOf, gateOutcomesOf, stepRunsOf } from '../session/timelineInputs';
import { timelineAt, type TimelineState } from '../timeline/timelineAt';
import { runbookNames, type RunbookNames } from './eventSummary';
import { collectReportFacts, type ReportFacts } from './reportFacts';

/**
 * A step that started less than a minute after its planned start is on time in the report, the
 * way the console shows it ("late 3 min" counts whole minutes; click latency is not lateness).
 */
export const LATE_TOLERANCE_MS = 60_000;

export interface ReportInput {
  session: SessionSummary;
  runbook: Runbook | null;
  /** Every event of the session, seq 1 to the head, already verified by the caller. */
  events: readonly LoggedEvent[];
  chain: {
    algorithm: string;
    headSeq: number;
    headHash: string;
    /** The workspace's Ed25519 signature over the session id and head, with the key that checks it. */
    signature?: { algorithm: string; publicKey: string; fingerprint: string; value: string };
  };
  exportedAt: number;
  appVersion: string;
  /** The session file these exports belong with (complete output, the chain): linked by name. */
  sessionFileName: string;
}

export interface GateDecisionSummary {
  seq: number;
  at: string;
  gateId: string;
  title: string;
  decision: GateDecision;
  by: string;
  role: string | null;
}

export interface FailedStep {
  runId: string;
  stepId: string;
  title: string;
  status: StepRunState['status'];
  failedHosts: string[];
}

export interface LateStep {
  stepId: string;
  title: string;
  startDeltaMs: number;
}

export interface ReportSummary {
  plannedT0: string;
  t0: string;
  firstStepAt: string | null;
  lastStepEndAt: string | null;
  /** First step start → last step end; null when no step ran. */
  launchDurationMs: number | null;
  /** First event → last event. */
  sessionSpanMs: number;
  decisions: GateDecisionSummary[];
  /** The highest decision level the tree reached while monitoring, with when it was first reached. */
  highestLevel: { level: number; title: string | null; verdict: string | null; at: string; seq: number } | null;
  alertsRaised: number;
  alertsBySeverity: Record<'warning' | 'escalate' | 'page', number>;
  alertsActiveAtEnd: number;
  stepRuns: number;
  stepsFailed: FailedStep[];
  stepsLate: LateStep[];
  checklist: { done: number; total: number };
}

export interface ReportModel extends ReportInput {
  state: SessionState;
  facts: ReportFacts;
  names: RunbookNames;
  /** The report's "now": the last event (the session as it stood when it was exported). */
  endMs: number;
  /** Null without a runbook (nothing is planned). */
  timeline: TimelineState | null;
  summary: ReportSummary;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const state = foldSessionState(input.events);
  if (!state) throw new Error(`session ${input.session.id} has no events`);
  const facts = collectReportFacts(input.events);
  const endMs = Date.parse(facts.lastAt ?? input.session.createdAt);
  const timeline = input.runbook
    ? timelineAt(input.runbook, Date.parse(state.header.t0), endMs, stepRunsOf(state), { decidedGateIds: decidedGateIdsOf(state, input.runbook.gates), gateOutcomes: gateOutcomesOf(state, input.runbook.gates), toleranceMs: LATE_TOLERANCE_MS })
    : null;
  return {
    ...input,
    state,
    facts,
    names: runbookNames(input.runbook),
    endMs,
    timeline,
    summary: summarize(input, state, facts, timeline),
  };
}

function summarize(input: ReportInput, state: SessionState, facts: ReportFacts, timeline: TimelineState | null): ReportSummary {
  const runs = state.steps.order.map((id) => state.steps.runs[id]!);
  const starts = runs.map((r) => Date.parse(r.startedAt));
  const ends = runs.flatMap((r) => (r.endedAt ? [Date.parse(r.endedAt)] : []));
  const firstStart = starts.length ? Math.min(...starts) : null;
  const lastEnd = ends.length ? Math.max(...ends) : null;

  const highest = state.metrics.levelHistory.reduce<ReportSummary['highestLevel']>(
    (best, entry) => (entry.to > (best?.level ?? 0) ? { level: entry.to, title: entry.title, verdict: entry.verdict, at: entry.at, seq: entry.seq } : best),
    null,
  );
  const raised = facts.alerts.filter((a) => a.transition === 'raised');
  const bySeverity = { warning: 0, escalate: 0, page: 0 };
  for (const alert of raised) bySeverity[alert.alert.severity]++;

  const failed: FailedStep[] = runs
    .filter((run) => run.status === 'failed' || run.status === 'interrupted' || run.status === 'cancelled')
    .map((run) => ({
      runId: run.runId,
      stepId: run.stepId,
      title: run.stepTitle,
      status: run.status,
      failedHosts: run.targets.filter((t) => !['succeeded', 'skipped', 'pending'].includes(run.hosts[t]?.status ?? 'pending')),
    }));
  const late: LateStep[] = (timeline?.steps ?? [])
    .filter((s) => s.timing === 'late' && s.startDeltaMs !== null)
    .map((s) => ({ stepId: s.stepId, title: s.title, startDeltaMs: s.startDeltaMs! }));

  const leafIds = leafItemIds(input.runbook);
  const done = leafIds.filter((id) => state.checklist[id]?.checked).length;

  return {
    plannedT0: state.header.plannedT0,
    t0: state.header.t0,
    firstStepAt: firstStart === null ? null : new Date(firstStart).toISOString(),
    lastStepEndAt: lastEnd === null ? null : new Date(lastEnd).toISOString(),
    launchDurationMs: firstStart !== null && lastEnd !== null ? lastEnd - firstStart : null,
    sessionSpanMs: Date.parse(facts.lastAt ?? input.session.createdAt) - Date.parse(facts.firstAt ?? input.session.createdAt),
    decisions: state.metrics.gateDecisions.map((d) => ({ seq: d.seq, at: d.at, gateId: d.gateId, title: d.title, decision: d.decision, by: d.actor.name, role: d.role })),
    highestLevel: highest,
    alertsRaised: raised.length,
    alertsBySeverity: bySeverity,
    alertsActiveAtEnd: Object.keys(state.metrics.alerts).length,
    stepRuns: runs.length,
    stepsFailed: failed,
    stepsLate: late,
    checklist: { done, total: leafIds.length },
  };
}

/** Items without children: a parent's progress is its children's, so only leaves are counted. */
function leafItemIds(runbook: Runbook | null): string[] {
  if (!runbook) return [];
  const parents = new Set(runbook.checklistItems.flatMap((item) => (item.parentId ? [item.parentId] : [])));
  return runbook.checklistItems.filter((item) => !parents.has(item.id)).map((item) => item.id);
}
