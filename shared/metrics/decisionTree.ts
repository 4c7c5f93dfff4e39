// The rollback decision tree, evaluated continuously: which level (0 = none, 1 minor … 3 critical)
// the launch is at, *why* (the metrics, values, thresholds and queries that put it there), and
// what the runbook prescribes (its actions and rollback steps).
//
// Rules:
// - A level holds when any of its measurable conditions breaches (held for its sustained window
//   when it has one). The current level is the highest level that holds; between bands share their
//   edge (`1-3%` and `3-10%` at 3 %) and the higher level wins.
// - A condition whose metric has no usable data (stale, no data, error, down, unbound) is
//   `unknown`: it neither holds nor clears. When such a condition belongs to a level above the one
//   that holds, the evaluation is not `certain` and names the reason.
// - Conditions the runbook states in words only ("Data corruption detected") are listed as
//   `manual`: for the IC to judge, they do not make the evaluation uncertain.
//
// Hysteresis (in `DecisionLevelTracker`): a higher level is taken at once; a lower level only
// after it has been the evaluated level for `clearAfterMs`, and only when every condition of the
// levels being left is known to be clear — lost data holds the level (it never lowers it silently).
// An unbound metric is a setting, not lost data: it makes the evaluation uncertain but does not
// hold the level.
import type { DecisionLevel, Threshold } from '../runbook/model';
import { DEFAULT_CLEAR_AFTER_MS } from './alerts';
import type { ThresholdVerdict } from './thresholds';

export type ConditionState = 'holds' | 'pending' | 'clear' | 'unknown' | 'manual';

export interface ConditionResult {
  level: number;
  levelId: string;
  text: string;
  thresholdId: string | null;
  state: ConditionState;
  /** Null for manual conditions. */
  verdict: ThresholdVerdict | null;
}

export interface LevelSummary {
  level: number;
  levelId: string;
  title: string;
  verdict: string;
  holds: boolean;
  conditions: ConditionResult[];
}

export interface DecisionEvaluation {
  at: number;
  /** Highest level that holds on known data; 0 when none does. */
  level: number;
  /** False when a condition of a higher level could not be evaluated. */
  certain: boolean;
  /** The current level's title, verdict, actions and rollback steps (empty at level 0). */
  title: string | null;
  verdict: string | null;
  actions: string[];
  stepIds: string[];
  /** Conditions of the current level that hold. */
  why: ConditionResult[];
  /** Conditions above the current level whose data is missing, with the reason in their verdict. */
  unknown: ConditionResult[];
  /** Conditions breaching but not yet for their sustained window. */
  pending: ConditionResult[];
  levels: LevelSummary[];
}

function conditionState(verdict: ThresholdVerdict | undefined, thresholdId: string | null): ConditionState {
  if (thresholdId === null) return 'manual';
  if (!verdict) return 'unknown';
  switch (verdict.state) {
    case 'breach':
      return 'holds';
    case 'pending':
      return 'pending';
    case 'ok':
      return 'clear';
    case 'unknown':
      return 'unknown';
  }
}

export function evaluateDecisionTree(levels: readonly DecisionLevel[], verdicts: ReadonlyMap<string, ThresholdVerdict>, now: number): DecisionEvaluation {
  const summaries: LevelSummary[] = [...levels]
    .sort((a, b) => a.level - b.level)
    .map((level) => {
      const conditions = level.conditions.map((condition): ConditionResult => {
        const verdict = condition.thresholdId === null ? undefined : verdicts.get(condition.thresholdId);
        return {
          level: level.level,
          levelId: level.id,
          text: condition.text,
          thresholdId: condition.thresholdId,
          state: conditionState(verdict, condition.thresholdId),
          verdict: verdict ?? null,
        };
      });
      return { level: level.level, levelId: level.id, title: level.title, verdict: level.verdict, holds: conditions.some((c) => c.state === 'holds'), conditions };
    });

  const current = [...summaries].reverse().find((summary) => summary.holds) ?? null;
  const level = current?.level ?? 0;
  const above = summaries.filter((summary) => summary.level > level).flatMap((summary) => summary.conditions);
  const unknown = above.filter((condition) => condition.state === 'unknown');
  const source = current ? levels.find((l) => l.id === current.levelId) : undefined;
  return {
    at: now,
    level,
    certain: unknown.length === 0,
    title: current?.title ?? null,
    verdict: current?.verdict ?? null,
    actions: source?.actions ?? [],
    stepIds: source?.stepIds ?? [],
    why: current?.conditions.filter((c) => c.state === 'holds') ?? [],
    unknown,
    pending: summaries.flatMap((summary) => summary.conditions).filter((c) => c.state === 'pending'),
    levels: summaries,
  };
}

