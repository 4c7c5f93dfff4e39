// Bold labels that open a line (`**Target**: 12:05 - 12:15 PM UTC`, `**Symptoms**:`), what they
// announce, and the context a threshold gets from a label or a heading.
import type { ThresholdContext } from '../model';

export type LabelKind =
  | 'window'
  | 'target-time'
  | 'date'
  | 'gate'
  | 'go'
  | 'no-go'
  | 'timeline'
  | 'success'
  | 'escalation'
  | 'page'
  | 'conditions'
  | 'actions'
  | 'targets'
  | 'other';

export interface LabelLine {
  label: string;
  /** Text after the label and its colon (markup kept), trimmed. */
  value: string;
  /** 0-based index of the value in the line. */
  valueIndex: number;
  /** The label was followed by a colon (`**X**:` or `**X:**`). */
  colon: boolean;
}

const BOLD_START = /^(\s*)(\*\*|__)(.+?)\2/;

/** `**Label**: value`, `**Label:** value`, or a bold run alone (`**11:30 AM UTC**`). */
export function labelLine(line: string): LabelLine | null {
  const m = BOLD_START.exec(line);
  if (!m) return null;
  let label = m[3]!.trim();
  let after = line.slice(m[0].length);
  let colon = false;
  if (label.endsWith(':')) {
    colon = true;
    label = label.slice(0, -1).trim();
  } else if (/^\s*:/.test(after)) {
    colon = true;
    after = after.replace(/^\s*:/, '');
  } else if (/^\s*\([^()]{1,40}\)\s*:\s*$/.test(after)) {
    // "**Go Criteria** (each phase):" — a qualifier between the label and its colon.
    colon = true;
    after = '';
  }
  const lead = /^\s*/.exec(after)![0].length;
  return { label, value: after.trim(), valueIndex: line.length - after.length + lead, colon };
}

const PLAIN_LABEL = /^([A-Za-z][\w\s/&'().-]{0,40}?)\s*:\s*(.*)$/;

/**
 * A label written without bold (`Go/No-Go Decision: 12:35 PM`, `Symptoms:`). Only taken when it
 * announces a gate, T0 or a date, or when it stands alone before a list: "Note: …" stays prose.
 */
export function plainLabelLine(line: string, alone: boolean): LabelLine | null {
  const m = PLAIN_LABEL.exec(line.trim());
  if (!m || /https?$/i.test(m[1]!)) return null;
  const label = m[1]!.trim();
  const value = m[2]!.trim();
  const kind = classifyLabel(label);
  if (!(kind === 'gate' || kind === 'target-time' || kind === 'date' || (alone && value === ''))) return null;
  return { label, value, valueIndex: line.length - line.trimStart().length + m[0].length - m[2]!.length, colon: true };
}

export function classifyLabel(label: string): LabelKind {
  const l = label.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^no[\s-]*go\b/.test(l)) return 'no-go';
  if (/^go$/.test(l)) return 'go';
  if (/\bgo\s*\/\s*no[\s-]*go\b|\bgo[\s-]+no[\s-]*go\b|\bgo or no[\s-]*go\b|\bdecision point\b|^gate$/.test(l)) return 'gate';
  if (/\bgate\s*checks?\b|\bapproval gate\b|\bgo[\s-]?live decision\b|\b(?:slo|manual|release|launch|canary|promotion|readiness)\s+gates?\b/.test(l)) return 'gate';
  if (/^(target|go[\s-]?live|launch|start|cutover|deployment|release|kick[\s-]?off) time$|^t\s*0$|^t[\s-]?zero$|^go[\s-]?live$/.test(l)) return 'target-time';
  if (/^(target|window|time window|planned|planned window|scheduled|schedule window|when|time)$/.test(l)) return 'window';
  if (/\bdate$|^target launch$|^launch day$/.test(l)) return 'date';
  if (/^(timeline|schedule|run of show|agenda)$/.test(l)) return 'timeline';
  if (/success|exit criteria|pass criteria|go criteria|acceptance|healthy if|^expected( output| results?)?$/.test(l)) return 'success';
  if (/escalat|abort|rollback (criteria|triggers?|if)|no[\s-]*go criteria|roll back if/.test(l)) return 'escalation';
  if (/automatic actions|alert|paging|page if|^page$/.test(l)) return 'page';
  if (/symptom|conditions?|triggers?|indicators?|signs?$/.test(l)) return 'conditions';
  if (/^(actions?|response|what to do|steps to take|do)$/.test(l)) return 'actions';
  if (/\b(targets?|slos?|slas?|objectives?|kpis?|thresholds?)\b/.test(l)) return 'targets';
  return 'other';
}

export function contextOfLabel(kind: LabelKind): ThresholdContext | null {
  switch (kind) {
    case 'success':
      return 'success';
    case 'escalation':
      return 'escalation';
    case 'page':
      return 'page';
    case 'targets':
      return 'target';
    default:
      return null;
  }
}

/** Context a heading gives the thresholds under it (`### Abort Criteria`, `## SLOs`). */
export function contextOfHeading(title: string): ThresholdContext | null {
  const t = title.toLowerCase();
  if (/escalat|abort|no[\s-]*go criteria|rollback (criteria|triggers?)|\btriggers?\b|trigger conditions/.test(t)) return 'escalation';
  if (/alert|paging/.test(t)) return 'page';
  if (/success|exit criteria|acceptance/.test(t)) return 'success';
  if (/\b(slos?|slas?|targets?|objectives?|kpis?|thresholds?)\b/.test(t)) return 'target';
  return null;
}

/** A label that names a person or team (`**Technical Lead**:`), when no roles table says otherwise. */
export const ROLE_LIKE =
  /\b(lead|leader|admin|administrator|engineer|engineers|manager|commander|owner|on[\s-]?call|dba|sre|ops|devops|communications|comms|support|team|qa|security|director|vp|cto|ceo|cio|architect|analyst|developers?|coordinator|scribe|liaison)\b/i;

/** Timeline lines announce the moment the deployment starts in words like these. */
export const T0_MARKER =
  /\b(deployment|cutover|launch|go[\s-]?live|migration|rollout|release)\s+(begins|starts|start|kicks off)\b|(?<![A-Za-z0-9])T\s*(?:[+\-−–]\s*0+|ZERO)(?![\d:])|(?<![A-Za-z0-9])T0(?![\d:])|\bT-?zero\b/i;
