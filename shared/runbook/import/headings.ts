// What a heading says besides its title: a step number, a planned duration `(10 min)`, a clock time
// `(12:30 PM)`, a T-offset `(T-30 minutes)` / `(T+0 to T+30 min)` / `T-MINUS 30 MINUTES`, a relative
// phrase `72 Hours Before Go-Live`, a decision-tree level `Level 2: Major Issues (Prepare Rollback)`.
import { findClock, findDurationSuffix, findRelative, type RelativeTime, type TimeRef } from './times';

export interface HeadingInfo {
  /** Plain heading text (bold markers and other inline markup removed, emoji kept). */
  title: string;
  /** Title without time, duration and offset annotations: `Phase 1: Preparation`. */
  displayTitle: string;
  /** Display title without a `Step N:` prefix: `Deploy New Code`. */
  stepTitle: string;
  durationMs: number | null;
  relative: RelativeTime | null;
  clock: { start: TimeRef; end: TimeRef | null } | null;
  /** Something in the heading looked like a clock time but is not one (`25:99`). */
  badClock: { index: number } | null;
  level: { level: number; title: string; verdict: string } | null;
  /** Names a phase or stage (`Phase 2: Deployment`). */
  phaseName: boolean;
  /** Names a go / no-go decision. */
  gate: boolean;
}

/** Removes text[index, index+length); when it sat alone inside parentheses, removes those too. */
function cut(text: string, index: number, length: number): string {
  let start = index;
  let end = index + length;
  const before = text.slice(0, start);
  const after = text.slice(end);
  const open = /\(\s*(?:~|approx\.?|about)?\s*$/.exec(before);
  const close = /^\s*\)/.exec(after);
  if (open && close) {
    start = open.index;
    end += close[0].length;
  }
  // Separators that joined the annotation to the title go with it: "🗓️ T-MINUS 24 HOURS — Readiness".
  const head = text.slice(0, start).replace(/[\s:\-–—|,]+$/, '');
  const tail = text.slice(end).replace(/^[\s:\-–—|,]+/, '');
  return head && tail ? `${head} ${tail}` : head || tail;
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .replace(/^[\s:\-–—|,]+|[\s:\-–—|,]+$/g, '')
    .trim();
}

export const GATE_TEXT =
  /^\s*gate\s*#?\d+\s*[:.\-–—]|\bgo\s*\/\s*no[\s-]*go\b|\bgo[\s-]+no[\s-]*go\b|\bgo or no[\s-]*go\b|\bdecision point\b|\bgate\s*checks?\b|\bapproval gate\b|\bgo[\s-]?live decision\b|\bdecision checklist\b|\bhold point\b|\b(?:pre|post)[\s-]?[a-z]+\s+gate\b|\b(?:slo|manual|release|launch|canary|promotion|readiness)\s+gates?\b/i;

export function analyseHeading(title: string): HeadingInfo {
  let rest = title;
  const relative = findRelative(rest);
  // "T-30:" is an annotation to drop from the title; "72 Hours Before Go-Live" *is* the title.
  if (relative && relative.value.form === 't') rest = cut(rest, relative.index, relative.length);
  const clockFound = findClock(rest);
  let clock: HeadingInfo['clock'] = null;
  let badClock: HeadingInfo['badClock'] = null;
  if (clockFound?.ok) {
    clock = { start: clockFound.start, end: clockFound.end };
    rest = cut(rest, clockFound.index, clockFound.length);
  } else if (clockFound) badClock = { index: clockFound.index };
  const duration = findDurationSuffix(rest);
  if (duration) rest = cut(rest, duration.index, duration.length);
  const levelMatch = /^\s*level\s+(\d+)\s*[:\-–—.]?\s*(.*?)\s*(?:\(([^)]*)\))?\s*$/i.exec(rest);
  const level = levelMatch
    ? { level: Number(levelMatch[1]), title: tidy(levelMatch[2] ?? ''), verdict: tidy(levelMatch[3] ?? '') }
    : null;
  if (levelMatch && levelMatch[3] !== undefined) rest = rest.slice(0, rest.lastIndexOf('('));
  const displayTitle = tidy(rest) || title.trim();
  const stepTitle =
    tidy(displayTitle.replace(/^\s*(?:step|stage|task)\s*#?\s*\d+(?:\.\d+)*[a-z]?\s*[:.)\-–—]\s*/i, '').replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')) || displayTitle;
  return {
    title: title.trim(),
    displayTitle,
    stepTitle,
    durationMs: duration?.value ?? null,
    relative: relative?.value ?? null,
    clock,
    badClock,
    level,
    phaseName: /\b(phase|stage)\b/i.test(title),
    gate: GATE_TEXT.test(title),
  };
}

/** Words by which a document's title names its genre ("Go/No-Go Checklist", "… Matrix"): such a title is not a gate. */
export const DOCUMENT_GENRE = /\b(?:checklists?|runbooks?|playbooks?|plans?|procedures?|guides?|templates?|documents?|process|framework|criteria|matrix)\b/i;

/** Headings under which `Level N` sections are a rollback decision tree rather than, say, support tiers. */
export const DECISION_TREE_CONTEXT = /rollback|roll back|decision|escalat|severity|incident|triage|abort/i;
