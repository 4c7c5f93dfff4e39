import { describe, expect, it } from 'vitest';
import { phaseAt, phaseBands, phaseSectionIds } from '../../../shared/timeline';
import { goLiveRunbook, MIN, RunbookBuilder } from './runbookBuilder';

describe('phase bands', () => {
  it('ends a phase without an explicit end where the next begins, and keeps explicit ends', () => {
    const bands = phaseBands(goLiveRunbook());
    expect(bands.map((b) => [b.sectionId, b.startOffsetMs / MIN, b.endOffsetMs / MIN, b.endBasis])).toEqual([
      ['p1', -30, 0, 'next-phase'],
      ['p2', 0, 30, 'explicit'],
      ['p3', 30, 60, 'explicit'],
      ['p4', 60, 180, 'explicit'],
    ]);
  });

  it('ends a last phase without an end at the last planned thing in the runbook', () => {
    const rb = new RunbookBuilder()
      .phase('a', 'Deploy', 0)
      .phase('b', 'Watch', 30)
      .gate('g', 'Go/No-Go', 45)
      .step('s', 'Verify', { start: 50, end: 70 })
      .build();
    expect(phaseBands(rb).at(-1)).toMatchObject({ sectionId: 'b', endOffsetMs: 70 * MIN, endBasis: 'last-planned' });
  });

  it('leaves a last phase with nothing planned after its start open: it never turns into post-launch', () => {
    const rb = new RunbookBuilder().phase('go', 'Go/No-Go', 20, 60).phase('care', 'T+60: Hypercare', 60).build();
    const bands = phaseBands(rb);
    expect(bands.at(-1)).toMatchObject({ sectionId: 'care', startOffsetMs: 60 * MIN, endOffsetMs: 60 * MIN, endBasis: 'open' });
    expect(phaseAt(bands, 60 * MIN)).toMatchObject({ kind: 'phase', band: { sectionId: 'care' } });
    expect(phaseAt(bands, 3 * 24 * 60 * MIN)).toMatchObject({ kind: 'phase', band: { sectionId: 'care' } });
    expect(phaseAt(bands, 59 * MIN)).toMatchObject({ kind: 'phase', band: { sectionId: 'go' } });
  });

  it('takes the phases inside a timed container, and does not take a single step’s heading for a phase', () => {
    const rb = new RunbookBuilder()
      .phase('schedule', 'Go-Live Schedule', -30)
      .phase('p1', 'Phase 1: Preparation', -30, null, 'schedule')
      .phase('p2', 'Phase 2: Deployment', 0, 30, 'schedule')
      .phase('p2s1', 'Step 1: Enable Maintenance Mode (5 min)', 0, 5, 'p2')
      .step('s1', 'Enable Maintenance Mode', { start: 0, end: 5, sectionId: 'p2s1' })
      .phase('p3', 'Phase 3: Gradual Rollout', 30, 60, 'schedule')
      .section('ref', 'Deployment Strategy', { kind: 'reference' })
      .phase('untimed', 'Phase without a time', null)
      .build();
    expect(phaseSectionIds(rb)).toEqual(['p1', 'p2', 'p3']);
  });

  it('lets the caller choose the band sections', () => {
    const bands = phaseBands(goLiveRunbook(), ['p2', 'p4']);
    expect(bands.map((b) => [b.sectionId, b.endOffsetMs / MIN])).toEqual([
      ['p2', 30],
      ['p4', 180],
    ]);
  });
});

describe('current phase', () => {
  const bands = phaseBands(goLiveRunbook());
  const at = (min: number) => phaseAt(bands, min * MIN);

  it('is pre-launch before the first phase and post-launch after the last', () => {
    expect(at(-31)).toMatchObject({ kind: 'pre-launch', next: { sectionId: 'p1' } });
    expect(at(180)).toMatchObject({ kind: 'post-launch', previous: { sectionId: 'p4' } });
    expect(at(24 * 60)).toMatchObject({ kind: 'post-launch' });
  });

  it('is the first phase from its very start', () => {
    expect(at(-30)).toMatchObject({ kind: 'phase', band: { sectionId: 'p1' }, index: 0 });
  });

  it('is the phase that starts at T0 exactly at T0', () => {
    expect(at(0)).toMatchObject({ kind: 'phase', band: { sectionId: 'p2' } });
    expect(phaseAt(bands, -1)).toMatchObject({ kind: 'phase', band: { sectionId: 'p1' } });
  });

  it('is the next phase exactly at a phase end', () => {
    expect(at(30)).toMatchObject({ kind: 'phase', band: { sectionId: 'p3' } });
    expect(phaseAt(bands, 30 * MIN - 1)).toMatchObject({ kind: 'phase', band: { sectionId: 'p2' } });
  });

  it('says "between" in a gap between phases', () => {
    const gapped = phaseBands(new RunbookBuilder().phase('a', 'Deploy', 0, 20).phase('b', 'Rollout', 30, 60).build());
    expect(phaseAt(gapped, 20 * MIN)).toMatchObject({ kind: 'between', previous: { sectionId: 'a' }, next: { sectionId: 'b' } });
    expect(phaseAt(gapped, 30 * MIN)).toMatchObject({ kind: 'phase', band: { sectionId: 'b' } });
  });

  it('says there are no phases when the runbook has none', () => {
    expect(phaseAt(phaseBands(new RunbookBuilder().step('s', 'Deploy', { start: 0, end: 5 }).build()), 0)).toEqual({ kind: 'no-phases' });
  });
});