/** One line: why the evaluation says what it says. */
export function explainEvaluation(evaluation: DecisionEvaluation): string {
  const parts: string[] = [];
  if (evaluation.level === 0) parts.push('Level 0: no decision-tree condition holds');
  else {
    const reasons = evaluation.why.map((c) => `${c.verdict?.reason ?? c.text}${c.verdict?.query ? ` [${c.verdict.query}]` : ''}`);
    parts.push(`Level ${evaluation.level} (${evaluation.title}${evaluation.verdict ? ` — ${evaluation.verdict}` : ''}): ${reasons.join('; ')}`);
  }
  if (!evaluation.certain) {
    parts.push(`not certain: ${evaluation.unknown.map((c) => `level ${c.level} "${c.text}" ${c.verdict ? c.verdict.reason.replace(/^.*?: unknown — /, 'unknown — ') : 'unknown'}`).join('; ')}`);
  }
  return parts.join('. ');
}

export interface LevelChange {
  at: number;
  from: number;
  to: number;
  fromCertain: boolean;
  toCertain: boolean;
  /** A sentence for the log and the banner. */
  reason: string;
  evaluation: DecisionEvaluation;
}

export interface DecisionState {
  level: number;
  certain: boolean;
  since: number;
  /** Set while a lower level is evaluated but not yet taken, with why. */
  holding: string | null;
  evaluation: DecisionEvaluation;
}

export interface DecisionLevelTrackerOptions {
  clearAfterMs?: number;
  /**
   * The level already in force (a console restarted while monitoring, from its log): the first
   * evaluation is compared with it, so it is neither announced again nor lowered on lost data.
   */
  initial?: { level: number; certain: boolean; since: number } | null;
}

/** Applies the hysteresis rules to successive evaluations and reports level changes. */
export class DecisionLevelTracker {
  private state: DecisionState | null = null;
  private lowerSince: number | null = null;
  private readonly clearAfterMs: number;
  private readonly initial: DecisionLevelTrackerOptions['initial'];

  constructor(options: DecisionLevelTrackerOptions = {}) {
    this.clearAfterMs = options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS;
    this.initial = options.initial ?? null;
  }

  current(): DecisionState | null {
    return this.state;
  }

  update(evaluation: DecisionEvaluation, now: number): LevelChange | null {
    const previous = this.state ?? (this.initial ? { ...this.initial, holding: null, evaluation } : { level: 0, certain: true, since: now, holding: null, evaluation });
    let level = evaluation.level;
    let certain = evaluation.certain;
    let holding: string | null = null;
    if (evaluation.level >= previous.level) {
      this.lowerSince = null;
    } else {
      const lost = lostDataBetween(evaluation, evaluation.level, previous.level);
      if (lost.length > 0) {
        this.lowerSince = null;
        level = previous.level;
        certain = false;
        holding = `holding level ${previous.level}: cannot confirm it cleared — ${describeLost(lost)}`;
      } else {
        this.lowerSince ??= now;
        if (now - this.lowerSince < this.clearAfterMs) {
          level = previous.level;
          holding = `holding level ${previous.level} until level ${evaluation.level} has held for ${formatSeconds(this.clearAfterMs)}`;
        } else {
          this.lowerSince = null;
        }
      }
    }

    const changed = this.state === null && !this.initial ? level !== 0 || !certain : level !== previous.level || certain !== previous.certain;
    this.state = { level, certain, since: changed || (this.state === null && !this.initial) ? now : previous.since, holding, evaluation };
    if (!changed) return null;
    let reason: string;
    if (level < previous.level) reason = `Level ${previous.level} → ${level} after ${formatSeconds(this.clearAfterMs)} below: ${explainEvaluation(evaluation)}`;
    else if (level > previous.level) reason = `Level ${previous.level} → ${level}: ${explainEvaluation(evaluation)}`;
    else reason = `Level ${level} ${certain ? 'is certain again' : 'is no longer certain'}: ${holding ?? explainEvaluation(evaluation)}`;
    return { at: now, from: previous.level, to: level, fromCertain: previous.certain, toCertain: certain, reason, evaluation };
  }
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** `Error rate: stale for 12 s (…)`, once per metric however many levels it appears in. */
function describeLost(conditions: readonly ConditionResult[]): string {
  const lines = new Set(conditions.map((c) => (c.verdict ? `${c.verdict.metric} ${c.verdict.reason.slice(c.verdict.reason.indexOf('unknown — '))}` : c.text)));
  return [...lines].join('; ');
}

/** Conditions of levels in (lower, upper] whose data was lost (unbound does not count: it is a setting). */
function lostDataBetween(evaluation: DecisionEvaluation, lower: number, upper: number): ConditionResult[] {
  return evaluation.levels
    .filter((summary) => summary.level > lower && summary.level <= upper)
    .flatMap((summary) => summary.conditions)
    .filter((condition) => condition.state === 'unknown' && condition.verdict?.unknownCause !== 'unbound');
}

/** Thresholds a set of decision levels refers to (for binding and polling only what is needed). */
export function decisionThresholds(levels: readonly DecisionLevel[], thresholds: readonly Threshold[]): Threshold[] {
  const ids = new Set(levels.flatMap((level) => level.conditions.map((c) => c.thresholdId)).filter((id): id is string => id !== null));
  return thresholds.filter((threshold) => ids.has(threshold.id));
}
