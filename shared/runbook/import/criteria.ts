// Criteria as teams write them: the polarity of a line comes from its markers and lead-in words
// (❌ / 🔴 / RED / "rollback if" / "Alert if" → alert-if; ✅ / 🟢 / GREEN / "Target:" / "healthy if"
// → ok-if; ⚠️ / 🟡 / YELLOW / "needs attention" → warn-if), one line may state several thresholds
// ("RTO ≤ 15 min, RPO ≤ 10 s"), and a sentence of prose may state them in words ("will undo the
// rollout if P95 latency exceeds 100 ms for 5 minutes or errors exceed 1%").
import type { Threshold, ThresholdContext, ThresholdMeaning } from '../model';
import { levelOf, type SectionDraft } from './draft';
import { parseThreshold, type ParsedThreshold } from './thresholds';
import type { BlockContext } from './blockContext';

export interface Polarity {
  meaning: ThresholdMeaning | null;
  /** The text after the markers and lead-in. */
  rest: string;
}

const ALERT_MARK = /^(?:❌|🔴|⛔|🚨|✗|✘|🛑)\uFE0F?\s*/u;
const OK_MARK = /^(?:✅|🟢|✓|✔|☑)\uFE0F?\s*/u;
const WARN_MARK = /^(?:⚠|🟡|🟠)\uFE0F?\s*/u;
const ALERT_WORD = /^(?:RED|CRITICAL)\b\s*[:\-–—]?\s*/;
const OK_WORD = /^GREEN\b\s*[:\-–—]?\s*/;
const WARN_WORD = /^(?:YELLOW|AMBER)\b\s*[:\-–—]?\s*/;
// Lead-ins are read once, after the markers: "Alert if > 1%", "Rollback if error rate > 5%".
const ALERT_LEAD =
  /^(?:(?:initiate\s+|immediate(?:ly)?\s+|automatic(?:ally)?\s+)?(?:fail(?:ing|s|ed)?|roll\s*back|abort|no[\s-]*go|alert|page|escalate|halt|stop|pause|trigger(?:ed)?)\s+(?:if|when|on|whenever)\b\s*:?\s*|alert\s+on\s*:\s*|(?:rollback|abort|no[\s-]*go)\s+(?:criteria|triggers?)\s*:\s*)/i;
const OK_LEAD =
  /^(?:(?:successful|success|healthy|ok|pass(?:es|ing)?|go)\s+(?:if|when)\b\s*:?\s*|(?:target|targets|expected|expect|goal|slo|sla|pass criteria|success criteria|criteria|acceptance|quality|budget alerts?|budgets?|threshold)\s*:\s*)/i;
const WARN_LEAD = /^(?:needs?\s+attention|warn(?:ing)?|degraded)\s*(?:if|when)?\s*:?\s*/i;

/** The polarity a line's markers and lead-in give it, and the line without them. */
export function readPolarity(text: string): Polarity {
  let rest = text.replace(/^\s*(?:[-*+•]\s+|\d+[.)]\s+)?/, '').replace(/\*\*|__/g, '');
  let meaning: ThresholdMeaning | null = null;
  const marks: Array<[RegExp, ThresholdMeaning]> = [
    [ALERT_MARK, 'alert-if'],
    [OK_MARK, 'ok-if'],
    [WARN_MARK, 'warn-if'],
    [ALERT_WORD, 'alert-if'],
    [OK_WORD, 'ok-if'],
    [WARN_WORD, 'warn-if'],
  ];
  for (const [pattern, m] of marks) {
    const found = pattern.exec(rest);
    if (found) {
      meaning = m;
      rest = rest.slice(found[0].length);
      break;
    }
  }
  const leads: Array<[RegExp, ThresholdMeaning]> = [
    [WARN_LEAD, 'warn-if'],
    [ALERT_LEAD, 'alert-if'],
    [OK_LEAD, 'ok-if'],
  ];
  for (const [pattern, m] of leads) {
    const found = pattern.exec(rest);
    if (found) {
      // A lead-in says more than a status mark: "✅ Alert if …" is still an alert.
      meaning = m;
      rest = rest.slice(found[0].length);
      break;
    }
  }
  return { meaning, rest: rest.trim() };
}

const OP_NUMBER = /(?:<=|>=|≤|≥|<|>|\bexceeds?\b|\babove\b|\bbelow\b|\bunder\b|\bover\b|\bless than\b|\bmore than\b|\bat (?:least|most)\b)\s*\$?\d/gi;

