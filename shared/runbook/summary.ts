// The `tminus import FILE --summary` shape: what a person checks after importing a runbook.
import type { Diagnostic, PlannedWindow, Runbook } from './model';
import { formatOffset } from './import/times';

export interface RunbookSummary {
  title: string;
  t0: string | null;
  counts: {
    sections: number;
    checklistItems: number;
    steps: number;
    milestones: number;
    gates: number;
    thresholds: number;
    decisionLevels: number;
    roles: number;
  };
  /** Sorted secret names. */
  secrets: string[];
  steps: Array<{ title: string; window: string | null }>;
  gates: Array<{ title: string; time: string | null }>;
  /** Errors and warnings (not info notes), in line order. */
  warnings: Array<{ line: number; column: number; message: string }>;
}

export { formatOffset };

/** `T+5m..T+15m`, `T+30m` (start only), `..T+15m` (end only), or null when the runbook gives no time. */
export function formatWindow(window: PlannedWindow): string | null {
  const { startOffsetMs: start, endOffsetMs: end } = window;
  if (start === null && end === null) return null;
  if (end === null) return formatOffset(start!);
  if (start === null) return `..${formatOffset(end)}`;
  return `${formatOffset(start)}..${formatOffset(end)}`;
}

function isWarning(d: Diagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

export function summarizeRunbook(rb: Runbook): RunbookSummary {
  return {
    title: rb.title,
    t0: rb.t0,
    counts: {
      sections: rb.sections.length,
      checklistItems: rb.checklistItems.length,
      steps: rb.steps.length,
      milestones: rb.milestones.length,
      gates: rb.gates.length,
      thresholds: rb.thresholds.length,
      decisionLevels: rb.decisionLevels.length,
      roles: rb.roles.length,
    },
    secrets: [...rb.secrets].sort(),
    steps: rb.steps.map((s) => ({ title: s.title, window: formatWindow(s.window) })),
    gates: rb.gates.map((g) => ({ title: g.title, time: g.offsetMs === null ? null : formatOffset(g.offsetMs) })),
    warnings: rb.diagnostics.filter(isWarning).map((d) => ({ line: d.line, column: d.column, message: d.message })),
  };
}
