// When the console polls faster than the session's interval (issue 19: a metric crossing a
// threshold reached the level badge 3.4 s median / 4.5 s p95 after Prometheus showed it, with the
// default 5 s poll). Polling every metric every second all launch long would be 5× the queries for
// the hours when nothing is close; so the fast poll runs only while something could change the
// level soon: a value within NEAR_FRACTION of a threshold's bound (either side), a breach being
// timed (sustained) or held, or any alert still active. A jump from far below straight past a
// threshold is still seen at the next regular poll — the bound the design accepts.
import type { Threshold } from '../runbook/model';
import type { ThresholdVerdict } from './thresholds';

/** Poll interval while something is near a threshold. */
export const URGENT_POLL_INTERVAL_MS = 1_000;
/** "Near": within this fraction of the bound's magnitude (20 %: an error rate of 4 % for `> 5%`). */
export const NEAR_FRACTION = 0.2;

function near(value: number, bound: number): boolean {
  return Math.abs(value - bound) <= NEAR_FRACTION * Math.abs(bound);
}

export function shouldPollUrgently(thresholds: readonly Threshold[], verdicts: Iterable<ThresholdVerdict>, alertsActive: boolean): boolean {
  if (alertsActive) return true;
  const byId = new Map(thresholds.map((t) => [t.id, t]));
  for (const verdict of verdicts) {
    if (verdict.state === 'breach' || verdict.state === 'pending') return true;
    const threshold = byId.get(verdict.thresholdId);
    if (!threshold || verdict.value === null) continue;
    if (near(verdict.value, threshold.value) || (threshold.upper !== null && near(verdict.value, threshold.upper))) return true;
  }
  return false;
}
