// The chart bench's page (built by bench/charts.bench.ts with esbuild): the console's MetricChart
// and bare uPlot side by side on the same data — 20 series × 3,600 points each, every update adding
// one point per series and dropping the oldest. Each update is timed synchronously: both sides draw
// in uPlot's immediate mode, ours through React (one render of 20 charts) and SeriesBuffer.
import { createElement, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { MetricChart } from '../../renderer/src/features/metrics/MetricChart';
import type { ChartBand } from '../../renderer/src/features/metrics/metricsFormat';
import { SeriesBuffer } from '../../renderer/src/features/metrics/seriesBuffer';

export interface ChartsBenchOptions {
  series: number;
  points: number;
  rounds: number;
  warmup: number;
  /** Pause between rounds, so each update lands on an idle page as a 1 s poll would. */
  gapMs: number;
}

export interface ChartsBenchResult {
  ours: number[];
  bare: number[];
  drawnPoints: number;
}

declare global {
  interface Window {
    runChartsBench(options: ChartsBenchOptions): Promise<ChartsBenchResult>;
  }
}

/** A deterministic error-rate-like walk, so both sides draw identical data. */
function walk(seed: number, count: number): number[] {
  let state = seed * 7919 + 1;
  let value = 1 + (seed % 5);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    value = Math.max(0, value + (state / 2147483648 - 0.5) * 0.4);
    out.push(value);
  }
  return out;
}

const BANDS: ChartBand[] = [
  { kind: 'range', from: 1, to: 3, color: 'rgba(255, 201, 64, 0.13)', label: 'Level 1' },
  { kind: 'range', from: 3, to: 10, color: 'rgba(255, 140, 50, 0.16)', label: 'Level 2' },
  { kind: 'range', from: 10, to: Infinity, color: 'rgba(255, 77, 94, 0.2)', label: 'Level 3' },
  { kind: 'line', from: 1, to: 1, color: '#35d68f', label: 'target · success criterion < 1%' },
  { kind: 'line', from: 5, to: 5, color: '#ff9f43', label: 'escalate > 5%' },
  { kind: 'line', from: 10, to: 10, color: '#ff4d5e', label: 'page > 10%' },
];

function cell(parent: HTMLElement): HTMLDivElement {
  const div = document.createElement('div');
  div.style.width = '600px';
  parent.appendChild(div);
  return div;
}

window.runChartsBench = async (options) => {
  const start = Math.floor(Date.now() / 1000) * 1000 - options.points * 1000;
  const values = Array.from({ length: options.series }, (_, s) => walk(s + 1, options.points + options.rounds + options.warmup + 1));

  // Ours: React + MetricChart + SeriesBuffer, as the Metrics tab renders them.
  const buffers = values.map((v) => {
    const buffer = new SeriesBuffer(options.points, 1);
    buffer.replace(v.slice(0, options.points).map((value, i) => [start + i * 1000, value] as const));
    return buffer;
  });
  const oursHost = document.getElementById('ours')!;
  let bump: () => void = () => undefined;
  let endMs = start + (options.points - 1) * 1000;
  function Board() {
    const [version, setVersion] = useState(0);
    useEffect(() => {
      bump = () => flushSync(() => setVersion((n) => n + 1));
    }, []);
    return createElement(
      'div',
      { className: 'grid' },
      buffers.map((buffer, i) =>
        createElement(
          'div',
          { key: i, style: { width: '600px' } },
          createElement(MetricChart, { label: `series ${i}`, seriesName: `series ${i}`, buffer, version, startMs: endMs - options.points * 1000, endMs, bands: BANDS, unit: '%' }),
        ),
      ),
    );
  }
  createRoot(oursHost).render(createElement(Board));
  await new Promise((resolve) => setTimeout(resolve, 300));

  // Bare uPlot: the same data, its own arrays, default options at the same size.
  const bareHost = document.getElementById('bare')!;
  const bare = values.map((v) => {
    const xs = v.slice(0, options.points).map((_, i) => (start + i * 1000) / 1000);
    const ys = v.slice(0, options.points);
    const plot = new uPlot({ width: 600, height: 170, series: [{}, { stroke: '#5cc8ff', width: 2, points: { show: false } }] }, [xs, ys], cell(bareHost));
    return { xs, ys, plot };
  });

  const ours: number[] = [];
  const bareTimes: number[] = [];
  let index = options.points;
  const total = options.warmup + options.rounds;
  for (let round = 0; round < total; round++) {
    const at = start + index * 1000;
    const step = index;
    index++;
    const runOurs = () => {
      const t = performance.now();
      for (let s = 0; s < buffers.length; s++) buffers[s]!.append([[at, values[s]![step]!]]);
      endMs = at;
      bump();
      return performance.now() - t;
    };
    const runBare = () => {
      const t = performance.now();
      for (let s = 0; s < bare.length; s++) {
        const b = bare[s]!;
        b.xs.push(at / 1000);
        b.ys.push(values[s]![step]!);
        b.xs.shift();
        b.ys.shift();
        b.plot.batch(() => b.plot.setData([b.xs, b.ys]));
      }
      return performance.now() - t;
    };
    // Alternate which goes first, so neither always pays for the other's garbage.
    const [first, second] = round % 2 === 0 ? [runOurs, runBare] : [runBare, runOurs];
    const a = first();
    const b = second();
    if (round >= options.warmup) {
      ours.push(round % 2 === 0 ? a : b);
      bareTimes.push(round % 2 === 0 ? b : a);
    }
    await new Promise((resolve) => setTimeout(resolve, options.gapMs));
  }
  return { ours, bare: bareTimes, drawnPoints: buffers[0]!.length };
};
