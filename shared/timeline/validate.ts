// Times that do not fit, listed for display. The console shows every one of these next to the
// timeline; none of them stops a launch or is silently corrected.

import type { Runbook, Step } from '../runbook/model';
import { formatDuration, formatOffsetLabel, formatUtc, formatWindowLabel } from './format';
import { plannedSpanOf } from './plan';

export type TimelineIssueKind =
  | 't0-invalid'
  | 't0-in-past'
  | 'step-without-window'
  | 'window-without-end'
  | 'window-end-before-start'
  | 'overlapping-windows'
  | 'milestones-out-of-order'
  | 'phase-end-before-start'
  | 'gate-without-time';

export interface TimelineIssue {
  kind: TimelineIssueKind;
  /** `error`: the plan math cannot be trusted there; `warning`: shown plainly, the math copes. */
  severity: 'error' | 'warning';
  message: string;
  stepId?: string;
  /** The other step of an overlap. */
  otherStepId?: string;
  milestoneId?: string;
  gateId?: string;
  sectionId?: string;
  /** Source line in the runbook, when the issue belongs to one node. */
  line?: number;
}

export interface ValidateOptions {
  /**
   * A launch that has not begun: T0 in the past is then a mistake (a stale date, a wrong day).
   * Callers pass `!isLaunchRunning(…)` for an existing session, true when creating one.
   */
  newLaunch: boolean;
}

const quote = (step: Step) => `"${step.title || step.heading}"`;

function stepIssues(runbook: Runbook): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  for (const step of runbook.steps) {
    const { startOffsetMs: start, endOffsetMs: end } = step.window;
    const span = plannedSpanOf(step);
    if (start != null && end != null && end < start) {
      issues.push({
        kind: 'window-end-before-start',
        severity: 'error',
        message: `Step ${quote(step)}: its window ends before it starts (${formatWindowLabel(start, end)}).`,
        stepId: step.id,
        line: step.line,
      });
    } else if (!span && !step.rollback) {
      // Rollback steps run on demand, when the decision tree says so; a time would be wrong for them.
      const detail = step.plannedDurationMs != null ? ` (it has a duration, ${formatDuration(step.plannedDurationMs)}, but no time)` : '';
      issues.push({
        kind: 'step-without-window',
        severity: 'warning',
        message: `Step ${quote(step)} has no planned window${detail}: it cannot be late or early, and the projected end leaves it out.`,
        stepId: step.id,
        line: step.line,
      });
    } else if (span?.basis === 'start-only' && !step.rollback) {
      issues.push({
        kind: 'window-without-end',
        severity: 'warning',
        message: `Step ${quote(step)} has a start (${formatOffsetLabel(span.startOffsetMs)}) but no end or duration: it is planned as an instant.`,
        stepId: step.id,
        line: step.line,
      });
    }
  }
  return issues;
}

function overlapIssues(runbook: Runbook): TimelineIssue[] {
  const placed = runbook.steps
    .map((step) => ({ step, span: plannedSpanOf(step) }))
    .filter((p): p is { step: Step; span: NonNullable<typeof p.span> } => p.span != null && p.span.endOffsetMs >= p.span.startOffsetMs)
    .sort((a, b) => a.span.startOffsetMs - b.span.startOffsetMs || a.step.line - b.step.line);
  const issues: TimelineIssue[] = [];
  placed.forEach((a, i) => {
    for (const b of placed.slice(i + 1)) {
      if (b.span.startOffsetMs >= a.span.endOffsetMs) break; // sorted by start: no later b can overlap a
      if (a.span.startOffsetMs < b.span.endOffsetMs) {
        issues.push({
          kind: 'overlapping-windows',
          severity: 'warning',
          message:
            `Steps ${quote(a.step)} (${formatWindowLabel(a.span.startOffsetMs, a.span.endOffsetMs)}) and ` +
            `${quote(b.step)} (${formatWindowLabel(b.span.startOffsetMs, b.span.endOffsetMs)}) have overlapping windows.`,
          stepId: a.step.id,
          otherStepId: b.step.id,
          line: b.step.line,
        });
      }
    }
  });
  return issues;
}

function milestoneIssues(runbook: Runbook): TimelineIssue[] {
  // Front-matter milestones are a list at the top of the file, not part of the document's flow.
  const inSourceOrder = runbook.milestones
    .filter((m) => m.source !== 'front-matter')
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const issues: TimelineIssue[] = [];
  let latest = inSourceOrder[0];
  for (const m of inSourceOrder.slice(1)) {
    if (latest && m.offsetMs < latest.offsetMs) {
      issues.push({
        kind: 'milestones-out-of-order',
        severity: 'warning',
        message:
          `Milestone "${m.text}" (${formatOffsetLabel(m.offsetMs)}, line ${m.line}) comes before ` +
          `"${latest.text}" (${formatOffsetLabel(latest.offsetMs)}, line ${latest.line}) in time but after it in the runbook.`,
        milestoneId: m.id,
        line: m.line,
      });
    } else {
      latest = m;
    }
  }
  return issues;
}

function sectionAndGateIssues(runbook: Runbook): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  for (const s of runbook.sections) {
    if (s.startOffsetMs != null && s.endOffsetMs != null && s.endOffsetMs < s.startOffsetMs) {
      issues.push({
        kind: 'phase-end-before-start',
        severity: 'error',
        message: `Section "${s.title}" ends before it starts (${formatWindowLabel(s.startOffsetMs, s.endOffsetMs)}).`,
        sectionId: s.id,
        line: s.line,
      });
    }
  }
  for (const g of runbook.gates) {
    if (g.offsetMs == null) {
      issues.push({
        kind: 'gate-without-time',
        severity: 'warning',
        message: `Gate "${g.title}" has no time: it will not be prompted on its own.`,
        gateId: g.id,
        line: g.line,
      });
    }
  }
  return issues;
}

function t0Issues(t0Ms: number, nowMs: number, options: ValidateOptions): TimelineIssue[] {
  if (!Number.isFinite(t0Ms)) return [{ kind: 't0-invalid', severity: 'error', message: 'T0 is not a valid time.' }];
  if (options.newLaunch && t0Ms < nowMs) {
    return [
      {
        kind: 't0-in-past',
        severity: 'warning',
        message: `T0 (${formatUtc(t0Ms, true)}) is ${formatDuration(nowMs - t0Ms)} in the past for a launch that has not begun.`,
      },
    ];
  }
  return [];
}

/** Every timing problem of this runbook at this T0, in a stable order: T0, steps, overlaps, milestones, sections, gates. */
export function validateTimeline(runbook: Runbook, t0Ms: number, nowMs: number, options: ValidateOptions): TimelineIssue[] {
  return [
    ...t0Issues(t0Ms, nowMs, options),
    ...stepIssues(runbook),
    ...overlapIssues(runbook),
    ...milestoneIssues(runbook),
    ...sectionAndGateIssues(runbook),
  ];
}
