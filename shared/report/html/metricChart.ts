// One metric of a decision's evidence snapshot as a chart: its last 15 minutes as the console saw
// them, the runbook's thresholds for that metric drawn as lines (the gate's own criteria first and
// strongest), and the moment of the decision with the value it had. Thresholds are converted into
// the metric's unit (a binding in seconds against a runbook written in ms) the way the console
// compares them; a threshold that cannot be converted is left out and said so in the caption.
import type { EvidenceMetric } from '../../metrics/evidence';
import { describeThreshold } from '../../metrics/thresholds';
import { convertUnit, formatValue } from '../../metrics/units';
import { fromJsonNumber } from '../../log/metricsEvents';
import type { Threshold, ThresholdContext } from '../../runbook/model';
import { escapeHtml as e } from './escape';
import { linePath, linearScale, n, niceTicks, tickLabel, timeTickLabel, timeTicks } from './svg';

const W = 520;
const H = 180;
const PAD = { left: 52, right: 118, top: 14, bottom: 26 };
const MAX_LINES = 5;

const CONTEXT_COLOURS: Record<ThresholdContext, string> = {
  success: '#1e7b34',
  target: '#2f6f4f',
  escalation: '#c2410c',
  page: '#b42318',
  'decision-level': '#7c3aed',
};
const CONTEXT_NAMES: Record<ThresholdContext, string> = {
  success: 'gate',
  target: 'target',
  escalation: 'escalation',
  page: 'page',
  'decision-level': 'level',
};

interface ThresholdLine {
  value: number;
  threshold: Threshold;
  criterion: boolean;
}

/** Threshold lines for one metric, in the metric's unit: the gate's criteria, then the rest by severity. */
export function thresholdLines(metric: EvidenceMetric, thresholds: readonly Threshold[], criterionIds: ReadonlySet<string>): { lines: ThresholdLine[]; skipped: string[] } {
  const rank: Record<ThresholdContext, number> = { success: 1, page: 2, escalation: 3, 'decision-level': 4, target: 5 };
  const lines: ThresholdLine[] = [];
  const skipped: string[] = [];
  const seen = new Set<number>();
  const candidates = thresholds
    .filter((t) => t.metricKey === metric.metricKey)
    .sort((a, b) => Number(criterionIds.has(b.id)) - Number(criterionIds.has(a.id)) || rank[a.context] - rank[b.context]);
  for (const threshold of candidates) {
    const bounds = threshold.op === 'between' && threshold.upper !== null ? [threshold.value, threshold.upper] : [threshold.value];
    for (const bound of bounds) {
      const converted = convertUnit(bound, threshold.unit, metric.unit);
      if (!converted.ok) {
        skipped.push(`${describeThreshold(threshold)} (${converted.reason})`);
        continue;
      }
      if (seen.has(converted.value) || lines.length >= MAX_LINES) continue;
      seen.add(converted.value);
      lines.push({ value: converted.value, threshold, criterion: criterionIds.has(threshold.id) });
    }
  }
  return { lines, skipped };
}

