// Paragraphs, read line by line: labelled values (`**Target**: 12:05 - 12:15 PM UTC`,
// `**Go/No-Go Decision**: 12:35 PM`, `**Target Date**: October 21, 2025`), bold times
// (`**11:30 AM UTC**`), timeline lines (`11:30 - War room opened`) and `(target: <1%)` phrases.
// The paragraph itself is always kept as reference text: nothing here consumes prose.
import type { Paragraph } from 'mdast';
import { enclosingTime, levelOf, type GateDraft, type SectionDraft } from './draft';
import { analyseHeading, GATE_TEXT } from './headings';
import { classifyLabel, contextOfHeading, contextOfLabel, labelLine, plainLabelLine, T0_MARKER } from './labels';
import { rawOf, spanOf } from './source';
import { readCriteria } from './criteria';
import { parseThreshold } from './thresholds';
import { findClock, findDate, findRelative, looksLikeTime } from './times';
import type { BlockContext } from './blockContext';

/** Inline markup off, for reading values: `**12:35 PM**` → `12:35 PM`. */
export function stripMarkup(text: string): string {
  return text.replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * A line that starts with a clock time (`11:30 - War room opened`, `1:00 PM - 1:30 PM (CRITICAL
 * MONITORING)`) becomes a milestone. Returns whether it was one.
 */
export function timelineLine(w: BlockContext, section: SectionDraft | null, text: string, line: number, column: number): boolean {
  const body = text.replace(/^\s*(?:[-*+•]\s+|\d+[.)]\s+)?/, '');
  const found = findClock(body, true);
  if (!found) return false;
  const after = body.slice(found.length);
  if (after !== '' && !/^\s/.test(after) && !/^[-–—:|]/.test(after)) return false;
  if (!found.ok) {
    w.d.diags.warn('unparseable-time', line, column, `"${body.slice(0, found.length)}" is not a valid clock time`);
    return true;
  }
  const label = after
    .replace(/^\s*[-–—:|]?\s*/, '')
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  const text2 = label || section?.info.displayTitle || 'Milestone';
  w.d.addMilestone(section, found.start, found.end, text2, 'timeline-line', line, column, T0_MARKER.test(label));
  return true;
}

