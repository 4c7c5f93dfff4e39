// Lists that grow with the log (alert transitions in a flapping hour, a note per minute) are shown
// whole up to a limit; past it, their beginning and their end with a line that says how many are
// left out and which exports hold every one — the report stays readable and never drops anything
// without saying so.
import { reportFileName } from '../formats';
import type { ReportModel } from '../reportModel';
import { plural } from '../text';
import { escapeHtml as e } from './escape';

export interface Capped<T> {
  head: T[];
  tail: T[];
  omitted: number;
}

export function capped<T>(items: readonly T[], max: number, headShare = 0.5): Capped<T> {
  if (items.length <= max) return { head: [...items], tail: [], omitted: 0 };
  const head = Math.max(1, Math.floor(max * headShare));
  return { head: items.slice(0, head), tail: items.slice(items.length - (max - head)), omitted: items.length - max };
}

/** “… 4,012 alert transitions not shown here; every one is in x.events.csv and x.tminus.json …” */
export function omittedNote(model: ReportModel, count: number, what: string, whatPlural = `${what}s`): string {
  const csv = reportFileName(model.session.name, model.session.t0, 'csv');
  return `… ${e(plural(count, what, whatPlural))} not shown here; every one is in <a href="${e(csv)}">${e(csv)}</a> and <a href="${e(model.sessionFileName)}">${e(model.sessionFileName)}</a> …`;
}
