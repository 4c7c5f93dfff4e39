// What a notification says: which committed log event triggers which rule, the words it carries
// (`{{level}}`, `{{reasons}}` …), the default templates, and the two wire formats. Pure: the
// notifier (electron/notify/) sends what this builds.
import type { LoggedEvent } from '../log/eventTypes';
import type { NotifyRule } from '../log/notifyEvents';
import type { Runbook } from '../runbook/model';

export type MessageVars = Record<string, string>;

export interface Triggered {
  rule: NotifyRule;
  vars: MessageVars;
}

export const RULE_LABELS: Record<NotifyRule, string> = {
  levelChanged: 'Decision level changes',
  gateDecided: 'Gate decisions',
  pageAlert: 'Page-severity alerts',
  milestoneReached: 'Milestones reached',
  t0Moved: 'T0 moves',
  runFailed: 'Step runs that fail',
};

export const DEFAULT_TEMPLATES: Record<NotifyRule | 'test', string> = {
  levelChanged: '{{session}}: decision level {{from}} → {{level}} {{title}} ({{verdict}}). Why: {{reasons}}',
  gateDecided: '{{session}}: {{gate}} — {{decision}}{{reason}}',
  pageAlert: '{{session}}: PAGE — {{threshold}} (now {{value}}). {{action}}',
  milestoneReached: '{{session}}: milestone reached — {{milestone}} ({{at}} UTC)',
  t0Moved: '{{session}}: T0 moved from {{from}} to {{to}} UTC{{reason}}',
  runFailed: '{{session}}: step "{{step}}" {{status}} on {{hosts}}',
  test: '{{session}}: test message from T-Minus — notifications to {{target}} work.',
};

/** Template placeholders each rule fills (shown next to the template field). */
export const RULE_VARS: Record<NotifyRule, string[]> = {
  levelChanged: ['session', 'level', 'from', 'title', 'verdict', 'reasons', 'actions'],
  gateDecided: ['session', 'gate', 'decision', 'reason', 'verdict', 'by'],
  pageAlert: ['session', 'metric', 'threshold', 'value', 'action'],
  milestoneReached: ['session', 'milestone', 'at'],
  t0Moved: ['session', 'from', 'to', 'reason', 'by'],
  runFailed: ['session', 'step', 'status', 'hosts'],
};

const hhmm = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The rule a committed event triggers, with its words; null when it triggers none. */
export interface RunFacts {
  stepTitle: string;
  /** Hosts that did not succeed. */
  failedHosts: string[];
}

export function triggeredBy(event: LoggedEvent, session: string, runFacts: (runId: string) => RunFacts | null = () => null): Triggered | null {
  switch (event.type) {
    case 'metrics.levelChanged': {
      const p = event.payload;
      const reasons = p.why.length ? p.why.map((w) => w.text).join('; ') : p.reason;
      return {
        rule: 'levelChanged',
        vars: { session, level: String(p.to), from: String(p.from), title: p.title ?? '', verdict: p.verdict ?? (p.to === 0 ? 'back to normal' : ''), reasons, actions: p.actions.join('; ') },
      };
    }
    case 'metrics.gateDecided': {
      const p = event.payload;
      return { rule: 'gateDecided', vars: { session, gate: p.title, decision: p.decision, reason: p.reason ? `: ${p.reason}` : '', verdict: p.verdict, by: event.actor.name } };
    }
    case 'metrics.alertRaised': {
      const p = event.payload;
      if (p.severity !== 'page') return null;
      const value = p.value === null ? 'no data' : `${String(p.value)}${p.unit && p.unit !== '%' ? ` ${p.unit}` : (p.unit ?? '')}`;
      return { rule: 'pageAlert', vars: { session, metric: p.metric, threshold: p.threshold, value, action: p.action ?? '' } };
    }
    case 'timeline.milestoneReached': {
      const p = event.payload;
      return { rule: 'milestoneReached', vars: { session, milestone: p.text, at: p.dueAt.slice(11, 16) } };
    }
    case 'session.t0Moved': {
      const p = event.payload;
      return { rule: 't0Moved', vars: { session, from: hhmm(p.from), to: hhmm(p.to), reason: p.reason ? ` — ${p.reason}` : '', by: event.actor.name } };
    }
    case 'step.runFinished': {
      const p = event.payload;
      if (p.status !== 'failed' && p.status !== 'interrupted') return null;
      const facts = runFacts(p.runId);
      const hosts = facts?.failedHosts ?? [];
      return { rule: 'runFailed', vars: { session, step: facts?.stepTitle ?? p.runId, status: p.status, hosts: hosts.length ? hosts.join(', ') : 'its targets' } };
    }
    default:
      return null;
  }
}

/** `{{name}}` replaced by its value; unknown names are left visible, so a typo shows in the message. */
export function renderTemplate(template: string, vars: MessageVars): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole)).trim();
}

/** The request body for a target kind. */
export function bodyFor(kind: 'slack' | 'webhook', rule: NotifyRule | 'test', text: string, vars: MessageVars, sessionId: string): unknown {
  if (kind === 'slack') return { text };
  return { source: 'T-Minus', sessionId, rule, text, ...vars };
}

const COMMS_SECTION = /\bcomms?\b|communicat/i;
const RULE_WORDS: Array<[NotifyRule, RegExp]> = [
  ['levelChanged', /level/i],
  ['gateDecided', /gate|go\s*\/?\s*no[\s-]?go/i],
  ['pageAlert', /\bpage\b|paging/i],
  ['milestoneReached', /milestone/i],
  ['t0Moved', /\bt0\b|reschedul|delay/i],
  ['runFailed', /fail/i],
];

/**
 * Wording from the runbook's comms section: lines such as `- **Level change**: …` or
 * `Gate decision: …` in a section titled "Comms" / "Communication…" become that rule's template.
 */
export function commsTemplates(runbook: Runbook | null): Partial<Record<NotifyRule, string>> {
  if (!runbook) return {};
  const sections = new Set(runbook.sections.filter((s) => COMMS_SECTION.test(s.title)).map((s) => s.id));
  const lines: string[] = [];
  for (const item of runbook.checklistItems) if (sections.has(item.sectionId)) lines.push(item.label !== item.text ? `${item.label}: ${item.detail.replace(/^[:\s—-]+/, '')}` : item.text);
  for (const ref of runbook.references) if (ref.sectionId && sections.has(ref.sectionId)) lines.push(...ref.text.split('\n'));
  const out: Partial<Record<NotifyRule, string>> = {};
  for (const raw of lines) {
    const m = /^\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s+)?\**([^:*]{2,40}?)\**\s*:\s*(.+)$/.exec(raw);
    if (!m) continue;
    const [, label, text] = m;
    const rule = RULE_WORDS.find(([, re]) => re.test(label!))?.[0];
    if (rule && !out[rule]) out[rule] = text!.trim();
  }
  return out;
}