/** "RTO ≤ 15 min, RPO ≤ 10 s" → two phrases; a line with one comparison stays whole. */
export function splitPhrases(text: string): string[] {
  const count = text.match(OP_NUMBER)?.length ?? 0;
  if (count < 2) return [text];
  return text
    .split(/\s*[,;]\s+|\s+(?:and|or|&)\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export interface CriteriaOptions {
  /** Meaning when the line itself has no marker or lead-in (a checkbox states a check: ok-if). */
  defaultMeaning?: ThresholdMeaning | null;
  /** Context when the line says nothing; otherwise derived from the meaning. */
  context?: ThresholdContext | null;
  metricHint?: string | null;
  confidence?: 'suggested';
  /** Decision level number for conditions of a decision level. */
  level?: number | null;
  /** Only the plain forms (a comparison, a target, a value first): not "Load test passed (≥ 1000 RPS)". */
  strict?: boolean;
  /** Source lines the text spans, to put each threshold on the line it is written on. */
  lines?: { from: number; to: number };
}

function contextFor(meaning: ThresholdMeaning, given: ThresholdContext | null | undefined): ThresholdContext {
  if (given === 'decision-level') return given;
  if (meaning === 'ok-if') return given === 'success' ? 'success' : 'target';
  return given === 'page' ? 'page' : 'escalation';
}

/** The line (within `lines`) where `needle` is written, so a threshold in a wrapped item keeps its own line. */
function lineOf(w: BlockContext, needle: string, fallback: { line: number; column: number }, lines?: { from: number; to: number }): { line: number; column: number } {
  if (!lines || lines.to <= lines.from) return fallback;
  const probe = needle.replace(/\*\*|__|`/g, '').trim().slice(0, 24);
  for (let line = lines.from; line <= lines.to; line++) {
    const text = (w.d.src.lines[line - 1] ?? '').replace(/\*\*|__|`/g, '');
    const index = text.indexOf(probe);
    if (index >= 0) return { line, column: line === fallback.line ? fallback.column : index + 1 };
  }
  return fallback;
}

function add(w: BlockContext, section: SectionDraft | null, parsed: ParsedThreshold, meaning: ThresholdMeaning, phrase: string, at: { line: number; column: number }, options: CriteriaOptions): Threshold {
  const level = options.level ?? (options.context === 'decision-level' ? (levelOf(section)?.level ?? null) : null);
  const context = options.context === 'decision-level' ? options.context : (parsed.impliedContext ?? options.context);
  return w.d.addThreshold(parsed, contextFor(meaning, context), section, options.context === 'decision-level' ? level : null, phrase, at.line, at.column, {
    meaning,
    confidence: options.confidence,
  });
}

/**
 * Thresholds stated by one line or list item. Returns what was added (none when the text states no
 * limit, or states one without saying whether it is good or bad and no default applies).
 */
export function readCriteria(w: BlockContext, section: SectionDraft | null, text: string, at: { line: number; column: number }, options: CriteriaOptions = {}): Threshold[] {
  const polarity = readPolarity(text);
  const meaning = polarity.meaning ?? options.defaultMeaning ?? null;
  const out: Threshold[] = [];
  if (meaning) {
    for (const phrase of splitPhrases(polarity.rest)) {
      const parsed = parseThreshold(phrase, { metricHint: options.metricHint, strict: options.strict });
      if (!parsed) continue;
      out.push(add(w, section, parsed, meaning, phrase, lineOf(w, phrase, at, options.lines), options));
    }
    if (out.length > 0) return out;
  }
  return readProse(w, section, polarity.rest, at, options);
}

const ALERT_SENTENCE = /\b(roll(?:s|ed|ing)?\s*back|rollback|undo|abort|fail|alert|page|halt|pause|revert|trigger|escalat|breach|violat)/i;
const OK_SENTENCE = /\b(target|should|must|stay|keep|within|remain|healthy|pass)/i;

/** Thresholds written in sentences: each clause with a comparison, its polarity from the sentence. */
function readProse(w: BlockContext, section: SectionDraft | null, text: string, at: { line: number; column: number }, options: CriteriaOptions): Threshold[] {
  const out: Threshold[] = [];
  if (!/\d/.test(text)) return out;
  for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
    const meaning: ThresholdMeaning | null = ALERT_SENTENCE.test(sentence) ? 'alert-if' : OK_SENTENCE.test(sentence) ? 'ok-if' : null;
    if (!meaning) continue;
    const clauses = sentence.split(/\s*[,;]\s+|\s+(?:if|when|whenever|or|and|unless)\s+/i);
    for (const clause of clauses) {
      if (clause.length > 80 || !/\d/.test(clause)) continue;
      const parsed = parseThreshold(clause.replace(/[.!?]+$/, ''));
      if (!parsed || parsed.op === 'between') continue;
      out.push(add(w, section, parsed, meaning, clause, lineOf(w, clause, at, options.lines), options));
    }
  }
  return out;
}
