// Fixed-capacity time series: the poller keeps 3 h of samples per metric without growing, and the
// evaluators walk it backwards (newest first) to find how long a condition has held.

/** Read-only view over a series, oldest first. `null` values are gaps (no data at that poll). */
export interface SeriesLike {
  readonly length: number;
  timeAt(index: number): number;
  valueAt(index: number): number | null;
}

export type SeriesPoint = readonly [at: number, value: number | null];

/**
 * A ring buffer of (time, value) pairs in two preallocated Float64Arrays; a gap is stored as NaN.
 * Memory is fixed at construction, so a long launch never grows the process.
 */
export class RingSeries implements SeriesLike {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`series capacity must be a positive integer, got ${capacity}`);
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /**
   * Appends a sample. Samples at or before the newest one are dropped unless they replace it
   * (same time): backfill and live polls may overlap by a step.
   */
  push(at: number, value: number | null): void {
    if (this.count > 0) {
      const newest = this.timeAt(this.count - 1);
      if (at < newest) return;
      if (at === newest) {
        this.values[(this.start + this.count - 1) % this.capacity] = value ?? Number.NaN;
        return;
      }
    }
    const slot = (this.start + this.count) % this.capacity;
    this.times[slot] = at;
    this.values[slot] = value ?? Number.NaN;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  timeAt(index: number): number {
    return this.times[(this.start + index) % this.capacity]!;
  }

  valueAt(index: number): number | null {
    const value = this.values[(this.start + index) % this.capacity]!;
    return Number.isNaN(value) ? null : value;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}

/** Points at or after `since`, oldest first (for charts and evidence snapshots). */
export function pointsSince(series: SeriesLike, since: number): SeriesPoint[] {
  let first = series.length;
  while (first > 0 && series.timeAt(first - 1) >= since) first--;
  const points: SeriesPoint[] = [];
  for (let i = first; i < series.length; i++) points.push([series.timeAt(i), series.valueAt(i)]);
  return points;
}

/** A plain array as a series (tests, snapshots re-read from the log). */
export function seriesOf(points: readonly SeriesPoint[]): SeriesLike {
  return {
    length: points.length,
    timeAt: (index) => points[index]![0],
    valueAt: (index) => points[index]![1],
  };
}

/** How many samples cover `durationMs` at one sample per `intervalMs`, plus slack for jitter. */
export function capacityFor(durationMs: number, intervalMs: number): number {
  return Math.ceil(durationMs / intervalMs) + 16;
}
