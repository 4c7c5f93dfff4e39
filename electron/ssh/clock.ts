// Injected time source: run start/end timestamps come from here, so tests can use a fixed clock.
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