/** `Error rate %: ⬚ (target: <1%)` anywhere in a line: a target threshold. */
export function targetPhrase(
  w: BlockContext,
  section: SectionDraft | null,
  text: string,
  line: number,
  column: number,
  options: { confidence?: 'suggested'; metricHint?: string | null } = {},
): boolean {
  if (!/\(\s*(?:target|gate|threshold|limit|slo)\s*:/i.test(text)) return false;
  const parsed = parseThreshold(text, { metricHint: options.metricHint });
  if (!parsed) return false;
  w.d.addThreshold(parsed, 'target', section, null, stripMarkup(text).replace(/^[-*+•]\s+/, ''), line, column + parsed.index, { confidence: options.confidence });
  return true;
}

/** A paragraph line that opens with a status mark ("✅ RTO ≤ 15 minutes, RPO ≤ 10 seconds") states criteria. */
function markedLine(w: BlockContext, section: SectionDraft | null, text: string, line: number, column: number): boolean {
  if (!/^(?:[-*+•]\s+)?(?:✅|❌|⚠|🟢|🔴|🟡|🟠)/u.test(text) || !/\d/.test(text)) return false;
  return readCriteria(w, section, text, { line, column }).length > 0;
}

/** `**Target**: 12:05 - 12:15 PM UTC` (or `T+5 to T+15`): the planned window of the step it belongs to. */
function windowValue(w: BlockContext, section: SectionDraft, value: string, line: number, column: number): void {
  const relative = findRelative(value);
  if (relative && relative.value.form === 't') {
    const { startMs, endMs } = relative.value;
    if (endMs !== null && endMs < startMs) {
      w.d.diags.warn('window-end-before-start', line, column, `window "${value}" ends before it starts`);
      return;
    }
    w.d.windows.push({ section, line, column, start: { kind: 'offset', ms: startMs }, end: endMs === null ? null : { kind: 'offset', ms: endMs } });
    return;
  }
  const clock = findClock(value);
  if (clock?.ok) {
    const { start, end } = clock;
    if (end && start.kind === 'clock' && end.kind === 'clock') {
      const zone = (r: typeof start): number => (r.kind === 'clock' ? (r.tzMinutes ?? 0) * 60 : 0);
      let diff = end.seconds - zone(end) - (start.seconds - zone(start));
      diff = ((diff % 86_400) + 86_400) % 86_400;
      // The nearer reading wins: 23:50 - 00:10 crosses midnight (20 min); 12:15 - 12:05 runs backwards.
      if (diff > 43_200) {
        w.d.diags.warn('window-end-before-start', line, column, `window "${value}" ends before it starts`);
        return;
      }
    }
    w.d.noteClock(start, line, column);
    w.d.noteClock(end, line, column);
    w.d.windows.push({ section, line, column, start, end });
    return;
  }
  if (clock || looksLikeTime(value)) {
    w.d.diags.warn('unparseable-time', line, column, `could not read the time "${value}" (expected e.g. 12:05 - 12:15 PM UTC or T+5 to T+15)`);
  }
}

/** The gate that lines in `section` speak to: the last one opened in it or in a section around it. */
export function currentGate(w: BlockContext, section: SectionDraft | null): GateDraft | null {
  const gate = w.d.gates.at(-1);
  if (!gate || !section) return null;
  for (let s: SectionDraft | null = section; s; s = s.parent) if (gate.section === s) return gate;
  return null;
}

const APPROVER_LABEL = /^(attendees|approvers?|voters?|decision makers?|deciders?|sign[\s-]?offs? by|signed by|approved by|required approvals?)$/i;

/** Role names in "VP Engineering, SRE Lead and QA Lead" or "[Business Owner]". */
export function roleNames(text: string): string[] {
  return text
    .replace(/[[\]]/g, '')
    .split(/\s*(?:,|;|\band\b|&|\/)\s*/)
    .map((n) => n.replace(/\(.*?\)/g, '').replace(/\bname\b/gi, '').trim())
    .filter((n) => n && /\p{L}/u.test(n) && n.split(/\s+/).length <= 4 && !/^(date|time|tbd|pending|n\/a)$/i.test(n));
}

/**
 * Who decides the gate: "**Attendees**: VP Engineering, SRE Lead", "Decision Maker: [Business
 * Owner]", or a vote line "Engineering Lead: GO / HOLD / ROLLBACK". Returns whether it was one.
 */
export function approversLabel(w: BlockContext, section: SectionDraft | null, label: string, value: string): boolean {
  const gate = currentGate(w, section);
  if (!gate) return false;
  const approvers = (gate.gate.approvers ??= []);
  const add = (name: string): void => {
    if (!approvers.some((a) => a.toLowerCase() === name.toLowerCase())) approvers.push(name);
  };
  if (APPROVER_LABEL.test(label.trim())) {
    for (const name of roleNames(value)) add(name);
    return true;
  }
  if (/^\s*(?:☐\s*)?GO\b[\s\w]*\/\s*(?:☐\s*)?(?:NO[\s-]*GO|HOLD|ROLLBACK|DELAY)\b/i.test(value) && roleNames(label).length === 1) {
    add(roleNames(label)[0]!);
    return true;
  }
  return false;
}

const SIGN_OFF_LABEL = /^(signed by|approved by|signature|sign[\s-]?off|final approval|approval)$/i;

/** "**Approved by**: ____" or "Signature: ____" is a sign-off to record: a checklist item that asks who. */
function signOffLine(w: BlockContext, label: string, value: string, line: number, column: number): void {
  const section = w.ensureSection(line);
  const text = value ? `${label}: ${value}` : label;
  w.d.items.push({
    id: w.d.ids.make('ci', section.section.id, text),
    sectionId: section.section.id,
    parentId: null,
    depth: 0,
    label,
    text,
    detail: value,
    checkedInSource: false,
    role: null,
    signOff: true,
    style: 'bullet',
    line,
    column,
    endLine: line,
  });
  section.directItems++;
}

interface LabelAt {
  label: string;
  value: string;
  line: number;
  /** Column of the label (the line's first character) and of its value. */
  labelColumn: number;
  column: number;
  lastLine: boolean;
}

function labelValue(w: BlockContext, kind: ReturnType<typeof classifyLabel>, at: LabelAt): void {
  const { label, value, line, column, labelColumn, lastLine } = at;
  const section = w.current;
  const plain = stripMarkup(value);
  switch (kind) {
    case 'date': {
      const date = findDate(plain);
      if (date?.ok) w.d.dates.push({ date: date.date, line });
      else if (date) w.d.diags.warn('unparseable-time', line, column, `could not read the date "${plain}" (expected e.g. October 21, 2025 or 2025-10-21)`);
      return;
    }
    case 'target-time': {
      const clock = findClock(plain);
      if (!clock?.ok) {
        if (plain) w.d.diags.warn('unparseable-time', line, column, `could not read the time "${plain}" (expected e.g. 14:30 UTC)`);
        return;
      }
      if (!section || section.section.depth <= 1) {
        if (clock.start.kind === 'clock') w.d.t0Hints.push({ clock: clock.start, offsetMs: 0, line, column, source: 'label' });
        w.d.noteClock(clock.start, line, column);
      } else {
        w.d.addMilestone(section, clock.start, clock.end, section.info.displayTitle, 'target-time', line, column, false);
      }
      return;
    }
    case 'window':
      if (!plain) return;
      if (section) windowValue(w, section, plain, line, column);
      return;
    case 'gate': {
      const relative = findRelative(plain);
      const clock = relative ? null : findClock(plain);
      const own = relative ? { kind: 'offset' as const, ms: relative.value.startMs } : clock?.ok ? clock.start : null;
      // "## Gate 2: Phase 1 → Phase 2" then "**Decision Point:** Expand access …": what the heading's gate decides, not a second gate.
      const opened = w.d.gates.at(-1);
      if (!own && !looksLikeTime(plain) && opened && opened.section === section && opened.gate.line === section?.section.line) {
        if (plain) opened.gate.criteria.push(`${label}: ${plain}`);
        if (lastLine) w.pending = { kind: 'gate', label, line, gate: opened };
        return;
      }
      // "**SLO Gates:**" inside "Phase 3 (T-10 min)" is at the phase's time.
      const ref = own ?? (plain && looksLikeTime(plain) ? null : enclosingTime(section));
      if (clock?.ok) w.d.noteClock(clock.start, line, column);
      const gate = w.addGate(label, ref, line, labelColumn, section);
      if (!ref) {
        if (clock || (plain && looksLikeTime(plain))) w.d.diags.warn('unparseable-time', line, column, `could not read the time "${plain}" of "${label}"`);
        else w.d.diags.warn('gate-without-time', line, labelColumn, `"${label}" has no time; write it as "**${label}**: 12:35 PM" or "T+35"`);
      }
      if (lastLine) w.pending = { kind: 'gate', label, line, gate };
      return;
    }
    case 'go':
    case 'no-go': {
      // "**No-Go Triggers**:" / "**GO**:" alone on its line: the list under it says what decides.
      if (!plain) {
        if (lastLine) w.pending = { kind, label, line, gate: currentGate(w, section) };
        return;
      }
      const gate = w.d.gates.at(-1);
      if (gate && gate.section === section && plain) {
        if (kind === 'go') gate.gate.goText = plain;
        else gate.gate.noGoText = plain;
        gate.gate.criteria.push(`${label}: ${plain}`);
      }
      return;
    }
    default: {
      if (section && plain && DURATION_LABEL.test(label)) {
        const ms = singleDuration(plain);
        if (ms !== null) w.d.sectionDurations.set(section, ms);
        return;
      }
      if (SIGN_OFF_LABEL.test(label)) signOffLine(w, label, plain, line, labelColumn);
      if (approversLabel(w, section, label, plain)) return;
      // "**Action**: `./scripts/flags/toggle.sh --percent 0`" under a rollback trigger: what the level does.
      const level = kind === 'actions' && plain && section ? (w.d.extraLevels.findLast((l) => l.sectionId === section.section.id) ?? levelOf(section)) : null;
      if (level) {
        level.actions.push(plain);
        return;
      }
      if (!plain) {
        if (lastLine) w.pending = { kind, label, line, gate: null };
        return;
      }
      // `**p95 latency**: ≤ 350ms` under an SLO heading or a thresholds label.
      const context = contextOfLabel(kind) ?? (section ? contextOfHeading(section.info.title) : null);
      const parsed = context ? parseThreshold(`${label}: ${plain}`) : null;
      if (parsed && context) w.d.addThreshold(parsed, parsed.impliedContext ?? context, section, null, `${label}: ${plain}`, line, labelColumn);
    }
  }
}

const DURATION_LABEL = /^(?:estimated\s+|planned\s+|expected\s+|target\s+)?duration$/i;

/** "10 minutes", "20 minutes (automated)", "1 hour": one length of time; a range ("60-90 minutes") is no single length. */
function singleDuration(text: string): number | null {
  const m = /^~?\s*(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h)\b(?!\s*[-–])/i.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * (/^h/i.test(m[2]!) ? 3_600_000 : 60_000));
}

