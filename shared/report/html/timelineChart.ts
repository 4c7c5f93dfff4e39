// The launch as a chart: one row per step with its planned window (hatched) and its actual runs
// (coloured by outcome), phases along the top, T0, gates with the GO / NO-GO taken, alerts, and
// the decision level over time along the bottom. Drawn from the timeline model the console's own
// strip uses (shared/timeline), at the session's last event.
import type { StepProgress } from '../../timeline/planVsActual';
import type { ReportModel } from '../reportModel';
import { utc } from '../text';
import { escapeHtml as e } from './escape';
import { linearScale, n, timeTickLabel, timeTicks } from './svg';

const WIDTH = 1000;
const LABEL_W = 230;
const RIGHT_W = 84;
const ROW_H = 22;
const TOP = 46;

export const RUN_COLOURS: Record<string, string> = {
  succeeded: '#2f6f4f',
  failed: '#b42318',
  cancelled: '#6b7280',
  interrupted: '#b45309',
  running: '#1d4ed8',
};

const LEVEL_COLOURS = ['#2f6f4f', '#a16207', '#c2410c', '#b42318'];

/** `+2m30s`, `-45s`, `+38m`: short enough for the chart's right margin. */
function compactDelta(ms: number | null): string {
  if (ms === null) return '';
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds === 0) return 'on time';
  const sign = ms > 0 ? '+' : '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${sign}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s && !h ? `${s}s` : ''}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Steps drawn: the forward plan, then anything else that ran (rollbacks, unplanned steps). */
function chartSteps(model: ReportModel): StepProgress[] {
  const steps = model.timeline?.steps ?? [];
  const planned = steps.filter((s) => s.planned && !s.rollback).sort((a, b) => a.planned!.startAtMs - b.planned!.startAtMs);
  const others = steps.filter((s) => !(s.planned && !s.rollback) && s.history.length > 0).sort((a, b) => a.history[0]!.startedAtMs - b.history[0]!.startedAtMs);
  return [...planned, ...others];
}

function timeRange(model: ReportModel, steps: StepProgress[]): [number, number] {
  const t0 = Date.parse(model.state.header.t0);
  const points: number[] = [t0];
  for (const s of steps) {
    if (s.planned) points.push(s.planned.startAtMs, s.planned.endAtMs);
    for (const run of s.history) points.push(run.startedAtMs, run.endedAtMs ?? model.endMs);
  }
  for (const d of model.state.metrics.gateDecisions) points.push(Date.parse(d.at));
  for (const a of model.facts.alerts) points.push(Date.parse(a.at));
  for (const l of model.state.metrics.levelHistory) points.push(Date.parse(l.at));
  for (const g of model.runbook?.gates ?? []) if (g.offsetMs !== null) points.push(t0 + g.offsetMs);
  const min = Math.min(...points);
  const max = Math.max(...points);
  const pad = Math.max((max - min) * 0.03, 60_000);
  return [min - pad, max + pad];
}

