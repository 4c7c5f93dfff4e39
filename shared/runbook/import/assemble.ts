// From draft to runbook: place every time on the T0 timeline, give steps their windows, gates their
// criteria, sections their kind and offsets, apply front matter (overrides, targets, milestones),
// and report what only shows once the whole document is read (duplicate step titles, unmatched
// front-matter rules).
import type { DecisionLevel, Gate, Milestone, Runbook, Section, TargetSpec } from '../model';
import { RUNBOOK_FORMAT_VERSION } from '../model';
import type { Criterion, Draft, GateDraft, MilestoneDraft, SectionDraft, StepDraft } from './draft';
import type { FrontMatter } from './frontMatter';
import { ROLE_LIKE } from './labels';
import { attachDependencies } from './dependencies';
import { buildTimeline, offsetOf, type Timeline } from './timeline';

const SIGN_OFF = /\bsign(s|ed)?[\s-]?off\b|\bapprov(al|als|ed|es|e)\b|\bsignature\b|\bsigned by\b|\bspot[\s-]?check(ed)? passed\b/i;

function resolveRoles(d: Draft): void {
  const known = new Map(d.roles.map((r) => [r.name.toLowerCase(), r.name]));
  for (const { item, label } of d.roleCandidates) {
    const lower = label.toLowerCase();
    const exact = known.get(lower);
    const partial = exact ?? [...known.entries()].find(([k]) => lower.includes(k) || k.includes(lower))?.[1];
    item.role = partial ?? (ROLE_LIKE.test(label) ? label : null);
  }
}

function markSignOffs(d: Draft): void {
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const sectionsById = new Map(d.sections.map((s) => [s.section.id, s]));
  // "## Stakeholder Sign-Off (T-4h)" over "### Business ✅" over "- [ ] **Radiology Lead**: Approved": every heading above counts.
  const underSignOffHeading = (sectionId: string): boolean => {
    for (let s = sectionsById.get(sectionId) ?? null; s; s = s.parent) if (SIGN_OFF.test(s.section.title)) return true;
    return false;
  };
  const children = new Map<string, typeof d.items>();
  for (const item of d.items) {
    if (!item.parentId) continue;
    const siblings = children.get(item.parentId);
    if (siblings) siblings.push(item);
    else children.set(item.parentId, [item]);
  }
  for (const item of d.items) {
    // A group ("**Approvals**" over sign-off items) is not itself a sign-off; an item whose own
    // label is one ("**Business owner sign-off**" over "Owner: …" fields) is.
    if ((d.childCount.get(item.id) ?? 0) > 0 && !(SIGN_OFF.test(item.label) && !(children.get(item.id) ?? []).some((c) => SIGN_OFF.test(c.text)))) continue;
    let signOff = SIGN_OFF.test(item.text) || underSignOffHeading(item.sectionId);
    for (let p = item.parentId ? byId.get(item.parentId) : undefined; p && !signOff; p = p.parentId ? byId.get(p.parentId) : undefined) {
      signOff = SIGN_OFF.test(p.label);
    }
    item.signOff = signOff;
  }
}

function milestones(d: Draft, timeline: Timeline, fm: FrontMatter): Milestone[] {
  const out: Milestone[] = [];
  for (const m of d.milestones) {
    const offsetMs = offsetOf(timeline, m.ref);
    if (offsetMs === null) continue;
    out.push({ id: m.id, sectionId: m.sectionId, offsetMs, text: m.text, source: m.source, line: m.line, column: m.column });
  }
  for (const m of fm.milestones) {
    const offsetMs = offsetOf(timeline, m.at);
    if (offsetMs === null) continue;
    out.push({ id: d.ids.make('ms', '', `front-matter\u0000${m.text}`), sectionId: null, offsetMs, text: m.text, source: 'front-matter', line: m.line, column: m.column });
  }
  return out;
}

/** Steps of each section in document order (looked up per section and per step: a scan each time grows with the square of the runbook). */
function stepsBySection(d: Draft): Map<SectionDraft, StepDraft[]> {
  const out = new Map<SectionDraft, StepDraft[]>();
  for (const s of d.steps) {
    const list = out.get(s.section);
    if (list) list.push(s);
    else out.set(s.section, [s]);
  }
  return out;
}

