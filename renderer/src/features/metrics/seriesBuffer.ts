// A chart's data in the columnar shape uPlot draws (times in seconds, values with null gaps),
// appended in place as points arrive: no copy of the whole series per update, which is what keeps
// the chart component's cost next to bare uPlot's (bench/charts.bench.ts).
import type uPlot from 'uplot';

export type ChartPoint = readonly [atMs: number, value: number | null];

export class SeriesBuffer {
  readonly xs: number[] = [];
  readonly ys: Array<number | null> = [];
  private readonly columns: uPlot.AlignedData;

  /**
   * @param capacity points kept at most (the oldest go first)
   * @param factor multiplies every value (the binding's unit → the unit the chart shows)
   */
  constructor(
    readonly capacity: number,
    readonly factor = 1,
  ) {
    this.columns = [this.xs, this.ys];
  }

  get length(): number {
    return this.xs.length;
  }

  /** The newest point's value, or undefined when empty. */
  get last(): number | null | undefined {
    return this.ys[this.ys.length - 1];
  }

  replace(points: readonly ChartPoint[]): void {
    this.xs.length = 0;
    this.ys.length = 0;
    this.append(points);
  }

  /** Adds points newer than the newest held (one at the same time replaces it). */
  append(points: readonly ChartPoint[]): void {
    for (const [atMs, value] of points) {
      const at = atMs / 1000;
      const y = value === null || !Number.isFinite(value) ? null : value * this.factor;
      const newest = this.xs.length - 1;
      if (newest >= 0 && at <= this.xs[newest]!) {
        if (at === this.xs[newest]) this.ys[newest] = y;
        continue;
      }
      this.xs.push(at);
      this.ys.push(y);
    }
    const excess = this.xs.length - this.capacity;
    if (excess > 0) {
      this.xs.splice(0, excess);
      this.ys.splice(0, excess);
    }
  }

  /** Drops points before `atMs` (outside the chart's range). */
  trimBefore(atMs: number): void {
    const limit = atMs / 1000;
    let drop = 0;
    while (drop < this.xs.length && this.xs[drop]! < limit) drop++;
    if (drop > 0) {
      this.xs.splice(0, drop);
      this.ys.splice(0, drop);
    }
  }

  /** The same two arrays every time (uPlot reads them on each redraw). */
  data(): uPlot.AlignedData {
    return this.columns;
  }
}
