// What the importer may have missed: lines that look like a time, a threshold, a gate, a role or
// a sign-off but sit on no structure of that kind. Each becomes a warning with its line and column,
// and the share of such lines that were understood is reported, so nothing is lost silently.
import { DOCUMENT_GENRE } from './import/headings';
import type { Runbook } from './model';

export type CoverageKind = 'time' | 'threshold' | 'gate' | 'role' | 'sign-off';

export interface CoverageMiss {
  line: number;
  column: number;
  kind: CoverageKind;
  /** The line as written (trimmed, at most 120 characters). */
  text: string;
  message: string;
}

export interface RunbookCoverage {
  /** Lines that look like structure of some kind. */
  candidates: number;
  /** Of those, lines that carry structure of the kind they look like. */
  understood: number;
  /** understood / candidates, rounded to a whole percent; null when there are no candidates. */
  sharePercent: number | null;
  missed: CoverageMiss[];
}

const LOOKS: Array<[CoverageKind, RegExp]> = [
  ['time', /(?<![A-Za-z0-9])T\s*[+\-−–]\s*\d|(?<![\d:])\d{1,2}:\d{2}\s*(?:AM|PM|UTC|Z)\b/i],
  ['threshold', /(?:<=|>=|≤|≥|<|>)\s*\$?\d+(?:\.\d+)?\s*(?:%|ms|s|sec|seconds?|min|minutes?|rps|req\/s|x)(?![A-Za-z])|\b(?:exceeds?|above|below)\s+\*{0,2}\d+(?:\.\d+)?\s*(?:%|ms|s)(?![A-Za-z])/i],
  ['gate', /\bgo\s*\/\s*no[\s-]*go\b|\bgo[\s-]+no[\s-]*go\b|\bgate\s*checks?\b|\bdecision point\b|\bapproval gate\b/i],
  ['role', /^\s*(?:[-*]\s+)?\*\*[^*]*\b(?:lead|manager|owner|commander|engineer|on[\s-]?call|dba|sre)\b[^*]*\*\*\s*:/i],
  ['sign-off', /\bsign[\s-]?off\b|\bsignature\b|\bapproved by\b|\bsigned by\b/i],
];

const NAMES: Record<CoverageKind, string> = {
  time: 'a time',
  threshold: 'a threshold',
  gate: 'a gate',
  role: 'a role',
  'sign-off': 'a sign-off',
};

/** Lines inside fenced blocks other than shell comments: scripts and samples, not prose to read. */
function fencedLines(rb: Runbook): Set<number> {
  const out = new Set<number>();
  const blocks = [...rb.references.filter((r) => r.lang !== 'text' && r.lang !== 'front-matter'), ...rb.steps];
  for (const b of blocks) for (let line = b.line; line <= b.endLine; line++) out.add(line);
  return out;
}

function signOffHeadingLines(rb: Runbook): number[] {
  const byId = new Map(rb.sections.map((s) => [s.id, s]));
  const lines = new Set<number>();
  for (const item of rb.checklistItems) {
    if (!item.signOff) continue;
    for (let s = byId.get(item.sectionId); s; s = s.parentId ? byId.get(s.parentId) : undefined) lines.add(s.line);
  }
  return [...lines];
}

