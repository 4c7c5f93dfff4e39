// One metric over time, drawn by uPlot, with the runbook's numbers behind it: target / escalate /
// page as dashed lines with their labels, decision levels as filled ranges. The plot is created
// once; each update hands uPlot the same in-place buffers (SeriesBuffer), so an update costs what
// uPlot's own redraw costs. Hovering shows the value and the UTC time in the legend.
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatValue } from '../../../../shared/metrics/units';
import { yRangeOf, type ChartBand } from './metricsFormat';
import type { SeriesBuffer } from './seriesBuffer';

export interface MetricChartProps {
  /** The chart's accessible name, e.g. "Error rate over the last 15 min". */
  label: string;
  /** Series name in the hover legend. */
  seriesName: string;
  buffer: SeriesBuffer;
  /** Changes whenever the buffer changed: the chart redraws. */
  version: number;
  /** Shown window, ms since epoch. */
  startMs: number;
  endMs: number;
  bands: readonly ChartBand[];
  unit: string | null;
  height?: number;
  /** A small chart at a glance: thinner axes, so most of its height is plot. */
  compact?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function utcTime(seconds: number, withSeconds = true): string {
  const d = new Date(seconds * 1000);
  const minutes = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withSeconds ? `${minutes}:${pad(d.getUTCSeconds())} UTC` : minutes;
}

function drawBands(u: uPlot, bands: readonly ChartBand[]): void {
  const { ctx, bbox } = u;
  const top = bbox.top;
  const bottom = bbox.top + bbox.height;
  const clamp = (y: number) => Math.min(bottom, Math.max(top, y));
  const at = (value: number) => (Number.isFinite(value) ? u.valToPos(value, 'y', true) : value > 0 ? top : bottom);
  ctx.save();
  ctx.font = `${Math.round(11 * uPlot.pxRatio)}px system-ui, sans-serif`;
  for (const band of bands) {
    if (band.kind === 'range') {
      const y1 = clamp(at(band.to));
      const y2 = clamp(at(band.from));
      if (y2 - y1 < 1) continue;
      ctx.fillStyle = band.color;
      ctx.fillRect(bbox.left, y1, bbox.width, y2 - y1);
      // Level names on the right, in the middle of what shows of their range (only where it is tall
      // enough to hold one); threshold lines' names on the left: they never cover each other.
      if (y2 - y1 < 15 * uPlot.pxRatio) continue;
      ctx.fillStyle = 'rgba(238, 242, 247, 0.6)';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(band.label, bbox.left + bbox.width - 4 * uPlot.pxRatio, (y1 + y2) / 2);
      ctx.textBaseline = 'alphabetic';
      continue;
    }
    const y = at(band.from);
    if (y < top || y > bottom) continue;
    ctx.strokeStyle = band.color;
    ctx.lineWidth = uPlot.pxRatio;
    ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    ctx.fillStyle = band.color;
    ctx.textAlign = 'left';
    ctx.fillText(band.label, bbox.left + 4 * uPlot.pxRatio, y - 3 * uPlot.pxRatio);
  }
  ctx.restore();
}

export function MetricChart({ label, seriesName, buffer, version, startMs, endMs, bands, unit, height = 170, compact = false }: MetricChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  // The plot's callbacks read the newest window and bands without recreating the plot.
  const view = useRef({ startMs, endMs, bands });
  useLayoutEffect(() => {
    view.current = { startMs, endMs, bands };
  }, [startMs, endMs, bands]);

  useEffect(() => {
    const host = hostRef.current!;
    const axis = { stroke: '#a3b1c2', grid: { stroke: '#232d3b', width: 1 }, ticks: { stroke: '#2a3545', width: 1 } };
    const options: uPlot.Options = {
      width: Math.max(200, host.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      legend: { live: true },
      scales: {
        x: { time: true, range: () => [view.current.startMs / 1000, view.current.endMs / 1000] },
        y: { range: (_u, min, max) => yRangeOf(min, max, view.current.bands) },
      },
      axes: [
        // The launch runs on UTC, 24-hour, like every other time on screen.
        { ...axis, ...(compact ? { size: 24, gap: 2, ticks: { show: false } } : {}), values: (_u, splits, _axis, _space, step) => splits.map((ts) => utcTime(ts, step < 60)) },
        { ...axis, size: 64, ...(compact ? { space: 24 } : {}), values: (_u, splits) => splits.map((v) => formatValue(v, unit)) },
      ],
      series: [
        { label: 'Time', value: (_u, ts) => (ts == null ? '—' : utcTime(ts)) },
        // Without a hovered point the legend shows a dash; a hovered gap is "no data", never 0.
        { label: seriesName, stroke: '#5cc8ff', width: 2, points: { show: false }, value: (_u, v, _series, index) => (index == null ? '—' : v == null ? 'no data' : formatValue(v, unit)) },
      ],
      hooks: { drawClear: [(u) => drawBands(u, view.current.bands)] },
    };
    const plot = new uPlot(options, buffer.data(), host);
    plotRef.current = plot;
    const observer = new ResizeObserver(() => {
      if (host.clientWidth > 0 && host.clientWidth !== plot.width) plot.setSize({ width: host.clientWidth, height });
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [buffer, unit, seriesName, height, compact]);

  useLayoutEffect(() => {
    const plot = plotRef.current;
    // Immediate mode: drawn before this returns (no extra microtask per chart).
    if (plot) plot.batch(() => plot.setData(buffer.data()));
  }, [buffer, version, startMs, endMs, bands]);

  return <figure ref={hostRef} className="metric-chart" aria-label={label} />;
}
