// The importer's working state: nodes as they are found, with times still unresolved (T0 may be
// stated anywhere in the document, even after the times that depend on it).
import type {
  ChecklistItem,
  DecisionLevel,
  Gate,
  Milestone,
  ReferenceBlock,
  Role,
  Section,
  Step,
  Threshold,
  ThresholdContext,
} from '../model';
import { DiagnosticSink } from './diagnostics';
import type { HeadingInfo } from './headings';
import { IdFactory } from './ids';
import type { ParsedThreshold } from './thresholds';
import { missingUnit } from './thresholds';
import type { SourceText } from './source';
import type { TimeRef } from './times';

export interface SectionDraft {
  section: Section;
  info: HeadingInfo;
  parent: SectionDraft | null;
  level: DecisionLevel | null;
  /** Steps found directly under this heading (for numbering a second block under one heading). */
  stepCount: number;
  directItems: number;
  hasGate: boolean;
  /** The section made up for content before the first heading (it has no heading of its own). */
  synthetic: boolean;
}

export interface Criterion {
  text: string;
  thresholdId: string | null;
}

export interface StepDraft {
  step: Step;
  section: SectionDraft;
  /** Success criteria written in the script (`# - Error rate < 1%`) or in a labelled list. */
  criteria: Criterion[];
  /** The heading gave the step its time (so that heading is not also a milestone). */
  timeFromHeading: boolean;
  windowSet: boolean;
}

export type MilestoneSource = Milestone['source'];

export interface MilestoneDraft {
  id: string;
  sectionId: string | null;
  line: number;
  column: number;
  ref: TimeRef;
  endRef: TimeRef | null;
  text: string;
  source: MilestoneSource;
  t0Marker: boolean;
}

export interface WindowDraft {
  section: SectionDraft;
  line: number;
  column: number;
  start: TimeRef;
  end: TimeRef | null;
}

export interface GateDraft {
  gate: Gate;
  section: SectionDraft | null;
  ref: TimeRef | null;
  /** The step this gate decides on (the one above it). */
  step: StepDraft | null;
}

export interface T0Hint {
  /** Clock time that T0 + offsetMs falls on. */
  clock: TimeRef & { kind: 'clock' };
  offsetMs: number;
  line: number;
  column: number;
  source: 'label' | 'marker' | 'anchor';
}

export interface RoleCandidate {
  item: ChecklistItem;
  label: string;
}

export class Draft {
  readonly diags = new DiagnosticSink();
  readonly ids = new IdFactory();
  readonly sections: SectionDraft[] = [];
  readonly items: ChecklistItem[] = [];
  readonly steps: StepDraft[] = [];
  readonly references: ReferenceBlock[] = [];
  readonly milestones: MilestoneDraft[] = [];
  readonly windows: WindowDraft[] = [];
  readonly gates: GateDraft[] = [];
  readonly thresholds: Threshold[] = [];
  readonly roles: Role[] = [];
  /** Decision levels from trigger lists and decision tables (levels from `Level N` headings live on their section). */
  readonly extraLevels: DecisionLevel[] = [];
  /** Sections whose heading announced rollback triggers and already gave them a level. */
  readonly triggerSections = new Set<string>();
  readonly roleCandidates: RoleCandidate[] = [];
  readonly t0Hints: T0Hint[] = [];
  readonly dates: Array<{ date: string; line: number }> = [];
  /** Success criteria from labelled lists, by section id (for the gate of that section's step). */
  readonly sectionCriteria = new Map<string, Criterion[]>();
  /** Every clock time seen, to pick the document's zone and to report an unknown T0 once. */
  readonly clocks: Array<{ ref: TimeRef & { kind: 'clock' }; line: number; column: number }> = [];
  /** "**Duration:** 10 minutes" under a timed heading: how long that section runs. */
  readonly sectionDurations = new Map<SectionDraft, number>();
  /** Number of child items per item id (a group heading item is not itself a sign-off). */
  readonly childCount = new Map<string, number>();

  constructor(readonly src: SourceText) {}

