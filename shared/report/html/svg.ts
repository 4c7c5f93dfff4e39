// Chart primitives for inline SVG drawn on the console side: scales, ticks on round numbers and
// round clock times, and a number format with a fixed precision, so the same session always
// produces byte-identical charts.

export interface Scale {
  (value: number): number;
  domain: [number, number];
  range: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0)) as Scale;
  scale.domain = [d0, d1];
  scale.range = range;
  return scale;
}

/** SVG coordinates with two decimals at most: small files, stable output. */
export function n(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}

/** Round numbers spanning [min, max]: 0, 0.5, 1 … or 0, 200, 400 …. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/** The tick value as text without float noise: 0.30000000000000004 → 0.3. */
export function tickLabel(value: number): string {
  return String(Number(value.toPrecision(6)));
}

const MINUTE = 60_000;
const TIME_STEPS = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);

/** Clock-aligned instants (every 5 min, 30 min, 2 h …) across [start, end], about `count` of them. */
export function timeTicks(start: number, end: number, count = 8): number[] {
  const span = end - start;
  if (!(span > 0)) return [];
  const step = TIME_STEPS.find((s) => span / s <= count) ?? TIME_STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** `12:35` UTC (`12:35:30` off the minute), or `10-21 12:35` when the ticks span days. */
export function timeTickLabel(ms: number, withDate: boolean): string {
  const iso = new Date(ms).toISOString();
  const time = ms % MINUTE === 0 ? iso.slice(11, 16) : iso.slice(11, 19);
  return withDate ? `${iso.slice(5, 10)} ${time}` : time;
}

/** A polyline path through the points, broken where a value is missing (a gap stays a gap). */
export function linePath(points: ReadonlyArray<readonly [number, number | null]>, x: (v: number) => number, y: (v: number) => number): string {
  let path = '';
  let open = false;
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) {
      open = false;
      continue;
    }
    path += `${open ? 'L' : 'M'}${n(x(t))} ${n(y(v))}`;
    open = true;
  }
  return path;
}
