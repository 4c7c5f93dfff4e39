// What every section of the HTML report renders from, and the small formatting pieces they share.
import { formatOffsetLabel, formatUtc } from '../../timeline/format';
import type { OutputBudget, OutputSource } from '../output';
import type { ReportModel } from '../reportModel';
import { escapeHtml as e } from './escape';

export type ReportVariant = 'screen' | 'print';

export interface HtmlContext {
  model: ReportModel;
  t0Ms: number;
  outputs: OutputSource;
  budget: OutputBudget;
  /** `print`: every output block open, shorter output budgets (the PDF). */
  variant: ReportVariant;
  /** Called after each host's output is rendered (the slow part), for progress. */
  onHostRendered?: () => void;
}

/** `12:03:10 UTC` with its T-offset; the date too when it is not T0's date. */
export function when(context: HtmlContext, at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  const otherDay = new Date(ms).toISOString().slice(0, 10) !== new Date(context.t0Ms).toISOString().slice(0, 10);
  return `<span class="nowrap">${e(formatUtc(ms, otherDay))}</span> <span class="muted small nowrap">${e(formatOffsetLabel(ms - context.t0Ms))}</span>`;
}

/** A status word as a coloured chip (`chip-failed`, `chip-go` …). */
export function chip(status: string, label = status): string {
  const cls = status.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `<span class="chip chip-${cls === 'no-go' ? 'nogo' : cls}">${e(label)}</span>`;
}

export function sectionHeading(id: string, number: number, title: string, keep = false): string {
  return `<h2 id="${id}"${keep ? ' class="keep"' : ''}><span class="num">${number}</span>${e(title)}</h2>`;
}
