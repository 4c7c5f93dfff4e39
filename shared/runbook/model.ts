// The runbook model: what importing a markdown runbook produces.
//
// Everything here is plain data (JSON-serialisable) so it can be frozen into a session, sent over
// IPC/HTTP and exported. Times are offsets from T0 in milliseconds, so a launch is rescheduled by
// moving T0 alone. Every node keeps where it came from (1-based line and column) for errors and
// for the as-run export.
//
// Ids are stable across re-imports: they derive from the heading path, the node's own text and an
// ordinal among identical siblings — never from line numbers — so editing one part of the document
// does not re-key the rest (and a session's ticks stay attached to the right items).

import type { Correction } from './corrections/schema';

export const RUNBOOK_FORMAT_VERSION = 1;

/** One dependency edge; the basis says where it came from (see shared/plan/graph.ts). */
export interface Dependency {
  from: string;
  to: string;
  basis: 'order' | 'gate' | 'phase' | 'explicit';
}

/** Milliseconds relative to T0 (negative = before T0). */
export type TOffsetMs = number;

export interface SourcePos {
  /** 1-based line in the source file. */
  line: number;
  /** 1-based column in the source file. */
  column: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic extends SourcePos {
  severity: DiagnosticSeverity;
  /** Machine-readable kind, e.g. `unclosed-fence`, `unparseable-time`, `threshold-without-unit`. */
  code: string;
  message: string;
}

export type SectionKind = 'checklist' | 'phase' | 'reference';

export interface Section extends SourcePos {
  id: string;
  /** Plain heading text (markup and emoji kept as written, bold markers removed). */
  title: string;
  /** Heading level 1–6. */
  depth: number;
  parentId: string | null;
  kind: SectionKind;
  /** Last source line that belongs to this section (inclusive), before the next heading of same or higher rank. */
  endLine: number;
  /** Planned start of this section relative to T0 when the heading or its first milestone says so. */
  startOffsetMs: TOffsetMs | null;
  endOffsetMs: TOffsetMs | null;
  /** Last line of the heading itself when it spans more than one line (setext underline); absent otherwise. */
  headingEndLine?: number;
}

export interface ChecklistItem extends SourcePos {
  id: string;
  sectionId: string;
  parentId: string | null;
  /** Nesting depth: 0 for top-level items of a list. */
  depth: number;
  /** The bold label when the item has one (`**Security Audit**`), else the whole text. */
  label: string;
  /** The full item text as plain text (bold markers removed). */
  text: string;
  /** Text after the bold label, if any. */
  detail: string;
  /** `- [x]` in the source. The session log, not this flag, decides the live state. */
  checkedInSource: boolean;
  /** Role responsible, when the document says so (e.g. under a `**Technical Lead**:` paragraph). */
  role: string | null;
  /** A sign-off ("Product manager approval", "CTO approval"): ticking it records an approver. */
  signOff: boolean;
  /** `numbered` when the source used an ordered list instead of checkboxes. */
  style: 'checkbox' | 'numbered' | 'bullet';
  /** Last source line of the item's own text (it may wrap); set by the importer. */
  endLine?: number;
}

export interface PlannedWindow {
  startOffsetMs: TOffsetMs | null;
  endOffsetMs: TOffsetMs | null;
}

/** Where a step runs. `local` is the IC's workstation. */
export interface TargetSpec {
  local: boolean;
  hosts: string[];
  groups: string[];
}

export interface Step extends SourcePos {
  id: string;
  sectionId: string;
  /** Title from the heading above the block, without the `Step N:` prefix and `(10 min)` suffix. */
  title: string;
  /** The heading text as written. */
  heading: string;
  /** The script exactly as in the fenced block. */
  script: string;
  /** Info string of the fence: bash, sh, shell, zsh — or `ansible` for a playbook (run with ansible-playbook). */
  shell: string;
  window: PlannedWindow;
  /** From a `(10 min)` heading suffix or front matter. */
  plannedDurationMs: number | null;
  /** From front matter `targets`; null when the runbook does not say. */
  target: TargetSpec | null;
  timeoutMs: number | null;
  /** Production runs always confirm; this marks steps the runbook itself flags as dangerous. */
  confirm: boolean;
  /** Part of the rollback decision tree (or titled as a rollback). */
  rollback: boolean;
  /** Secret names the script reads but never assigns, sorted. */
  secrets: string[];
  /** Last source line of the fenced block. */
  endLine: number;
}

export interface Milestone extends SourcePos {
  id: string;
  sectionId: string | null;
  offsetMs: TOffsetMs;
  text: string;
  source: 'bold-time' | 'timeline-line' | 'heading' | 'target-time' | 'front-matter';
}

export interface Gate extends SourcePos {
  id: string;
  sectionId: string | null;
  title: string;
  offsetMs: TOffsetMs | null;
  /** Threshold ids that decide this gate (success criteria of the canary above it). */
  thresholdIds: string[];
  /** Free-text criteria and GO / NO-GO instructions as written. */
  criteria: string[];
  goText: string | null;
  noGoText: string | null;
  /**
   * Role names whose vote or signature decides this gate ("Engineering Lead: GO / HOLD / ROLLBACK").
   * The importer always sets it; runbooks frozen into sessions before it existed lack it.
   */
  approvers?: string[];
}

export type ThresholdOp = '<' | '<=' | '>' | '>=' | 'between';

/**
 * `ok-if`: the phrase describes the healthy state (targets, success criteria: `Error rate < 1%`);
 * a breach is when it stops holding. `alert-if`: the phrase describes trouble (escalation, paging,
 * decision-tree symptoms: `Error rate > 5%`); it fires when it holds. `warn-if`: the phrase
 * describes a state that needs attention but is not yet trouble ("⚠️ 0.1% - 1%", YELLOW); it
 * raises a warning when it holds.
 */
export type ThresholdMeaning = 'ok-if' | 'alert-if' | 'warn-if';

export type ThresholdContext = 'target' | 'success' | 'escalation' | 'page' | 'decision-level';

export interface Threshold extends SourcePos {
  id: string;
  sectionId: string | null;
  /** Metric name as the document writes it ("Error rate", "p95 latency"). */
  metric: string;
  /** Normalised metric key used for bindings ("error_rate", "p95_latency"). */
  metricKey: string;
  op: ThresholdOp;
  value: number;
  /** Upper bound for `between`. */
  upper: number | null;
  /** Unit as written, normalised: '%', 'ms', 's', 'MB', 'GB', 'rps', 'count' or null when missing. */
  unit: string | null;
  meaning: ThresholdMeaning;
  context: ThresholdContext;
  /** Decision level (1–3) for `decision-level` thresholds. */
  level: number | null;
  /** "sustained" in the phrase: must hold for `sustainedMs` before it counts. */
  sustained: boolean;
  sustainedMs: number | null;
  /** What the document says happens (`Immediate escalation`, `Page on-call engineer`). */
  action: string | null;
  /** The phrase as written. */
  text: string;
  /** `baseline`: the value is a multiple of a baseline captured when the session starts ("> 2x baseline"). */
  relativeTo?: 'baseline';
  /** `suggested`: read from a code comment or echo text, so less certain than a stated criterion. */
  confidence?: 'suggested';
}

export interface DecisionCondition {
  text: string;
  /** Set when the condition is a measurable threshold. */
  thresholdId: string | null;
}

export interface DecisionLevel extends SourcePos {
  id: string;
  sectionId: string;
  level: number;
  /** "Minor Issues" */
  title: string;
  /** "Don't Rollback", "Prepare Rollback", "Immediate Rollback" */
  verdict: string;
  conditions: DecisionCondition[];
  actions: string[];
  /** Steps inside this level's section (the rollback commands). */
  stepIds: string[];
}

export interface Role extends SourcePos {
  id: string;
  name: string;
  responsibility: string | null;
  /** Remaining table columns by header (Name, Phone, Slack …). */
  fields: Record<string, string>;
}

export interface ReferenceBlock extends SourcePos {
  id: string;
  sectionId: string | null;
  /** Fence info string, or 'text' for prose that belongs to no other node. */
  lang: string;
  text: string;
  endLine: number;
}

/** A host from front matter (merged with ~/.ssh/config at connect time). */
export interface HostSpec {
  name: string;
  address: string | null;
  port: number | null;
  user: string | null;
  groups: string[];
  identityFile: string | null;
  proxyJump: string | null;
}

export type MetricSourceKind = 'prometheus' | 'scrape' | 'health';

/** Metric name → how to read it. From front matter, or suggested and edited in a session. */
export interface MetricBinding {
  /** Normalised metric key, same as Threshold.metricKey. */
  metricKey: string;
  /** Display name. */
  name: string;
  source: MetricSourceKind;
  /** PromQL for prometheus; metric name (with optional label matcher) for scrape; URL for health. */
  query: string;
  unit: string | null;
  /** Scrape / health URL when not the session's default source. */
  url: string | null;
}

/** A correction from the side file that found its line and changed the model. */
export interface AppliedCorrection {
  id: string;
  kind: Correction['kind'];
  /** The line it applies to in this version of the runbook. */
  line: number;
  /** What it changed, in words ("Error rate > 5%: alert-if instead of ok-if"). */
  description: string;
  /** The node it changed or added, or null for a dismissal. */
  targetId: string | null;
}

export interface UnmatchedCorrection {
  id: string;
  kind: Correction['kind'];
  /** Where the line was when the correction was made. */
  line: number;
  text: string;
  reason: string;
}

/** The IC's corrections kept beside the runbook (shared/runbook/corrections/). */
export interface RunbookCorrections {
  /** Side file name (`<runbook>.tminus-corrections.json`). */
  file: string;
  /** Every correction of the file as read, so one more can be added and the whole file written back. */
  entries: Correction[];
  applied: AppliedCorrection[];
  unmatched: UnmatchedCorrection[];
  /** The side file could not be read: nothing of it is applied, and nothing is lost (it is not rewritten). */
  error: { line: number; column: number; message: string } | null;
}

export interface Runbook {
  formatVersion: typeof RUNBOOK_FORMAT_VERSION;
  title: string;
  /** File name the runbook was imported from. */
  sourceName: string;
  /** `**Target Date**` as an ISO date (YYYY-MM-DD), if found. */
  targetDate: string | null;
  /** T0 as an ISO instant, from front matter or inferred from the document, or null. */
  t0: string | null;
  environment: 'staging' | 'production' | null;
  prometheusUrl: string | null;
  sections: Section[];
  checklistItems: ChecklistItem[];
  steps: Step[];
  milestones: Milestone[];
  gates: Gate[];
  thresholds: Threshold[];
  decisionLevels: DecisionLevel[];
  roles: Role[];
  /** Secret names referenced by any step, sorted. */
  secrets: string[];
  references: ReferenceBlock[];
  hosts: HostSpec[];
  metrics: MetricBinding[];
  diagnostics: Diagnostic[];
  /**
   * What waits for what among steps, gates and milestones (`from` is the predecessor), inferred and
   * from front matter `after`, frozen at import (shared/plan/graph.ts). Absent in runbooks imported
   * before dependencies existed: the plan then infers them the same way.
   */
  dependencies?: Dependency[];
  /** Total source lines, so "every line is accounted for" can be checked. */
  lineCount: number;
  /** Present when a corrections side file came with the runbook. */
  corrections?: RunbookCorrections;
}
