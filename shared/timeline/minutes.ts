// Whole-minute and whole-second deltas as the console shows them ("late 3 min", "+12 s").

/**
 * Whole minutes in a signed delta, truncated toward zero: 3 min 59 s late is "3 min late" (the
 * minutes that have fully elapsed), and 30 s is 0 — the status still says late, the UI writes
 * "< 1 min". Truncation rather than rounding up keeps a step started at planned + 3 min + a few
 * milliseconds of click latency at "3 min late". Never returns -0.
 */
export function wholeMinutes(deltaMs: number): number {
  return Math.trunc(deltaMs / 60_000) || 0;
}

/** Whole seconds in a signed delta, truncated toward zero. Never returns -0. */
export function wholeSeconds(deltaMs: number): number {
  return Math.trunc(deltaMs / 1000) || 0;
}
