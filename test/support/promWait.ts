// Waiting on a condition with a generous deadline, instead of sleeping (tests run on a loaded 2-core
// machine next to other engineers' tests).
export async function waitUntil<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 45_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/**
 * Float equality for values computed by histogram_quantile: `0.95 × n / n` is not always exactly
 * 0.95, so 750 + 250 × 0.95 may come out one ulp away from 987.5.
 */
export function near(value: number | null | undefined, expected: number, tolerance = 1e-6): boolean {
  return value != null && Math.abs(value - expected) <= tolerance;
}