export function runbookCoverage(rb: Runbook, source: string): RunbookCoverage {
  const lines = source.split(/\r?\n/);
  const fenced = fencedLines(rb);
  const frontMatter = rb.references.find((r) => r.lang === 'front-matter');
  const signOffParents = new Set(rb.checklistItems.flatMap((c) => (c.signOff && c.parentId ? [c.parentId] : [])));
  const structured: Record<CoverageKind, Set<number>> = {
    time: new Set([
      ...rb.milestones.map((m) => m.line),
      ...rb.sections.filter((s) => s.startOffsetMs !== null).map((s) => s.line),
      ...rb.gates.filter((g) => g.offsetMs !== null).map((g) => g.line),
    ]),
    // A decision level's heading ("Immediate Rollback (< 5 min)") carries its response time in the verdict.
    threshold: new Set([...rb.thresholds.map((t) => t.line), ...rb.decisionLevels.map((l) => l.line)]),
    // A title that names the document's genre ("# Go/No-Go Checklist - …") is read as the title, not a gate.
    gate: new Set([...rb.gates.map((g) => g.line), ...rb.sections.filter((s) => s.depth === 1 && s.title === rb.title && DOCUMENT_GENRE.test(s.title)).map((s) => s.line)]),
    role: new Set([...rb.roles.map((r) => r.line), ...rb.checklistItems.filter((i) => i.role).map((i) => i.line)]),
    'sign-off': new Set([
      ...rb.checklistItems.filter((i) => i.signOff).map((i) => i.line),
      // A group of sign-offs ("**Stakeholder Sign-Off**" over the approvals) is read through its items.
      ...rb.checklistItems.filter((i) => signOffParents.has(i.id)).map((i) => i.line),
      // So is a heading ("## Stakeholder Sign-Off") over sections whose items are sign-offs.
      ...signOffHeadingLines(rb),
    ]),
  };
  // A role label before a list ("**Technical Lead**:") is read when the items under it carry that role.
  const itemRoles = new Set(rb.checklistItems.map((i) => i.role?.toLowerCase()).filter(Boolean));
  const roleLabelRead = (raw: string): boolean => {
    const m = /\*\*([^*]+?)\*\*/.exec(raw);
    return Boolean(m && itemRoles.has(m[1]!.replace(/:$/, '').trim().toLowerCase()));
  };
  // A time in a timed section's body (a "**Target**: 12:05 - 12:15" line) is read into a step window or T0.
  // Marked per line once: testing every line against every section grows with the square of the runbook.
  const sectionsWithTimedStep = new Set(rb.steps.filter((st) => st.window.startOffsetMs !== null).map((st) => st.sectionId));
  const inTimedSectionBody = new Uint8Array(lines.length + 2);
  for (const s of rb.sections) {
    if (s.startOffsetMs === null && !sectionsWithTimedStep.has(s.id)) continue;
    for (let line = s.line + 1; line <= Math.min(s.endLine, lines.length); line++) inTimedSectionBody[line] = 1;
  }
  // "**Decision Point:** Expand access …" under a gate heading is read into that gate's criteria.
  const gateCriteria = new Set(rb.gates.flatMap((g) => g.criteria));
  const readAsGateCriterion = (raw: string): boolean => gateCriteria.has(raw.replace(/\*\*|__/g, '').replace(/^\s*(?:[-*+]\s+)?/, '').replace(/\s+/g, ' ').trim());
  // "Execute if ANY of these persist > 15 min:" is read as the sustained window of the list under it.
  const sustainedLines = new Set(rb.thresholds.filter((t) => t.sustainedMs !== null).map((t) => t.line));
  const leadsInWindow = (raw: string, line: number): boolean => raw.trim().endsWith(':') && (sustainedLines.has(line + 1) || (lines[line]?.trim() === '' && sustainedLines.has(line + 2)));
  let candidates = 0;
  let understood = 0;
  const missed: CoverageMiss[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (frontMatter && line >= frontMatter.line && line <= frontMatter.endLine) return;
    if (fenced.has(line) && !/^\s*#\s*\S/.test(raw)) return;
    if (/https?:\/\/\S*$/.test(raw) && !/\s[<>≤≥]\s*\d/.test(raw)) return;
    const kinds = LOOKS.filter(([, re]) => re.test(raw)).map(([kind]) => kind);
    if (kinds.length === 0) return;
    candidates++;
    const missing = kinds.filter((kind) => {
      if (structured[kind].has(line)) return false;
      if (kind === 'role' && roleLabelRead(raw)) return false;
      if (kind === 'time' && inTimedSectionBody[line] === 1) return false;
      if (kind === 'threshold' && leadsInWindow(raw, line)) return false;
      if (kind === 'gate' && readAsGateCriterion(raw)) return false;
      return true;
    });
    if (missing.length === 0) {
      understood++;
      return;
    }
    const column = raw.length - raw.trimStart().length + 1;
    const text = raw.trim().slice(0, 120);
    for (const kind of missing) missed.push({ line, column, kind, text, message: `looks like ${NAMES[kind]} but was not read as one: "${text}"` });
  });
  return { candidates, understood, sharePercent: candidates === 0 ? null : Math.round((understood / candidates) * 100), missed };
}
