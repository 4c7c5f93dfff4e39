// The HTML report: one self-contained file. Styles are inline, fonts are the system's, charts are
// SVG drawn here; there is no script and nothing to fetch, and a Content-Security-Policy in the
// file itself forbids any request, so it renders the same with the network blocked — and text that
// came from a host or a person (all escaped) could not load anything even if it tried.
import { HTML_OUTPUT_LIMITS, OutputBudget, PDF_OUTPUT_LIMITS, type OutputLimits, type OutputSource } from '../output';
import type { ReportModel } from '../reportModel';
import { formatUtc } from '../../timeline/format';
import { alertsSectionHtml } from './alertsSection';
import { checklistSectionHtml } from './checklistSection';
import { integritySectionHtml, notesSectionHtml } from './closingSections';
import type { HtmlContext, ReportVariant } from './context';
import { decisionsSectionHtml } from './decisionsSection';
import { escapeHtml as e } from './escape';
import { REPORT_CSS } from './reportStyles';
import { stepsSectionHtml } from './stepsSection';
import { mastheadHtml, summarySectionHtml } from './summarySection';
import { timelineSectionHtml } from './timelineSection';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface HtmlReportOptions {
  outputs: OutputSource;
  variant?: ReportVariant;
  /** Overrides the variant's output budgets (tests, benchmarks). */
  limits?: OutputLimits;
  /** Progress in units of work: sections, and each host's output. */
  onProgress?: (done: number, total: number) => void;
}

/** Units of work the HTML takes: one per section plus one per host output (the slow part). */
export function htmlWorkUnits(model: ReportModel): number {
  const hosts = model.state.steps.order.reduce((sum, id) => sum + model.state.steps.runs[id]!.targets.length, 0);
  return 8 + hosts;
}

/** The document in pieces, in order; join them (or write them out) for the file. */
export function* reportHtmlParts(model: ReportModel, options: HtmlReportOptions): Generator<string> {
  const variant = options.variant ?? 'screen';
  const total = htmlWorkUnits(model);
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const context: HtmlContext = {
    model,
    t0Ms: Date.parse(model.state.header.t0),
    outputs: options.outputs,
    budget: new OutputBudget(options.limits ?? (variant === 'print' ? PDF_OUTPUT_LIMITS : HTML_OUTPUT_LIMITS)),
    variant,
    onHostRendered: tick,
  };
  const title = `${model.session.name} — launch audit report`;
  yield [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="T-Minus ${e(model.appVersion)}">`,
    `<meta name="tminus-session" content="${e(model.session.id)}">`,
    `<meta name="tminus-chain-head" content="${e(`${model.chain.headSeq}:${model.chain.headHash}`)}">`,
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body><div class="page">',
  ].join('');
  yield mastheadHtml(context);
  yield summarySectionHtml(context);
  tick();
  yield timelineSectionHtml(context);
  tick();
  yield decisionsSectionHtml(context);
  tick();
  yield alertsSectionHtml(context);
  tick();
  yield* stepsSectionHtml(context);
  tick();
  yield checklistSectionHtml(context);
  tick();
  yield notesSectionHtml(context);
  tick();
  yield integritySectionHtml(context);
  yield `<footer class="doc-end">${e(title)} · session ${e(model.session.id)} · chain head ${e(model.chain.headHash)} (event ${model.chain.headSeq}) · exported ${e(formatUtc(model.exportedAt, true))} by T-Minus ${e(model.appVersion)}</footer>`;
  yield '</div></body></html>\n';
  tick();
}

export function buildReportHtml(model: ReportModel, options: HtmlReportOptions): string {
  return [...reportHtmlParts(model, options)].join('');
}
