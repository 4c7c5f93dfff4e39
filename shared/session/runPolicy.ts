// A run's fan-out in words, the same on the run panel, the rehearsal comparison and the report:
// the policy and how many hosts ran at once ("all at once, 2 at a time"), so a reader can tell a
// ten-host run one at a time from ten in parallel.
import type { FanOutPolicy } from '../log/stepEvents';

export function fanOutText(policy: FanOutPolicy, concurrency: number, targetCount: number): string {
  // The engine runs min(concurrency, batch, targets) at once: say the number that really applied.
  const batch = policy.kind === 'rolling' ? policy.batchSize : targetCount;
  const atOnce = Math.max(1, Math.min(concurrency, batch, targetCount));
  const parallel = `${atOnce} at a time`;
  switch (policy.kind) {
    case 'rolling':
      return `rolling in batches of ${policy.batchSize}, ${parallel}`;
    case 'stop-on-first-failure':
      return `stop on first failure, ${parallel}`;
    default:
      return `all at once, ${parallel}`;
  }
}
