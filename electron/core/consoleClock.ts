// The console's clock. Normally the system clock; `TMINUS_CLOCK=<ISO instant>` starts it at that
// instant and lets it run in real time — for rehearsing a launch "as if it were T-5 minutes" and
// for the end-to-end tests that need a fixed "now". The renderer follows the console's clock
// (workspaceInfo reports the offset), so every countdown on screen agrees with the log.
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../shared/timeline/clock';

export function createConsoleClock(env: NodeJS.ProcessEnv = process.env): Clock & { shifted: boolean } {
  const monotonic = () => performance.now();
  const start = env.TMINUS_CLOCK ? Date.parse(env.TMINUS_CLOCK) : Number.NaN;
  if (env.TMINUS_CLOCK && Number.isNaN(start)) throw new Error(`TMINUS_CLOCK is not an ISO time: "${env.TMINUS_CLOCK}"`);
  if (Number.isNaN(start)) return { now: () => Date.now(), monotonic, shifted: false };
  const origin = monotonic();
  return { now: () => start + (monotonic() - origin), monotonic, shifted: true };
}
