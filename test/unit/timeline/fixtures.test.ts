// The timeline math on the other imported fixture runbooks: different shapes, same guarantees.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { timelineAt, validateTimeline } from '../../../shared/timeline';
import { MIN } from './runbookBuilder';

const dir = new URL('../../fixtures/runbooks/', import.meta.url);
const load = (name: string) => importMarkdown(readFileSync(new URL(name, dir), 'utf8'), name);
const NO_T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('every fixture runbook', () => {
  const names = readdirSync(dir).filter((n) => n.endsWith('.md'));

  it.each(names)('%s gives a timeline at any hour, with bands in order and a strip that holds them', (name) => {
    const rb = load(name);
    const t0 = rb.t0 ? Date.parse(rb.t0) : NO_T0;
    for (const offsetMin of [-4 * 24 * 60, -30, -5, 0, 30, 180, 8 * 24 * 60]) {
      const state = timelineAt(rb, t0, t0 + offsetMin * MIN, []);
      state.bands.forEach((b, i) => {
        expect(b.endOffsetMs).toBeGreaterThanOrEqual(b.startOffsetMs);
        if (i > 0) expect(b.startOffsetMs).toBeGreaterThanOrEqual(state.bands[i - 1]!.startOffsetMs);
        expect(b.startOffsetMs).toBeGreaterThanOrEqual(state.span.startOffsetMs);
        expect(b.endOffsetMs).toBeLessThanOrEqual(state.span.endOffsetMs);
      });
      expect(state.focusSpan.startOffsetMs).toBeGreaterThanOrEqual(state.span.startOffsetMs);
      expect(state.focusSpan.endOffsetMs).toBeLessThanOrEqual(state.span.endOffsetMs);
    }
    expect(() => validateTimeline(rb, t0, t0, { newLaunch: true })).not.toThrow();
  });
});

describe('the payments cutover (T-minus headings, emoji, a hypercare phase with no end)', () => {
  const rb = load('payments-cutover.md');
  const t0 = Date.parse(rb.t0 ?? '');

  it('at T-00:05:00 is in pre-flight and counts down to the cutover', () => {
    const state = timelineAt(rb, t0, t0 - 5 * MIN, []);
    expect(state.counter.text).toBe('T-00:05:00');
    expect(state.phase).toMatchObject({ kind: 'phase', band: { title: 'T-30: Pre-flight ✈️' } });
    expect(state.nextMilestone).toMatchObject({ item: { text: '🚀 Cutover' }, countdown: '00:05:00' });
  });

  it('stays in hypercare after T+60 instead of calling the launch over', () => {
    expect(timelineAt(rb, t0, t0 + 6 * 60 * MIN, []).phase).toMatchObject({ kind: 'phase', band: { endBasis: 'open' } });
  });
});