export function paragraphBlock(w: BlockContext, node: Paragraph): void {
  const span = spanOf(node);
  const section = w.current;
  w.d.addReference(section?.section.id ?? null, 'text', rawOf(w.d.src, node), span.line, span.column, span.endLine);
  for (let line = span.line; line <= span.endLine; line++) {
    const full = w.d.src.lines[line - 1] ?? '';
    const from = line === span.line ? span.column - 1 : 0;
    const raw = full.slice(from).replace(/\s+$/, '');
    const lead = raw.length - raw.trimStart().length;
    const column = from + lead + 1;
    const text = raw.trim();
    if (!text) continue;
    const lastLine = line === span.endLine;
    const vote = /^([A-Z][\w\s/&'-]{1,40}?)\s*:\s*(GO\b.*)$/.exec(stripMarkup(text));
    if (vote && approversLabel(w, section, vote[1]!, vote[2]!)) continue;
    const label = labelLine(text) ?? plainLabelLine(text, span.line === span.endLine);
    if (label?.colon) {
      labelValue(w, classifyLabel(label.label), {
        label: label.label,
        value: label.value,
        line,
        labelColumn: column,
        column: column + label.valueIndex,
        lastLine,
      });
      continue;
    }
    if (label && !label.colon && !label.value && span.line === span.endLine && !GATE_TEXT.test(label.label) && !findClock(label.label, true)) {
      // "**1.1 Verify Primary Region Health**" alone on its line: the title of a fence right below.
      w.boldTitle = label.label.replace(/^(?:(?:step|phase|stage)\s+)?\d+(?:\.\d+)*[.):]?\s+/i, '').trim() || null;
    }
    if (label && !label.colon && GATE_TEXT.test(label.label)) {
      const info = analyseHeading(label.label);
      const ref = info.relative?.form === 't' ? { kind: 'offset' as const, ms: info.relative.startMs } : (info.clock?.start ?? enclosingTime(section));
      if (info.clock) w.d.noteClock(info.clock.start, line, column);
      const gate = w.addGate(info.displayTitle, ref, line, column, section);
      if (lastLine) w.pending = { kind: 'gate', label: info.displayTitle, line, gate };
      continue;
    }
    if (label) {
      const clock = findClock(label.label, true);
      if (clock && clock.length >= label.label.trim().length - 1) {
        if (!clock.ok) {
          w.d.diags.warn('unparseable-time', line, column, `"${label.label}" is not a valid clock time`);
          continue;
        }
        const rest = stripMarkup(label.value).replace(/^[-–—:|]\s*/, '');
        w.d.addMilestone(section, clock.start, clock.end, rest || section?.info.displayTitle || 'Milestone', 'bold-time', line, column, T0_MARKER.test(rest));
        continue;
      }
    }
    if (timelineLine(w, section, stripMarkup(text), line, column)) continue;
    if (targetPhrase(w, section, text, line, column)) continue;
    if (markedLine(w, section, text, line, column)) continue;
    // "Execute if ANY of these persist > 15 min:" — a lead-in that tells the list below what it is.
    // Only its last sentence leads in, and it never makes the list something other than a list.
    if (lastLine && text.endsWith(':') && !w.pending) {
      const sentence = stripMarkup(text).slice(0, -1).split(/(?<=[.!?])\s+/).at(-1)!;
      w.pending = { kind: 'other', label: sentence, line, gate: null, sentence: true };
    }
  }
}
