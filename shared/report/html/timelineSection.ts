// Section: the timeline chart and the planned / forecast / actual table behind it, with T0 moves.
import { formatOffsetLabel, formatUtc } from '../../timeline/format';
import { formatDelta, formatDurationMs } from '../text';
import { chip, sectionHeading, when, type HtmlContext } from './context';
import { escapeHtml as e } from './escape';
import { sectionNumber } from './summarySection';
import { timelineChartSvg, timelineLegendHtml } from './timelineChart';

const TIMING_LABEL: Record<string, string> = {
  late: 'late',
  'on-time': 'on time',
  early: 'early',
  'not-started': 'not started',
  missed: 'not run',
  unplanned: 'unplanned',
};

export function timelineSectionHtml(context: HtmlContext): string {
  const { model } = context;
  const out: string[] = [sectionHeading('timeline', sectionNumber('timeline'), 'Timeline: planned vs actual')];
  if (!model.timeline) {
    out.push('<p class="muted">This session has no runbook, so nothing was planned.</p>');
    return out.join('');
  }
  const projection = model.timeline.projection;
  if (projection.plannedEndAtMs !== null && projection.projectedEndAtMs !== null) {
    out.push(
      `<p>The plan ended at ${e(formatUtc(projection.plannedEndAtMs))}; by the steps as run it ended at ${e(formatUtc(projection.projectedEndAtMs))} — <strong>${e(formatDelta(projection.deltaMs))}</strong>${projection.steps.some((s) => s.basis !== 'actual') ? ' (steps that never ran are counted at their planned length)' : ''}.</p>`,
    );
  }
  const { forecast } = model.timeline;
  const ahead = forecast.nodes.filter((n) => !n.rollback && n.kind !== 'milestone' && (n.basis === 'forecast' || n.basis === 'running' || n.basis === 'held'));
  if (ahead.length && forecast.projectedEndAtMs !== null) {
    const path = forecast.criticalPath.map((id) => forecast.byId.get(id)!).filter((n) => n.kind !== 'milestone');
    out.push(
      `<p>Forecast at the last event: ${ahead.length} step${ahead.length === 1 ? '' : 's'} and gates not done, projected end ${e(formatUtc(forecast.projectedEndAtMs))}${path.length ? `; critical path: ${path.map((n) => e(n.title)).join(' → ')}` : ''}.</p>`,
    );
  }
  const svg = timelineChartSvg(model);
  if (svg) out.push(`<figure>${svg}<figcaption>${timelineLegendHtml()}</figcaption></figure>`);

  out.push('<table><thead><tr><th>Step</th><th>Planned</th><th>Forecast</th><th>Actual start</th><th>Actual end</th><th class="num">Took</th><th>Start vs plan</th><th>Outcome</th></tr></thead><tbody>');
  for (const step of model.timeline.steps) {
    if (!step.planned && step.history.length === 0) continue;
    const planned = step.planned
      ? `<span class="nowrap">${e(formatOffsetLabel(step.planned.startOffsetMs))}${step.planned.basis === 'start-only' ? '' : `–${e(formatOffsetLabel(step.planned.endOffsetMs))}`}</span> <span class="muted small nowrap">${e(formatUtc(step.planned.startAtMs))}</span>`
      : '<span class="muted">—</span>';
    const f = forecast.byId.get(step.stepId);
    const forecastCell =
      f && (f.basis === 'forecast' || f.basis === 'running') && f.startAtMs !== null
        ? `<span class="nowrap">${e(formatUtc(f.startAtMs))}${f.endAtMs !== null && f.endAtMs !== f.startAtMs ? `–${e(formatUtc(f.endAtMs))}` : ''}</span>${f.critical ? ` ${chip('late', 'critical')}` : ''}`
        : f?.basis === 'unknown'
          ? '<span class="muted">unknown</span>'
          : '<span class="muted">—</span>';
    const run = step.run;
    const took = run?.endedAtMs != null ? formatDurationMs(run.endedAtMs - run.startedAtMs) : '—';
    const retries = step.history.length > 1 ? ` <span class="muted small">(${step.history.length} runs)</span>` : '';
    out.push(
      `<tr><td>${e(step.title)}${step.rollback ? ' <span class="muted small">rollback</span>' : ''}</td><td>${planned}</td><td>${forecastCell}</td><td>${run ? when(context, run.startedAtMs) : '—'}</td><td>${run?.endedAtMs != null ? when(context, run.endedAtMs) : '—'}</td><td class="num nowrap">${e(took)}</td><td>${step.timing === 'late' ? chip('late', `${formatDurationMs(step.startDeltaMs)} late`) : e(step.startDeltaMs === null ? TIMING_LABEL[step.timing] ?? step.timing : `${formatDelta(step.startDeltaMs)} (${TIMING_LABEL[step.timing]})`)}</td><td>${run ? chip(run.status) : chip(step.timing === 'missed' ? 'open' : 'neutral', TIMING_LABEL[step.timing] ?? step.timing)}${retries}</td></tr>`,
    );
  }
  out.push('</tbody></table>');

  if (model.facts.t0Moves.length) {
    out.push('<h3>T0 moves</h3><table><thead><tr><th>When</th><th>From</th><th>To</th><th>By</th><th>Reason</th></tr></thead><tbody>');
    for (const move of model.facts.t0Moves) {
      out.push(`<tr><td>${when(context, move.at)}</td><td>${e(formatUtc(Date.parse(move.from), true))}</td><td>${e(formatUtc(Date.parse(move.to), true))}</td><td>${e(move.actor.name)}</td><td>${e(move.reason ?? '—')}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  return out.join('');
}
