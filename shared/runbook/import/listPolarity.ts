// Whether the comparisons in a list describe health or trouble, from the context around the list:
// a lead-in right before it ("Execute if ANY of these occur:", "**No-Go Triggers**:", "**Go
// Criteria**:") and the headings it sits under ("## Rollback Triggers", "### Failure ❌"). A
// checkbox alone says "this is something to check", not which way the check goes: under a heading
// about rollback, `- [ ] Error rate > 5%` is a trigger, and reading it as a target would show a
// failing launch as healthy. When the context points both ways or only hints at trouble, the
// meaning is unknown and the caller says so instead of guessing.
import type { ThresholdMeaning } from '../model';
import type { SectionDraft } from './draft';

/** Headings and lead-ins whose lists are triggers: each item that holds is trouble. */
const ALERT_CONTEXT =
  /\btriggers?\b|\babort\b|(?<!\bgo\s*[/-]\s*|\bgo or\s+)\bno[\s-]*go\b|\bkill[\s-]?switch\b|\bstop (?:criteria|conditions)\b|\bfail(?:ure)?\s+(?:criteria|conditions|signals?)\b|\bred flags?\b|\bwhen to roll\s*back\b|\broll\s*back\s+(?:criteria|conditions|if|when|on)\b|\brollback\s+(?:criteria|conditions|if|when|on)\b|\bescalation criteria\b|\bhalt (?:criteria|conditions|if)\b|❌|🔴|🛑|⛔/iu;
/** Headings and lead-ins whose lists state what must hold. */
const OK_CONTEXT =
  /\bgo criteria\b|\bsuccess\b|\bexit criteria\b|\bacceptance\b|\bhealthy\b|\bhealth criteria\b|\bpass(?:ing)? criteria\b|\bproceed (?:if|when)\b|\bcontinue (?:if|when)\b|\bpromote (?:if|when)\b|\b(?:targets?|slos?|kpis?|objectives)\b|\bverif|\bvalidat|✅|🟢/iu;
/** Words that hint at trouble without saying whether a list under them is a trigger or a check. */
const ALERT_HINT = /\broll\s*back\b|\brollback\b|\bfail(?:ure|ing|s)?\b|\brevert\b|\bincident\b|\bemergency\b|\bhalt\b/i;
/** "… if ANY of these occur:", "… if any of the following persist > 15 min:" — conditions that set something off. */
const EVENT_LEAD = /\bif\b.*\b(?:occurs?|persists?|happens?|(?:is|are) (?:seen|observed|detected)|(?:is|are) true)\b/i;
/** "Check error rate < 1%": the item itself says it is a check to pass. */
const CHECK_VERB = /^\s*(?:verify|check|ensure|confirm|validate)\b/i;

export interface ContextPolarity {
  meaning: ThresholdMeaning | null;
  /** Why the meaning is unknown (for the warning), when the context hints at trouble but does not decide. */
  unknown: string | null;
  /** "… persist > 15 min": a sustained window the lead-in gives every threshold in the list. */
  sustainedMs: number | null;
}

function windowOf(text: string): number | null {
  const m = /\b(?:persists?|sustained|lasts?|for)\s*(?:>|>=|≥|over|more than|longer than|at least)?\s*(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b/i.exec(text);
  if (!m) return null;
  const unit = m[2]!.toLowerCase();
  return Number(m[1]) * (unit.startsWith('h') ? 3_600_000 : unit.startsWith('s') ? 1000 : 60_000);
}

/** The meaning a lead-in or label gives the list after it, when it decides one by itself. */
export function leadInMeaning(text: string): ThresholdMeaning | null {
  if (ALERT_CONTEXT.test(text)) return 'alert-if';
  if (OK_CONTEXT.test(text)) return 'ok-if';
  return null;
}

function headingMeaning(title: string): ThresholdMeaning | 'hint' | null {
  // A heading's own time ("Immediate Rollback (< 5 min)") is how fast to respond, not a criterion.
  const t = title.replace(/\([^)]*\)/g, ' ');
  // "### Partial Success ⚠️": the mark says which band, before the words.
  if (/⚠|🟡/u.test(t)) return 'warn-if';
  if (ALERT_CONTEXT.test(t)) return 'alert-if';
  if (OK_CONTEXT.test(t)) return 'ok-if';
  if (ALERT_HINT.test(t)) return 'hint';
  return null;
}

/**
 * The meaning the context gives a list's comparisons. `leadIn` is the label or paragraph right
 * before the list. The nearest context that decides wins; a heading that only hints at trouble
 * ("Immediate Rollback") leaves the meaning unknown unless a heading around it decides.
 */
export function contextPolarity(section: SectionDraft | null, leadIn: string | null): ContextPolarity {
  const sustainedMs = leadIn ? windowOf(leadIn) : null;
  if (leadIn) {
    const own = leadInMeaning(leadIn);
    if (own) return { meaning: own, unknown: null, sustainedMs };
  }
  let hint: string | null = null;
  for (let s = section; s; s = s.parent) {
    const found = headingMeaning(s.section.title);
    if (found === 'hint') {
      hint ??= s.section.title;
      continue;
    }
    if (found === 'alert-if' || found === 'warn-if') return { meaning: found, unknown: null, sustainedMs };
    if (found === 'ok-if') {
      // "## Success Criteria / ### Rollback" — the inner heading hints the other way: do not guess.
      if (hint) return { meaning: null, unknown: `under "${hint}" inside "${s.section.title}"`, sustainedMs };
      return { meaning: found, unknown: null, sustainedMs };
    }
  }
  // "Execute if ANY of these occur:" under a rollback heading: conditions that set the rollback off.
  if (leadIn && EVENT_LEAD.test(leadIn) && hint) return { meaning: 'alert-if', unknown: null, sustainedMs };
  if (hint) return { meaning: null, unknown: `under "${hint}"`, sustainedMs };
  return { meaning: null, unknown: null, sustainedMs };
}

/** "Triggered if ANY of these conditions occur:" — a lead-in that lists what sets something off. */
export function isEventLeadIn(text: string | null | undefined): boolean {
  return Boolean(text && EVENT_LEAD.test(text));
}

/** Whether an item's own words make it a check to pass ("Check error rate < 1%"). */
export function saysCheck(text: string): boolean {
  return CHECK_VERB.test(text);
}