export function timelineChartSvg(model: ReportModel): string {
  const steps = chartSteps(model);
  if (!model.timeline || (steps.length === 0 && model.state.metrics.gateDecisions.length === 0 && model.facts.alerts.length === 0)) return '';
  const [start, end] = timeRange(model, steps);
  const x = linearScale([start, end], [LABEL_W, WIDTH - RIGHT_W]);
  const t0 = Date.parse(model.state.header.t0);
  const plannedT0 = Date.parse(model.state.header.plannedT0);
  const rowsTop = TOP;
  const stepsBottom = rowsTop + steps.length * ROW_H;
  const gatesY = stepsBottom + 6;
  const alertsY = gatesY + ROW_H + 4;
  const levelTop = alertsY + ROW_H + 6;
  const levelH = 44;
  const height = levelTop + levelH + 28;
  const withDate = end - start > 20 * 3600_000 || new Date(start).getUTCDate() !== new Date(end).getUTCDate();
  const parts: string[] = [];

  parts.push(
    `<svg class="chart timeline-chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="tl-title">Timeline: planned vs actual</title>`,
    `<desc id="tl-desc">${e(`${steps.length} steps; hatched bars are planned windows, solid bars actual runs; T0 ${utc(t0)}.`)}</desc>`,
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef0f3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b9c0ca" stroke-width="2"/></pattern></defs>',
  );

  // Phases as shaded bands with their names along the top.
  model.timeline.bands.forEach((band, i) => {
    const from = x(Math.max(start, t0 + band.startOffsetMs));
    const to = x(Math.min(end, band.endBasis === 'open' ? end : t0 + band.endOffsetMs));
    if (to <= from) return;
    parts.push(`<rect x="${n(from)}" y="${TOP - 16}" width="${n(to - from)}" height="${n(levelTop + levelH - TOP + 16)}" fill="${i % 2 ? '#f7f8fa' : '#f1f3f6'}"><title>${e(band.title)}</title></rect>`);
    // A band too narrow for a readable name keeps it in its tooltip only.
    if (to - from >= 60) parts.push(`<text x="${n(from + 4)}" y="${TOP - 5}" class="t-phase">${e(clip(band.title, Math.floor((to - from) / 6.2)))}</text>`);
  });

  // Clock ticks.
  for (const tick of timeTicks(start, end, 9)) {
    parts.push(
      `<line x1="${n(x(tick))}" y1="${TOP - 18}" x2="${n(x(tick))}" y2="${levelTop + levelH}" class="t-grid"/>`,
      `<text x="${n(x(tick))}" y="${TOP - 22}" class="t-tick" text-anchor="middle">${e(timeTickLabel(tick, withDate))}</text>`,
    );
  }

  steps.forEach((step, i) => {
    const y = rowsTop + i * ROW_H;
    if (i % 2 === 0) parts.push(`<rect x="0" y="${y}" width="${LABEL_W - 6}" height="${ROW_H}" fill="#fafbfc"/>`);
    parts.push(`<text x="4" y="${y + 15}" class="t-label"><title>${e(step.title)}</title>${e(clip(step.title, 36))}</text>`);
    if (step.planned) {
      const from = x(step.planned.startAtMs);
      const to = x(step.planned.endAtMs);
      parts.push(
        to - from >= 2
          ? `<rect x="${n(from)}" y="${y + 4}" width="${n(to - from)}" height="14" fill="url(#hatch)" stroke="#9aa3ae" stroke-width="0.6"><title>${e(`Planned ${utc(step.planned.startAtMs)} – ${utc(step.planned.endAtMs)}`)}</title></rect>`
          : `<path d="M${n(from)} ${y + 3}v16" stroke="#7b8591" stroke-width="2"><title>${e(`Planned start ${utc(step.planned.startAtMs)}`)}</title></path>`,
      );
    }
    for (const run of step.history) {
      const from = x(run.startedAtMs);
      const to = Math.max(from + 2.5, x(run.endedAtMs ?? model.endMs));
      parts.push(
        `<rect x="${n(from)}" y="${y + 7}" width="${n(to - from)}" height="8" rx="1.5" fill="${RUN_COLOURS[run.status] ?? '#374151'}"><title>${e(`${step.title}: ${run.status}, ${utc(run.startedAtMs)} – ${run.endedAtMs ? utc(run.endedAtMs) : 'not finished'}`)}</title></rect>`,
      );
    }
    const delta = step.startDeltaMs;
    const cls = step.timing === 'late' ? 't-late' : step.timing === 'missed' ? 't-missed' : 't-delta';
    const text = step.timing === 'missed' ? 'not run' : step.timing === 'not-started' ? '' : step.timing === 'unplanned' ? 'unplanned' : compactDelta(delta);
    if (text) parts.push(`<text x="${WIDTH - RIGHT_W + 6}" y="${y + 15}" class="${cls}">${e(text)}</text>`);
  });

  // Row captions for the lanes under the steps.
  parts.push(
    `<line x1="0" y1="${stepsBottom + 2}" x2="${WIDTH}" y2="${stepsBottom + 2}" class="t-rule"/>`,
    `<text x="4" y="${gatesY + 15}" class="t-label t-lane">Gates</text>`,
    `<text x="4" y="${alertsY + 15}" class="t-label t-lane">Alerts</text>`,
    `<text x="4" y="${levelTop + 14}" class="t-label t-lane">Decision level</text>`,
  );

  for (const gate of model.runbook?.gates ?? []) {
    if (gate.offsetMs === null) continue;
    const gx = x(t0 + gate.offsetMs);
    parts.push(`<path d="M${n(gx)} ${gatesY + 4}l6 7l-6 7l-6 -7z" fill="#fff" stroke="#4b5563" stroke-width="1.2"><title>${e(`${gate.title} — planned ${utc(t0 + gate.offsetMs)}`)}</title></path>`);
  }
  // A label too close to the previous one is left to the marker's colour and tooltip.
  let lastLabelEnd = -Infinity;
  for (const decision of model.state.metrics.gateDecisions) {
    const dx = x(Date.parse(decision.at));
    const go = decision.decision === 'GO';
    const labelled = dx + 8 > lastLabelEnd;
    if (labelled) lastLabelEnd = dx + 8 + decision.decision.length * 7 + 4;
    parts.push(
      `<g><title>${e(`${decision.decision} at ${decision.title}, ${utc(decision.at)} by ${decision.actor.name}`)}</title>`,
      `<line x1="${n(dx)}" y1="${rowsTop}" x2="${n(dx)}" y2="${gatesY + 18}" stroke="${go ? '#1e7b34' : '#b42318'}" stroke-width="1" stroke-dasharray="2 2"/>`,
      `<path d="M${n(dx)} ${gatesY + 4}l6 7l-6 7l-6 -7z" fill="${go ? '#1e7b34' : '#b42318'}"/>`,
      labelled ? `<text x="${n(dx + 8)}" y="${gatesY + 15}" class="t-decision" fill="${go ? '#1e7b34' : '#b42318'}">${e(decision.decision)}</text></g>` : '</g>',
    );
  }
  parts.push(...alertMarks(model, x, alertsY));
  parts.push(...levelLine(model, x, start, levelTop, levelH));

  // T0 (and the T0 first planned, when it moved) across every lane.
  if (plannedT0 !== t0 && plannedT0 >= start && plannedT0 <= end) {
    parts.push(`<line x1="${n(x(plannedT0))}" y1="${TOP - 16}" x2="${n(x(plannedT0))}" y2="${levelTop + levelH}" class="t-t0-planned"/><text x="${n(x(plannedT0) + 3)}" y="${levelTop + levelH + 12}" class="t-tick">planned T0</text>`);
  }
  parts.push(
    `<line x1="${n(x(t0))}" y1="${TOP - 16}" x2="${n(x(t0))}" y2="${levelTop + levelH}" class="t-t0"/>`,
    `<text x="${n(x(t0) + 3)}" y="${levelTop + levelH + 24}" class="t-t0-label">T0 ${e(timeTickLabel(t0, withDate))}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/** Width of one mark bucket in chart units: marks closer than this are drawn as one. */
const BUCKET = 3;
const SEVERITY_COLOURS = { warning: '#a16207', escalate: '#c2410c', page: '#b42318' } as const;
const SEVERITY_RANK = { warning: 0, escalate: 1, page: 2 } as const;

/**
 * Alert transitions, one mark per few chart units: a metric flapping for hours raises thousands of
 * alerts, which one by one would be megabytes of overlapping triangles. Each mark says how many
 * raises and clears it stands for, between when and when.
 */
function alertMarks(model: ReportModel, x: (ms: number) => number, y: number): string[] {
  interface Bucket { raised: number; cleared: number; severity: keyof typeof SEVERITY_COLOURS; first: string; last: string; threshold: string }
  const buckets = new Map<number, Bucket>();
  for (const alert of model.facts.alerts) {
    const key = Math.round(x(Date.parse(alert.at)) / BUCKET);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { raised: 0, cleared: 0, severity: alert.alert.severity, first: alert.at, last: alert.at, threshold: alert.alert.threshold };
      buckets.set(key, bucket);
    }
    if (alert.transition === 'raised') bucket.raised++;
    else bucket.cleared++;
    if (SEVERITY_RANK[alert.alert.severity] > SEVERITY_RANK[bucket.severity]) bucket.severity = alert.alert.severity;
    bucket.last = alert.at;
  }
  return [...buckets].map(([key, b]) => {
    const ax = key * BUCKET;
    const colour = SEVERITY_COLOURS[b.severity];
    const what = b.raised + b.cleared === 1 ? `${b.raised ? 'raised' : 'cleared'} ${utc(b.first)}: ${b.threshold}` : `${b.raised} raised, ${b.cleared} cleared, ${utc(b.first)} – ${utc(b.last)}`;
    const title = `<title>${e(what)}</title>`;
    return b.raised
      ? `<path d="M${n(ax)} ${y + 4}l6 12h-12z" fill="${colour}">${title}</path>`
      : `<circle cx="${n(ax)}" cy="${y + 11}" r="4" fill="#fff" stroke="${colour}" stroke-width="1.5">${title}</circle>`;
  });
}

/**
 * The decision level over time as a step line, 0 at the bottom and 3 at the top, one path per
 * level's colour. Changes closer together than a chart unit draw as one vertical stroke spanning
 * the levels they reached, so thousands of flips stay a few kilobytes.
 */
function levelLine(model: ReportModel, x: (ms: number) => number, start: number, top: number, height: number): string[] {
  const levelY = (level: number) => top + height - 4 - (Math.min(level, 3) / 3) * (height - 10);
  const parts: string[] = [];
  for (let level = 0; level <= 3; level++) {
    parts.push(`<text x="${LABEL_W - 14}" y="${n(levelY(level) + 3)}" class="t-tick" text-anchor="end">${level}</text>`);
  }
  const flats: string[][] = [[], [], [], []];
  let risers = '';
  let current = 0;
  let fromX = x(start);
  const flat = (toX: number) => {
    if (toX - fromX >= 0.5) flats[Math.min(current, 3)]!.push(`M${n(fromX)} ${n(levelY(current))}H${n(toX)}`);
  };
  for (const change of model.state.metrics.levelHistory) {
    const at = x(Date.parse(change.at));
    if (at - fromX >= 0.5) {
      flat(at);
      fromX = at;
    }
    risers += `M${n(at)} ${n(levelY(current))}V${n(levelY(change.to))}`;
    current = change.to;
  }
  flat(x(model.endMs));
  parts.push(`<path d="${dedupeRisers(risers)}" stroke="#9aa3ae" stroke-width="1" fill="none"/>`);
  flats.forEach((segments, level) => {
    if (segments.length) parts.push(`<path d="${segments.join('')}" stroke="${LEVEL_COLOURS[level]}" stroke-width="3" fill="none"/>`);
  });
  return parts;
}

/** Vertical strokes at the same x and span drawn once. */
function dedupeRisers(path: string): string {
  return [...new Set(path.split('M').filter(Boolean))].map((segment) => `M${segment}`).join('');
}

export function timelineLegendHtml(): string {
  const swatch = (colour: string, label: string) => `<span class="legend-item"><span class="swatch" style="background:${colour}"></span>${e(label)}</span>`;
  return [
    '<p class="legend">',
    '<span class="legend-item"><span class="swatch swatch-planned"></span>planned window</span>',
    ...Object.entries(RUN_COLOURS).map(([status, colour]) => swatch(colour, status)),
    '<span class="legend-item"><span class="diamond go"></span>GO</span><span class="legend-item"><span class="diamond nogo"></span>HOLD / ROLLBACK</span>',
    '<span class="legend-item">▲ alert raised · ○ cleared</span>',
    '</p>',
  ].join('');
}
