// Phases as bands on the strip, and which one "now" is in.
//
// Which sections are bands: sections of kind `phase` that have a planned start, except
//  - a section that is only the heading of one step (it holds the step's block and no subsections:
//    `#### Step 2: Deploy New Code (10 min)` under `### Phase 2`) — that is a step, drawn as a window;
//  - a section that contains other band candidates (`## Go-Live Schedule` around `### Phase 1…4`)
//    — a container; its children are the bands.
// A caller that knows better (front matter, a user's choice) passes the section ids explicitly.
//
// Bands are half-open [start, end): at the exact end of a phase the next one has begun. An `open`
// last band (no end, nothing planned after it) is [start, ∞).

import type { Runbook, Section, TOffsetMs } from '../runbook/model';
import { plannedSpanOf } from './plan';

export interface PhaseBand {
  sectionId: string;
  title: string;
  startOffsetMs: TOffsetMs;
  endOffsetMs: TOffsetMs;
  /**
   * `explicit`: the runbook gives the end; `next-phase`: ends where the next phase begins;
   * `last-planned`: the last phase ends at the last planned thing (milestone, gate, window end);
   * `open`: the last phase, with nothing planned after its start (`T+60: Hypercare`) — it lasts
   * until the session ends, so it never turns into post-launch; `endOffsetMs` equals its start
   * (draw it running off the right edge).
   */
  endBasis: 'explicit' | 'next-phase' | 'last-planned' | 'open';
}

/** `no-phases`: the runbook has no timed phase, so there is nothing to be in. */
export type PhasePosition =
  | { kind: 'no-phases' }
  | { kind: 'pre-launch'; next: PhaseBand }
  | { kind: 'phase'; band: PhaseBand; index: number }
  | { kind: 'between'; previous: PhaseBand; next: PhaseBand }
  | { kind: 'post-launch'; previous: PhaseBand };

function isStepHeading(section: Section, runbook: Runbook, hasChildren: ReadonlySet<string>): boolean {
  if (hasChildren.has(section.id)) return false;
  return runbook.steps.filter((s) => s.sectionId === section.id).length === 1;
}

/** Section ids the strip draws as phase bands, by the rule at the top of this file. */
export function phaseSectionIds(runbook: Runbook): string[] {
  const hasChildren = new Set(runbook.sections.flatMap((s) => (s.parentId ? [s.parentId] : [])));
  const candidates = runbook.sections.filter(
    (s) => s.kind === 'phase' && s.startOffsetMs != null && !isStepHeading(s, runbook, hasChildren),
  );
  const candidateIds = new Set(candidates.map((s) => s.id));
  const byId = new Map(runbook.sections.map((s) => [s.id, s]));
  const containers = new Set<string>();
  for (const c of candidates) {
    const seen = new Set<string>();
    for (let p = c.parentId; p != null && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      seen.add(p);
      if (candidateIds.has(p)) containers.add(p);
    }
  }
  return candidates.filter((c) => !containers.has(c.id)).map((c) => c.id);
}

/** The latest planned offset anywhere in the runbook (milestones, gates, phase and window ends). */
export function lastPlannedOffset(runbook: Runbook): TOffsetMs | null {
  const points: number[] = [];
  for (const m of runbook.milestones) points.push(m.offsetMs);
  for (const g of runbook.gates) if (g.offsetMs != null) points.push(g.offsetMs);
  for (const s of runbook.sections) if (s.kind === 'phase' && s.endOffsetMs != null) points.push(s.endOffsetMs);
  for (const step of runbook.steps) {
    const span = plannedSpanOf(step);
    if (span) points.push(span.startOffsetMs, span.endOffsetMs);
  }
  return points.length ? Math.max(...points) : null;
}

/** Phase bands in time order. `sectionIds` overrides the automatic choice of sections. */
export function phaseBands(runbook: Runbook, sectionIds?: readonly string[]): PhaseBand[] {
  const wanted = new Set(sectionIds ?? phaseSectionIds(runbook));
  const sections = runbook.sections
    .filter((s): s is Section & { startOffsetMs: number } => wanted.has(s.id) && s.startOffsetMs != null)
    .sort((a, b) => a.startOffsetMs - b.startOffsetMs || a.line - b.line);
  const lastPlanned = lastPlannedOffset(runbook);
  return sections.map((s, i) => {
    const next = sections[i + 1];
    if (s.endOffsetMs != null) {
      return { sectionId: s.id, title: s.title, startOffsetMs: s.startOffsetMs, endOffsetMs: s.endOffsetMs, endBasis: 'explicit' };
    }
    if (next) {
      return { sectionId: s.id, title: s.title, startOffsetMs: s.startOffsetMs, endOffsetMs: next.startOffsetMs, endBasis: 'next-phase' };
    }
    if (lastPlanned == null || lastPlanned <= s.startOffsetMs) {
      return { sectionId: s.id, title: s.title, startOffsetMs: s.startOffsetMs, endOffsetMs: s.startOffsetMs, endBasis: 'open' };
    }
    return { sectionId: s.id, title: s.title, startOffsetMs: s.startOffsetMs, endOffsetMs: lastPlanned, endBasis: 'last-planned' };
  });
}

/** Where `offsetMs` (now relative to T0) falls among the bands. */
export function phaseAt(bands: readonly PhaseBand[], offsetMs: TOffsetMs): PhasePosition {
  // With overlapping bands (explicit ends past the next start) the one that began last wins.
  let found = -1;
  bands.forEach((b, i) => {
    if (b.startOffsetMs <= offsetMs && (offsetMs < b.endOffsetMs || b.endBasis === 'open')) found = i;
  });
  const hit = bands[found];
  if (hit) return { kind: 'phase', band: hit, index: found };
  const first = bands[0];
  if (!first) return { kind: 'no-phases' };
  if (offsetMs < first.startOffsetMs) return { kind: 'pre-launch', next: first };
  const nextIndex = bands.findIndex((b) => b.startOffsetMs > offsetMs);
  const next = bands[nextIndex];
  if (!next) {
    const previous = bands.reduce((a, b) => (b.endOffsetMs >= a.endOffsetMs ? b : a), first);
    return { kind: 'post-launch', previous };
  }
  const previous = bands
    .filter((b) => b.endOffsetMs <= offsetMs)
    .reduce<PhaseBand>((a, b) => (b.endOffsetMs >= a.endOffsetMs ? b : a), first);
  return { kind: 'between', previous, next };
}
