// The chaos panel's pure parts: what each press does next, the words for the service's state, and
// the T0 move that makes the next gate due.
import { describe, expect, it } from 'vitest';
import { buildDemoRunbook } from '../../../electron/demo/demoRunbook';
import { describeChaos, ERROR_RATE_STEPS, isNormal, LATENCY_STEPS_MS, nextStep } from '../../../renderer/src/features/demo/chaosSteps';
import { skipToNextGate } from '../../../renderer/src/features/demo/skipAhead';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { SessionState } from '../../../shared/session/sessionState';

describe('chaos steps', () => {
  it('raise the error rate one decision level per press, and latency likewise', () => {
    expect(nextStep(ERROR_RATE_STEPS, 0)).toBe(2);
    expect(nextStep(ERROR_RATE_STEPS, 2)).toBe(6);
    expect(nextStep(ERROR_RATE_STEPS, 4)).toBe(6);
    expect(nextStep(ERROR_RATE_STEPS, 40)).toBeNull();
    expect(nextStep(LATENCY_STEPS_MS, 0)).toBe(300);
    expect(nextStep(LATENCY_STEPS_MS, 2000)).toBe(4000);
  });

  it('describe the service in words', () => {
    const normal = { errorRatePercent: 0, addedLatencyMs: 0, down: false };
    expect(isNormal(normal)).toBe(true);
    expect(describeChaos(normal)).toMatch(/^Normal/);
    expect(describeChaos({ errorRatePercent: 6, addedLatencyMs: 900, down: false })).toBe('6% of requests fail · +900 ms on every request.');
    expect(describeChaos({ ...normal, down: true })).toMatch(/^DOWN: every request and the health check answer 503/);
  });
});

describe('skip to the next gate', () => {
  const runbook = importMarkdown(buildDemoRunbook({ t0: '2026-03-01T12:04:00Z', serviceUrl: 'http://127.0.0.1:1', dataDir: '/tmp/d' }), 'demo.md');
  const t0 = Date.parse('2026-03-01T12:04:00Z');
  const state = (decided: string[] = []) => ({ metrics: { gateDecisions: decided.map((gateId) => ({ gateId })) } }) as unknown as SessionState;

  it('moves T0 so that the first gate not yet due is due now, on a whole second, with a reason', () => {
    const now = Date.parse('2026-03-01T12:00:30.700Z');
    const skip = skipToNextGate(runbook, state(), t0, now)!;
    expect(skip.gate.title).toBe('Go/No-Go Decision — Canary: 5% of Traffic');
    expect(new Date(skip.t0Ms).toISOString()).toBe('2026-03-01T11:54:30.000Z');
    expect(skip.t0Ms + skip.gate.offsetMs!).toBeLessThanOrEqual(now);
    expect(skip.reason).toBe('Demo: skipped ahead so that "Go/No-Go Decision — Canary: 5% of Traffic" is due now.');
  });

  it('skips decided and already-due gates, and offers nothing when none is left', () => {
    const [first, second] = runbook.gates;
    expect(skipToNextGate(runbook, state([first!.id]), t0, t0)!.gate.id).toBe(second!.id);
    expect(skipToNextGate(runbook, state(), t0, t0 + 7 * 60_000)!.gate.id).toBe(second!.id);
    expect(skipToNextGate(runbook, state([second!.id]), t0, t0 + 7 * 60_000)).toBeNull();
  });
});
