// Invariants over random inputs (fast-check): the counter never shows a negative zero, and the
// projection never plans a step into the past or before its predecessors.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTCounter, projectLaunch, type StepRun } from '../../../shared/timeline';
import { MIN, RunbookBuilder } from './runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);

describe('counter invariants', () => {
  it('never shows T-00:00:00, and shows T- exactly before T0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }), (relative) => {
        const text = formatTCounter(T0 + relative, T0);
        expect(text).not.toBe('T-00:00:00');
        expect(text.startsWith('T-')).toBe(relative < 0);
      }),
    );
  });
});

describe('projection invariants', () => {
  // A sequential plan of 1–8 steps with random durations and gaps, some of them already run.
  const planAndRuns = fc
    .array(fc.record({ gapMin: fc.integer({ min: 0, max: 10 }), durMin: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 8 })
    .chain((specs) =>
      fc.record({
        specs: fc.constant(specs),
        doneCount: fc.integer({ min: 0, max: specs.length }),
        runningLast: fc.boolean(),
        skewMin: fc.array(fc.integer({ min: -5, max: 15 }), { minLength: specs.length, maxLength: specs.length }),
        nowMin: fc.integer({ min: -30, max: 300 }),
      }),
    );

  it('starts no unrun step before now or before its predecessor ends, and ends no step before it starts', () => {
    fc.assert(
      fc.property(planAndRuns, ({ specs, doneCount, runningLast, skewMin, nowMin }) => {
        const b = new RunbookBuilder();
        let t = 0;
        specs.forEach((s, i) => {
          t += s.gapMin;
          b.step(`s${i}`, `Step ${i}`, { start: t, end: t + s.durMin });
          t += s.durMin;
        });
        const rb = b.build();
        // Runs happen in order, each starting after the previous ended, skewed from the plan.
        const runs: StepRun[] = [];
        let cursor = -Infinity;
        for (let i = 0; i < doneCount; i++) {
          const step = rb.steps[i]!;
          const start = Math.max(cursor, T0 + step.window.startOffsetMs! + (skewMin[i] ?? 0) * MIN);
          const isRunning = runningLast && i === doneCount - 1;
          const end = start + Math.max(0, (specs[i]!.durMin + (skewMin[i] ?? 0)) * MIN);
          runs.push({ stepId: step.id, startedAtMs: start, endedAtMs: isRunning ? null : end, status: isRunning ? 'running' : 'succeeded' });
          cursor = end;
        }
        const now = Math.max(T0 + nowMin * MIN, cursor);
        const p = projectLaunch(rb, T0, now, runs);
        p.steps.forEach((s, i) => {
          expect(s.projectedEndAtMs).toBeGreaterThanOrEqual(s.projectedStartAtMs);
          if (s.basis === 'projected') {
            expect(s.projectedStartAtMs).toBeGreaterThanOrEqual(now);
            const previous = p.steps[i - 1];
            if (previous) expect(s.projectedStartAtMs).toBeGreaterThanOrEqual(previous.projectedEndAtMs);
          }
          if (s.basis === 'running') expect(s.projectedEndAtMs).toBeGreaterThanOrEqual(now);
        });
        expect(p.projectedEndAtMs).toBe(Math.max(...p.steps.map((s) => s.projectedEndAtMs)));
      }),
      { numRuns: 300 },
    );
  });
});