function sectionOffsets(d: Draft, timeline: Timeline): void {
  const firstTimed = new Map<string, MilestoneDraft>();
  for (const m of d.milestones) {
    if (m.sectionId !== null && (m.source === 'bold-time' || m.source === 'target-time') && !firstTimed.has(m.sectionId)) firstTimed.set(m.sectionId, m);
  }
  for (const s of d.sections) {
    const { info, section } = s;
    if (info.relative) {
      section.startOffsetMs = info.relative.startMs;
      section.endOffsetMs = info.relative.endMs;
      continue;
    }
    if (info.clock) {
      section.startOffsetMs = offsetOf(timeline, info.clock.start);
      section.endOffsetMs = offsetOf(timeline, info.clock.end);
      continue;
    }
    const first = firstTimed.get(section.id);
    if (first) {
      section.startOffsetMs = offsetOf(timeline, first.ref);
      section.endOffsetMs = offsetOf(timeline, first.endRef);
    }
  }
  // "### Phase 2 (T-20 min)" with "**Duration:** 10 minutes" under it ends at T-10.
  for (const [s, ms] of d.sectionDurations) {
    const { section } = s;
    if (section.startOffsetMs !== null && section.endOffsetMs === null) section.endOffsetMs = section.startOffsetMs + ms;
  }
}

/** The nearest section (itself or an ancestor) whose heading gives it a time. */
function timedHeading(section: SectionDraft | null): SectionDraft | null {
  for (let s = section; s; s = s.parent) {
    if (s.section.startOffsetMs !== null && (s.info.clock || (s.info.relative && s.info.relative.form === 't'))) return s;
  }
  return null;
}

function stepWindows(d: Draft, timeline: Timeline): void {
  const bySection = stepsBySection(d);
  for (const w of d.windows) {
    const inSection = bySection.get(w.section) ?? [];
    const target = inSection.findLast((s) => s.step.line < w.line) ?? inSection.find((s) => s.step.line > w.line);
    const start = offsetOf(timeline, w.start);
    const end = offsetOf(timeline, w.end);
    if (target && !target.windowSet) {
      target.step.window = { startOffsetMs: start, endOffsetMs: end };
      target.windowSet = true;
    } else if (!target && w.section.section.startOffsetMs === null) {
      w.section.section.startOffsetMs = start;
      w.section.section.endOffsetMs = end;
    }
  }
  for (const s of d.steps) {
    const { info } = s.section;
    const first = bySection.get(s.section)?.[0] === s;
    if (!s.windowSet && first && (info.clock || (info.relative && info.relative.form === 't'))) {
      const start = info.relative ? info.relative.startMs : offsetOf(timeline, info.clock!.start);
      const end = (info.relative ? info.relative.endMs : offsetOf(timeline, info.clock!.end)) ?? s.section.section.endOffsetMs;
      s.step.window = { startOffsetMs: start, endOffsetMs: end };
      s.timeFromHeading = true;
      continue;
    }
    // Any other step without a time of its own or a duration to be laid out by runs within the
    // window of the timed heading it sits under: the third fence of "Phase 2 (T-20 min)", or the
    // fence under "#### US-East-1 Deployment" inside that phase.
    if (s.windowSet || s.step.plannedDurationMs !== null || s.step.window.startOffsetMs !== null) continue;
    const timed = timedHeading(s.section);
    if (timed) s.step.window = { startOffsetMs: timed.section.startOffsetMs, endOffsetMs: timed.section.endOffsetMs };
  }
}

/** Milestones for headings that carry a time (`72 Hours Before Go-Live`), unless already covered. */
function headingMilestones(d: Draft, list: Milestone[]): void {
  const timedFromHeading = new Set(d.steps.filter((x) => x.timeFromHeading).map((x) => x.section));
  const placed = new Set(list.map((m) => `${m.sectionId}\u0000${m.offsetMs}`));
  for (const s of d.sections) {
    const start = s.section.startOffsetMs;
    if (start === null || !(s.info.relative || s.info.clock) || s.info.gate) continue;
    if (timedFromHeading.has(s)) continue;
    if (placed.has(`${s.section.id}\u0000${start}`)) continue;
    list.push({
      id: d.ids.make('ms', s.section.id, `heading\u0000${s.info.displayTitle}`),
      sectionId: s.section.id,
      offsetMs: start,
      text: s.info.displayTitle,
      source: 'heading',
      line: s.section.line,
      column: s.section.column,
    });
  }
}

function matches(key: string, step: StepDraft): boolean {
  const k = key.trim().toLowerCase();
  if (step.step.id === key.trim()) return true;
  return [step.step.title, step.step.heading, step.section.info.displayTitle].some((t) => t.toLowerCase() === k);
}

function sectionMatches(key: string, s: SectionDraft): boolean {
  const k = key.trim().toLowerCase();
  return s.section.title.toLowerCase() === k || s.info.displayTitle.toLowerCase() === k;
}

