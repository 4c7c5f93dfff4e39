// The injected clock. Wall time (`now`) is for display and for placing things against T0; the
// monotonic reading is for measuring durations, because wall time can jump (NTP, a user changing
// the system clock) in the middle of a launch and a step must never show a negative duration.

export interface Clock {
  /** Wall-clock time, epoch milliseconds (UTC). */
  now(): number;
  /** Monotonic milliseconds from an arbitrary origin; only differences are meaningful. */
  monotonic(): number;
}

/** A clock tests (and the injected-clock E2E mode) drive by hand. */
export interface TestClock extends Clock {
  /** Jump the wall clock to `wallMs`; the monotonic reading does not move (like a wall-clock step). */
  set(wallMs: number): void;
  /** Let `ms` pass: both readings move forward together. */
  advance(ms: number): void;
}

export function createTestClock(startWallMs: number, startMonotonicMs = 0): TestClock {
  let wall = startWallMs;
  let mono = startMonotonicMs;
  return {
    now: () => wall,
    monotonic: () => mono,
    set(wallMs) {
      wall = wallMs;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite, non-negative duration, got ${ms}`);
      wall += ms;
      mono += ms;
    },
  };
}

/**
 * The real clock. The monotonic source is passed in because `shared/` may not name runtime
 * globals: the Node side gives `() => performance.now()`, the renderer the same from the window.
 */
export function createSystemClock(monotonic: () => number): Clock {
  return { now: () => Date.now(), monotonic };
}

/** Milliseconds elapsed since a monotonic reading taken earlier from the same clock. */
export function elapsedSince(clock: Clock, monotonicStartMs: number): number {
  return Math.max(0, clock.monotonic() - monotonicStartMs);
}
