// What each chaos button does next. The steps are picked against the demo runbook's thresholds, so
// each press moves the launch one visible notch: error rate 2 % is level 1 (1–3 %), 6 % level 2
// (3–10 %, and the 5 % escalation), 15 % level 3 (> 10 %, paging); added latency 300 ms puts p95
// in level 1 (300–800 ms), 900 ms in level 2 (> 800 ms), 2 s pages the technical lead (> 2000 ms).
import type { ChaosState } from '../../../../shared/api/demo';

export const ERROR_RATE_STEPS = [2, 6, 15, 40] as const;
export const LATENCY_STEPS_MS = [300, 900, 2000, 4000] as const;

/** The next step above the current value, or null at the top. */
export function nextStep(steps: readonly number[], current: number): number | null {
  return steps.find((step) => step > current) ?? null;
}

export function isNormal(chaos: ChaosState): boolean {
  return chaos.errorRatePercent === 0 && chaos.addedLatencyMs === 0 && !chaos.down;
}

/** One line for the panel and screen readers: what the service is being made to do. */
export function describeChaos(chaos: ChaosState): string {
  if (isNormal(chaos)) return 'Normal: ~0.5 % errors, p95 around 120 ms, ~20 req/s.';
  const parts: string[] = [];
  if (chaos.down) parts.push('DOWN: every request and the health check answer 503');
  if (chaos.errorRatePercent > 0) parts.push(`${chaos.errorRatePercent}% of requests fail`);
  if (chaos.addedLatencyMs > 0) parts.push(`+${chaos.addedLatencyMs} ms on every request`);
  return `${parts.join(' · ')}.`;
}
