// Decision rules written without "Level N" headings: a rollback-trigger list ("### Rollback
// Triggers", "**Trigger Conditions:**", "Initiate rollback if:"), a rollback matrix or severity
// table ("| Error rate | > 5 % for 15 min | Rollback |", "| P0 | Platform down (5xx > 50%) | … |"),
// and traffic lights (GREEN / YELLOW / RED). Each becomes a decision level with its conditions
// (thresholds where they are measurable), sustained windows and actions.
import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DecisionLevel, ThresholdMeaning } from '../model';
import { readCriteria } from './criteria';
import { contextPolarity } from './listPolarity';
import type { SectionDraft } from './draft';
import { spanOf } from './source';
import type { BlockContext } from './blockContext';

/** Headings and labels that announce the conditions of a rollback. */
export const TRIGGER_TITLE = /\b(?:rollback|roll back|abort)\s+(?:triggers?|criteria|conditions|if)\b|\btrigger(?:s| conditions| criteria)\b|\bwhen to roll\s*back\b|\bno[\s-]*go criteria\b/i;

export function newLevel(w: BlockContext, section: SectionDraft, level: number, title: string, verdict: string, line: number, column: number): DecisionLevel {
  const decision: DecisionLevel = {
    id: w.d.ids.make('lv', section.section.id, `${level}\u0000${title}`),
    sectionId: section.section.id,
    level,
    title,
    verdict,
    conditions: [],
    actions: [],
    stepIds: [],
    line,
    column,
  };
  w.d.extraLevels.push(decision);
  return decision;
}

function cells(row: Table['children'][number]): string[] {
  return row.children.map((cell) => toString(cell).replace(/\s+/g, ' ').trim());
}

const METRIC_COLUMN = /^(metric|signal|indicator|kpi|measure|sli|check|gate)s?$/i;
const TARGET_COLUMN = /^(target|goal|slo|sla|expected|threshold|limit|trigger|condition|criteria)s?\b/i;
const LIMIT_COLUMN = /^(threshold|limit|target|goal|slo|sla|expected)s?\b/i;
const NAME_COLUMNS = [/^criteri(?:a|on)$/i, /^(?:name|item|description)$/i, /^category$/i];

function nameColumn(names: string[]): number {
  for (const pattern of NAME_COLUMNS) {
    const found = names.findIndex((n) => pattern.test(n));
    if (found >= 0) return found;
  }
  return -1;
}
const ACTION_COLUMN = /^(action|response|decision|then|do)\b/i;
const SEVERITY_COLUMN = /^(severity|level|priority|sev|alert level|tier)$/i;
const CONDITION_COLUMN = /^(condition|trigger|symptoms?|criteria|when|description)s?$/i;
const ALERTING = /roll\s*back|rollback|page|alert|abort|escalat|halt|pause|stop|revert|incident/i;

/** Limits written in parentheses inside a condition ("Platform down (5xx > 50%)") are read on their own. */
function conditionPhrases(text: string): string[] {
  const inner = [...text.matchAll(/\(([^()]*[<>≤≥][^()]*)\)/g)].map((m) => m[1]!);
  return inner.length > 0 ? inner : [text];
}

/** Severity rank of "P0" / "SEV-1" / "Level 2" cells: lower numbers are worse for P and SEV. */
function rankOf(label: string, index: number, count: number): number {
  const p = /\b(?:p|sev(?:erity)?[\s-]*)(\d)\b/i.exec(label);
  if (p) return Math.max(1, 5 - Number(p[1]));
  const l = /\blevel\s*(\d)\b/i.exec(label);
  if (l) return Number(l[1]);
  return count - index;
}

export function decisionTable(w: BlockContext, node: Table): void {
  const [header, ...rows] = node.children;
  if (!header || rows.length === 0) return;
  const section = w.current;
  if (!section) return;
  const names = cells(header);
  // "| Category | Criteria | Threshold |": the criteria name the metric when no column is called that.
  const metricNamed = names.findIndex((n) => METRIC_COLUMN.test(n));
  const limitNamed = names.findIndex((n, i) => i !== metricNamed && LIMIT_COLUMN.test(n));
  const metric = metricNamed >= 0 ? metricNamed : limitNamed >= 0 ? nameColumn(names) : -1;
  const target = limitNamed >= 0 ? limitNamed : names.findIndex((n, i) => i !== metric && TARGET_COLUMN.test(n));
  // The heading decides which way a table's limits go ("## NO-GO Criteria (ANY triggers abort)").
  const context = contextPolarity(section, null).meaning;
  const action = names.findIndex((n) => ACTION_COLUMN.test(n));
  const severity = names.findIndex((n) => SEVERITY_COLUMN.test(n));
  const condition = names.findIndex((n, i) => i !== severity && CONDITION_COLUMN.test(n));
  let tableLevel: DecisionLevel | null = null;
  rows.forEach((row, index) => {
    const values = cells(row);
    const span = spanOf(row);
    const at = { line: span.line, column: span.column };
    const actionText = action >= 0 ? (values[action] ?? '') : '';
    if (metric >= 0 && target >= 0) {
      const name = values[metric] ?? '';
      const limit = values[target] ?? '';
      if (!name || !/\d/.test(limit)) return;
      // "Target" / "Goal" columns state the healthy value; a threshold with a rollback action is a trigger.
      const alerting = context === 'alert-if' || (context !== 'ok-if' && (ALERTING.test(actionText) || /^(trigger|condition)/i.test(names[target]!)));
      const meaning: ThresholdMeaning = alerting ? 'alert-if' : 'ok-if';
      const found = readCriteria(w, section, limit, at, { defaultMeaning: meaning, metricHint: name, context: alerting ? 'escalation' : 'target' });
      if (alerting && found.length > 0) {
        const level = newLevel(w, section, 1, name, actionText, span.line, span.column);
        level.conditions.push({ text: `${name} ${limit}`, thresholdId: found[0]!.id });
        if (actionText) level.actions.push(actionText);
      }
      return;
    }
    if (severity >= 0 && condition >= 0) {
      const title = values[severity] ?? '';
      const text = values[condition] ?? '';
      if (!title || !text) return;
      const level = newLevel(w, section, rankOf(title, index, rows.length), title, actionText, span.line, span.column);
      let thresholdId: string | null = null;
      for (const phrase of conditionPhrases(text)) {
        const found = readCriteria(w, section, phrase, at, { defaultMeaning: 'alert-if', context: 'decision-level', level: level.level, strict: true });
        thresholdId ??= found[0]?.id ?? null;
      }
      level.conditions.push({ text, thresholdId });
      if (actionText) level.actions.push(actionText);
      return;
    }
    if (condition >= 0 && context === 'alert-if') {
      // "| Condition | Action |" under a no-go or trigger heading: one level for the table, a row per condition.
      const text = values[condition] ?? '';
      if (!text) return;
      tableLevel ??= newLevel(w, section, 1, section.info.displayTitle, 'Rollback', section.section.line, section.section.column);
      const found = readCriteria(w, section, text, at, { defaultMeaning: 'alert-if', strict: true });
      tableLevel.conditions.push({ text, thresholdId: found[0]?.id ?? null });
      if (actionText && !tableLevel.actions.includes(actionText)) tableLevel.actions.push(actionText);
    }
  });
}