export function metricChartSvg(metric: EvidenceMetric, takenAt: number, windowMs: number, lines: readonly ThresholdLine[]): string {
  const points = metric.series.map(([t, v]) => [t, fromJsonNumber(v)] as const).filter(([, v]) => v === null || Number.isFinite(v));
  const values = points.flatMap(([, v]) => (v === null ? [] : [v]));
  const now = fromJsonNumber(metric.value);
  // The scale follows the data and the gate's own criteria; a threshold far above them (a 2000 ms
  // page line over a 24 ms latency) is named at the top edge instead of flattening the line.
  const measured = [...values, ...(now !== null && Number.isFinite(now) ? [now] : [])];
  const anchors = [...measured, ...lines.filter((l) => l.criterion).map((l) => l.value)];
  const lo = Math.min(0, ...anchors, ...lines.map((l) => l.value));
  const hi = anchors.length ? Math.max(...anchors) : lines.length ? Math.max(...lines.map((l) => l.value)) : 1;
  const top = hi <= lo ? lo + 1 : hi + (hi - lo) * 0.25;
  const above = lines.filter((l) => l.value > top);
  // Zoomed to the data the snapshot has (monitoring may have started a minute before the decision),
  // never wider than its window and never narrower than a minute.
  const first = points.length ? points[0]![0] : takenAt - windowMs;
  const from = Math.max(takenAt - windowMs, Math.min(first, takenAt - 60_000));
  const x = linearScale([from, takenAt], [PAD.left, W - PAD.right]);
  const y = linearScale([lo, top], [H - PAD.bottom, PAD.top]);
  const unit = metric.unit ?? '';
  const parts: string[] = [
    `<svg class="chart metric-chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${e(`${metric.name}${unit ? ` (${unit})` : ''} before the decision`)}</title>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="#fbfbfc" stroke="#d5d9df" stroke-width="0.8"/>`,
  ];
  for (const tick of niceTicks(lo, top, 4)) {
    parts.push(
      `<line x1="${PAD.left}" y1="${n(y(tick))}" x2="${W - PAD.right}" y2="${n(y(tick))}" class="t-grid"/>`,
      `<text x="${PAD.left - 5}" y="${n(y(tick) + 3)}" class="t-tick" text-anchor="end">${e(tickLabel(tick))}</text>`,
    );
  }
  for (const tick of timeTicks(from, takenAt, 5)) {
    parts.push(`<text x="${n(x(tick))}" y="${H - PAD.bottom + 14}" class="t-tick" text-anchor="middle">${e(timeTickLabel(tick, false))}</text>`);
  }
  if (above.length) {
    const names = above.map((l) => `↑ ${l.threshold.op === 'between' ? '' : `${l.threshold.op} `}${formatValue(l.value, metric.unit)} ${CONTEXT_NAMES[l.threshold.context]}`);
    parts.push(
      `<text x="${W - PAD.right + 5}" y="${PAD.top + 3}" class="t-tick">${names.map((name, i) => `<tspan x="${W - PAD.right + 5}" dy="${i ? 11 : 0}">${e(name)}</tspan>`).join('')}</text>`,
    );
  }
  for (const line of lines.filter((l) => l.value <= top)) {
    const colour = CONTEXT_COLOURS[line.threshold.context];
    const label = `${line.threshold.op === 'between' ? '' : `${line.threshold.op} `}${formatValue(line.value, metric.unit)} ${CONTEXT_NAMES[line.threshold.context]}${line.threshold.level ? ` L${line.threshold.level}` : ''}`;
    parts.push(
      `<g><title>${e(`${line.threshold.text} (${line.threshold.context})`)}</title>`,
      `<line x1="${PAD.left}" y1="${n(y(line.value))}" x2="${W - PAD.right}" y2="${n(y(line.value))}" stroke="${colour}" stroke-width="${line.criterion ? 1.8 : 1}" stroke-dasharray="${line.criterion ? '6 3' : '3 3'}"/>`,
      `<text x="${W - PAD.right + 5}" y="${n(y(line.value) + 3)}" class="t-threshold" fill="${colour}">${e(label)}</text></g>`,
    );
  }
  const path = linePath(points, x, y);
  if (path) parts.push(`<path d="${path}" fill="none" stroke="#1f3b63" stroke-width="1.6" stroke-linejoin="round"/>`);
  parts.push(`<line x1="${n(x(takenAt))}" y1="${PAD.top}" x2="${n(x(takenAt))}" y2="${H - PAD.bottom}" stroke="#111827" stroke-width="1"/>`);
  if (now !== null && Number.isFinite(now)) {
    parts.push(`<circle cx="${n(x(takenAt))}" cy="${n(y(now))}" r="3.5" fill="#1f3b63" stroke="#fff" stroke-width="1"/>`);
  }
  if (!values.length) {
    parts.push(`<text x="${n((PAD.left + W - PAD.right) / 2)}" y="${n(H / 2)}" class="t-empty" text-anchor="middle">no data in the window</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
