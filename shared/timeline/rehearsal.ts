// Rehearsal vs live: a production session can pick a rehearsal (a session on staging) and show,
// per step, how long the step took there against how long it has been running, or took, now.
// Steps are matched by id, which is stable across re-imports of the same runbook.
//
// Like is compared with like: only a *complete* rehearsal run counts — one that succeeded on every
// host it was started on, and was not a re-run of some hosts of an earlier run (a one-host re-run
// of a failed ten-host run says nothing about how long the step takes). Among those, one on the
// same targets as the live run is preferred. The comparison names the run it used (when, on which
// hosts, with which fan-out), or says there is none.

import type { Step } from '../runbook/model';
import { runHistoryByStep, runDurationMs, type StepRun } from './runs';
import { wholeSeconds } from './minutes';

/** A step run with what tells whether it is comparable (absent for runs known only by their times). */
export interface RehearsalRun extends StepRun {
  runId?: string;
  /** Hosts it was started on, in order. */
  targets?: readonly string[];
  /** Set when it re-ran some hosts of an earlier run. */
  rerunOf?: string | null;
  /** The fan-out in words ("all at once, 2 at a time"). */
  fanOut?: string;
}

export interface RehearsalSource {
  runId: string | null;
  startedAtMs: number;
  durationMs: number;
  targets: readonly string[];
  fanOut: string | null;
}

export interface RehearsalDuration {
  durationMs: number;
  status: 'succeeded';
  /** The rehearsal run the duration comes from. */
  source: RehearsalSource;
}

/** Why a step has no rehearsal duration: it never ran there, or no run of it was complete. */
export type NoRehearsalReason = 'not-rehearsed' | 'no-complete-run';

function complete(run: RehearsalRun): boolean {
  return run.status === 'succeeded' && run.endedAtMs != null && !run.rerunOf;
}

function sameTargets(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a != null && b != null && a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * One duration per step from a rehearsal's runs: its last complete run, preferring one on
 * `liveTargets[stepId]` when given. Failed, cancelled, open and partial re-runs count for nothing.
 */
export function rehearsalDurations(runs: readonly RehearsalRun[], liveTargets: ReadonlyMap<string, readonly string[]> = new Map()): Map<string, RehearsalDuration> {
  const out = new Map<string, RehearsalDuration>();
  for (const [stepId, history] of runHistoryByStep(runs) as Map<string, RehearsalRun[]>) {
    const candidates = history.filter(complete);
    const wanted = liveTargets.get(stepId);
    const pick = candidates.filter((r) => sameTargets(r.targets, wanted)).pop() ?? candidates.pop();
    if (!pick) continue;
    const durationMs = runDurationMs(pick, pick.startedAtMs);
    out.set(stepId, {
      durationMs,
      status: 'succeeded',
      source: { runId: pick.runId ?? null, startedAtMs: pick.startedAtMs, durationMs, targets: pick.targets ?? [], fanOut: pick.fanOut ?? null },
    });
  }
  return out;
}

export interface RehearsalComparison {
  stepId: string;
  title: string;
  rehearsal: RehearsalDuration | null;
  /** Set when `rehearsal` is null. */
  noRehearsal: NoRehearsalReason | null;
  /** The rehearsal run was on other hosts than the live run (counts may differ too). */
  targetsDiffer: boolean;
  live: 'not-started' | 'running' | 'finished';
  /** Elapsed so far while running, actual length once finished, null before it starts. */
  liveDurationMs: number | null;
  /** live − rehearsal; positive = slower than the rehearsal. Null if either side is missing. */
  deltaMs: number | null;
  deltaSeconds: number | null;
  /** Running and already longer than it took in the rehearsal. */
  overRehearsal: boolean;
}

/** Per step of the runbook, in runbook order, the live run (latest) against the rehearsal's duration. */
export function compareWithRehearsal(
  steps: readonly Step[],
  rehearsalRuns: readonly RehearsalRun[],
  liveRuns: readonly RehearsalRun[],
  nowMs: number,
): RehearsalComparison[] {
  const live = runHistoryByStep(liveRuns) as Map<string, RehearsalRun[]>;
  const liveTargets = new Map<string, readonly string[]>();
  for (const [stepId, history] of live) {
    const targets = history[history.length - 1]?.targets;
    if (targets) liveTargets.set(stepId, targets);
  }
  const rehearsal = rehearsalDurations(rehearsalRuns, liveTargets);
  const rehearsed = new Set(rehearsalRuns.map((r) => r.stepId));
  return steps.map((step) => {
    const history = live.get(step.id) ?? [];
    const run = history[history.length - 1];
    const r = rehearsal.get(step.id) ?? null;
    const liveDurationMs = run ? runDurationMs(run, nowMs) : null;
    const deltaMs = liveDurationMs != null && r ? liveDurationMs - r.durationMs : null;
    const targetsDiffer = r != null && run?.targets != null && r.source.targets.length > 0 && !sameTargets(r.source.targets, run.targets);
    return {
      stepId: step.id,
      title: step.title,
      rehearsal: r,
      noRehearsal: r ? null : rehearsed.has(step.id) ? 'no-complete-run' : 'not-rehearsed',
      targetsDiffer,
      live: !run ? 'not-started' : run.status === 'running' ? 'running' : 'finished',
      liveDurationMs,
      deltaMs,
      deltaSeconds: deltaMs == null ? null : wholeSeconds(deltaMs),
      overRehearsal: run?.status === 'running' && deltaMs != null && deltaMs > 0,
    };
  });
}