function targetSpec(d: Draft, fm: FrontMatter, names: string[], line: number, column: number): TargetSpec {
  const spec: TargetSpec = { local: false, hosts: [], groups: [] };
  const hostNames = new Set(fm.hosts.map((h) => h.name));
  const groups = new Set(fm.hosts.flatMap((h) => h.groups));
  for (const name of names) {
    if (name.toLowerCase() === 'local') spec.local = true;
    else if (hostNames.has(name)) spec.hosts.push(name);
    else if (groups.has(name)) spec.groups.push(name);
    else {
      spec.hosts.push(name);
      d.diags.info('unknown-host', line, column, `"${name}" is not a host or group in front matter hosts; it must be an alias in ~/.ssh/config`);
    }
  }
  return spec;
}

function applyFrontMatter(d: Draft, fm: FrontMatter): void {
  for (const override of fm.steps) {
    const hit = d.steps.filter((s) => matches(override.key, s));
    if (hit.length === 0) d.diags.warn('unmatched-target', override.line, override.column, `front matter steps."${override.key}" matches no step title`);
    for (const s of hit) {
      if (override.timeoutMs !== null) s.step.timeoutMs = override.timeoutMs;
      if (override.confirm !== null) s.step.confirm = override.confirm;
      if (override.durationMs !== null) s.step.plannedDurationMs = override.durationMs;
    }
  }
  const used = new Set<string>();
  for (const s of d.steps) {
    const rule =
      fm.targets.find((t) => matches(t.key, s)) ??
      (() => {
        for (let sec: SectionDraft | null = s.section; sec; sec = sec.parent) {
          const found = fm.targets.find((t) => sectionMatches(t.key, sec!));
          if (found) return found;
        }
        return fm.targets.find((t) => t.key === '*');
      })();
    if (!rule) continue;
    used.add(rule.key);
    s.step.target = targetSpec(d, fm, rule.names, rule.line, rule.column);
  }
  for (const rule of fm.targets) {
    if (used.has(rule.key) || rule.key === '*') continue;
    if (d.sections.some((s) => sectionMatches(rule.key, s))) continue;
    d.diags.warn('unmatched-target', rule.line, rule.column, `front matter targets."${rule.key}" matches no step or section title`);
  }
}

function finishSteps(d: Draft): void {
  for (const s of d.steps) {
    const w = s.step.window;
    if (w.startOffsetMs !== null && w.endOffsetMs === null && s.step.plannedDurationMs !== null) {
      w.endOffsetMs = w.startOffsetMs + s.step.plannedDurationMs;
    }
  }
  const seen = new Map<string, StepDraft>();
  for (const s of d.steps) {
    const key = s.step.title.toLowerCase();
    const earlier = seen.get(key);
    if (earlier) {
      d.diags.warn(
        'duplicate-step-title',
        s.step.line,
        s.step.column,
        `step title "${s.step.title}" is also used by the step at line ${earlier.step.line}; give the headings distinct names so the console and the log can tell them apart`,
      );
    } else seen.set(key, s);
  }
}

function uniqueCriteria(list: Criterion[]): Criterion[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)));
}

function stepCriteria(d: Draft, step: StepDraft): Criterion[] {
  return [...step.criteria, ...(d.sectionCriteria.get(step.section.section.id) ?? [])];
}

/**
 * Criteria of the step a gate decides on: the step above it, or when that one states none (a
 * "Verify" step after a "Deploy" step that lists the success criteria), the nearest earlier step
 * of the same phase that does.
 */
function criteriaAbove(d: Draft, g: GateDraft, stepIndex: Map<StepDraft, number>): Criterion[] {
  if (!g.step) return [];
  const phase = g.step.section.parent;
  for (let i = stepIndex.get(g.step) ?? -1; i >= 0; i--) {
    const s = d.steps[i]!;
    if (s !== g.step && s.section.parent !== phase && s.section !== phase) break;
    const found = stepCriteria(d, s);
    if (found.length > 0) return found;
  }
  return [];
}

function gates(d: Draft, timeline: Timeline): Gate[] {
  let previous: { gate: GateDraft; criteria: Criterion[] } | null = null;
  const stepIndex = new Map(d.steps.map((s, i) => [s, i]));
  for (const g of d.gates) {
    g.gate.offsetMs = offsetOf(timeline, g.ref);
    const fromStep = criteriaAbove(d, g, stepIndex);
    const own = g.section && g.section !== g.step?.section ? (d.sectionCriteria.get(g.section.section.id) ?? []) : [];
    let criteria = uniqueCriteria([...fromStep, ...own]);
    // A later go/no-go that states no criteria of its own is decided on the same criteria as the
    // one before it in the same phase ("if 5% canary successful, increase to 25%").
    const samePhase = previous && previous.gate.section?.parent === g.section?.parent;
    if (criteria.length === 0 && previous && samePhase) criteria = previous.criteria;
    g.gate.thresholdIds = criteria.flatMap((c) => (c.thresholdId ? [c.thresholdId] : []));
    g.gate.criteria = [...criteria.map((c) => c.text), ...g.gate.criteria.filter((t) => !criteria.some((c) => c.text === t))];
    previous = { gate: g, criteria };
  }
  return d.gates.map((g) => g.gate);
}