  noteClock(ref: TimeRef | null | undefined, line: number, column: number): void {
    if (ref?.kind === 'clock') this.clocks.push({ ref, line, column });
  }

  addReference(sectionId: string | null, lang: string, text: string, line: number, column: number, endLine: number): ReferenceBlock {
    const own = `${lang}\u0000${text}`;
    const ref: ReferenceBlock = { id: this.ids.make('ref', sectionId ?? '', own), sectionId, lang, text, line, column, endLine };
    this.references.push(ref);
    return ref;
  }

  /** A role named outside a roles table (a contacts list, a participants list); a name already known is kept once. */
  addRole(name: string, responsibility: string | null, fields: Record<string, string>, line: number, column: number): void {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean || this.roles.some((r) => r.name.toLowerCase() === clean.toLowerCase())) return;
    this.roles.push({ id: this.ids.make('ro', '', clean), name: clean, responsibility, fields, line, column });
  }

  addThreshold(
    parsed: ParsedThreshold,
    context: ThresholdContext,
    section: SectionDraft | null,
    level: number | null,
    text: string,
    line: number,
    column: number,
    options: { meaning?: Threshold['meaning']; confidence?: 'suggested' } = {},
  ): Threshold {
    const sectionId = section?.section.id ?? null;
    const own = `${context}\u0000${parsed.metricKey}\u0000${level ?? ''}`;
    const threshold: Threshold = {
      id: this.ids.make('th', sectionId ?? '', own),
      sectionId,
      metric: parsed.metric,
      metricKey: parsed.metricKey,
      op: parsed.op,
      value: parsed.value,
      upper: parsed.upper,
      unit: parsed.unit,
      meaning: options.meaning ?? (context === 'target' || context === 'success' ? 'ok-if' : 'alert-if'),
      context,
      level,
      sustained: parsed.sustained,
      sustainedMs: parsed.sustainedMs,
      action: parsed.action,
      text: text.trim(),
      line,
      column,
    };
    if (parsed.relativeToBaseline) threshold.relativeTo = 'baseline';
    if (options.confidence) threshold.confidence = options.confidence;
    this.thresholds.push(threshold);
    const expected = missingUnit(parsed);
    if (expected) {
      const hint = expected === 'percent' ? '%' : expected === 'time' ? 'ms or s' : 'MB or GB';
      this.diags.warn(
        'threshold-without-unit',
        line,
        column,
        `threshold "${text.trim()}" has no unit; ${parsed.metric} needs one (${hint}) before it can be compared with live values`,
      );
    }
    return threshold;
  }

  addMilestone(
    section: SectionDraft | null,
    ref: TimeRef,
    endRef: TimeRef | null,
    text: string,
    source: MilestoneSource,
    line: number,
    column: number,
    t0Marker: boolean,
  ): MilestoneDraft {
    const sectionId = section?.section.id ?? null;
    const milestone: MilestoneDraft = {
      id: this.ids.make('ms', sectionId ?? '', `${source}\u0000${text}`),
      sectionId,
      line,
      column,
      ref,
      endRef,
      text,
      source,
      t0Marker,
    };
    this.milestones.push(milestone);
    this.noteClock(ref, line, column);
    this.noteClock(endRef, line, column);
    return milestone;
  }
}

/** The innermost section (itself or an ancestor) that is a decision-tree level. */
export function levelOf(section: SectionDraft | null): DecisionLevel | null {
  for (let s = section; s; s = s.parent) if (s.level) return s.level;
  return null;
}

export function sectionPath(section: SectionDraft | null): SectionDraft[] {
  const path: SectionDraft[] = [];
  for (let s = section; s; s = s.parent) path.unshift(s);
  return path;
}

/** The time of the nearest enclosing section that has one: a gate under "T-0: Deployment Window" is at T-0. */
export function enclosingTime(section: SectionDraft | null): GateDraft['ref'] {
  for (let s = section; s; s = s.parent) {
    if (s.info.relative && s.info.relative.form === 't') return { kind: 'offset', ms: s.info.relative.startMs };
    if (s.info.clock) return s.info.clock.start;
  }
  return null;
}