/**
 * phase: the heading names a phase or carries a T-offset or clock time, or the section holds a gate
 * or a timed step, or every subsection is a phase (`Go-Live Schedule`); checklist: it or a
 * subsection holds checklist items; reference: everything else.
 */
function sectionKinds(d: Draft): void {
  const children = new Map<SectionDraft, SectionDraft[]>();
  for (const s of d.sections) {
    if (!s.parent) continue;
    const siblings = children.get(s.parent);
    if (siblings) siblings.push(s);
    else children.set(s.parent, [s]);
  }
  const hasItems = new Map<SectionDraft, boolean>();
  const withTimedStep = new Set(d.steps.filter((x) => !x.step.rollback && x.step.window.startOffsetMs !== null).map((x) => x.section));
  for (const s of [...d.sections].reverse()) {
    const { info } = s;
    const timedStep = withTimedStep.has(s);
    const kids = children.get(s) ?? [];
    const ownPhase = info.phaseName || info.relative?.form === 't' || info.clock !== null || s.hasGate || timedStep;
    const allKidsPhases = kids.length > 0 && s.directItems === 0 && kids.every((k) => k.section.kind === 'phase');
    const items = s.directItems > 0 || kids.some((k) => hasItems.get(k));
    hasItems.set(s, items);
    s.section.kind = ownPhase || allKidsPhases ? 'phase' : items ? 'checklist' : 'reference';
  }
}

function documentTitle(d: Draft, fm: FrontMatter, sourceName: string): string {
  if (fm.title) return fm.title;
  const real = d.sections.filter((s) => !s.synthetic);
  const shallowest = Math.min(...real.map((s) => s.section.depth));
  const tops = real.filter((s) => s.section.depth === shallowest);
  // "# GO_LIVE_PROCEDURES.md" above "# Production Go-Live Procedures": the file name is not the title.
  const named = tops.find((s) => !/\.(md|markdown|txt)$/i.test(s.section.title)) ?? tops[0];
  if (named) return named.section.title;
  return sourceName.replace(/^.*[\\/]/, '').replace(/\.(md|markdown|txt)$/i, '') || 'Runbook';
}

export function assemble(d: Draft, fm: FrontMatter, sourceName: string): Runbook {
  resolveRoles(d);
  markSignOffs(d);
  const timeline = buildTimeline(d, fm);
  sectionOffsets(d, timeline);
  stepWindows(d, timeline);
  applyFrontMatter(d, fm);
  finishSteps(d);
  const milestoneList = milestones(d, timeline, fm);
  headingMilestones(d, milestoneList);
  milestoneList.sort((a, b) => a.line - b.line || a.column - b.column);
  const gateList = gates(d, timeline);
  sectionKinds(d);
  const levels: DecisionLevel[] = [...d.sections.flatMap((s) => (s.level ? [s.level] : [])), ...d.extraLevels].sort((a, b) => a.line - b.line);
  const sections: Section[] = d.sections.map((s) => s.section);
  const steps = d.steps.map((s) => s.step);
  const runbook: Runbook = {
    formatVersion: RUNBOOK_FORMAT_VERSION,
    title: documentTitle(d, fm, sourceName),
    sourceName,
    targetDate: d.dates[0]?.date ?? (fm.t0 ? fm.t0.iso.slice(0, 10) : null),
    t0: timeline.t0,
    environment: fm.environment,
    prometheusUrl: fm.prometheusUrl,
    sections,
    checklistItems: d.items,
    steps,
    milestones: milestoneList,
    gates: gateList,
    thresholds: d.thresholds,
    decisionLevels: levels,
    roles: d.roles,
    secrets: [...new Set(steps.flatMap((s) => s.secrets))].sort(),
    references: [...d.references].sort((a, b) => a.line - b.line || a.column - b.column),
    hosts: fm.hosts,
    metrics: fm.metrics,
    diagnostics: d.diags.sorted(),
    lineCount: d.src.lineCount,
  };
  return attachDependencies(runbook, fm, d.diags);
}
