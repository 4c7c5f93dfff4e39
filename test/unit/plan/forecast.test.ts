import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { forecastPlan, planGraph, unmetPredecessors } from '../../../shared/plan';
import { latestSafeRollback } from '../../../shared/timeline';
import { doneRun, MIN, RunbookBuilder, runningRun } from '../timeline/runbookBuilder';

const T0 = Date.UTC(2025, 9, 21, 12, 0, 0);
const at = (min: number) => T0 + min * MIN;
const seed = importMarkdown(readFileSync('test/fixtures/runbooks/seed.md', 'utf8'), 'seed.md');
const stepId = (title: string) => seed.steps.find((s) => s.title.startsWith(title))!.id;
const gateId = (title: string) => seed.gates.find((g) => g.title.includes(title))!.id;

describe('the forecast', () => {
  it('moves everything that waits for a late step, and the projected end with it', () => {
    // Deploy New Code (planned T+5…T+15) is still running at T+25.
    const runs = [doneRun(stepId('Enable Maintenance'), at(0), at(5)), runningRun(stepId('Deploy New Code'), at(5))];
    const f = forecastPlan(planGraph(seed), { t0Ms: T0, nowMs: at(25), runs });
    expect(f.byId.get(stepId('Deploy New Code'))).toMatchObject({ basis: 'running', endAtMs: at(25) });
    // Migrations (5 min) and health check (5 min) follow it: T+25…T+30, T+30…T+35.
    expect(f.byId.get(stepId('Database Migrations'))).toMatchObject({ basis: 'forecast', startAtMs: at(25), endAtMs: at(30) });
    expect(f.byId.get(stepId('Health Check'))).toMatchObject({ startAtMs: at(30), endAtMs: at(35) });
    // The 5% canary (planned T+30, five minutes after the health check) moves by the same ten
    // minutes: the planned gap is kept. Its gate and the rest move too.
    expect(f.byId.get(stepId('Canary: 5%'))).toMatchObject({ startAtMs: at(40) });
    expect(f.byId.get(gateId('Canary: 5%'))!.startAtMs).toBeGreaterThan(at(35));
    expect(f.projectedEndAtMs).toBeGreaterThan(f.plannedEndAtMs!);
  });

  it('marks the chain that sets the projected end as the critical path, from the late step on', () => {
    const runs = [doneRun(stepId('Enable Maintenance'), at(0), at(5)), runningRun(stepId('Deploy New Code'), at(5))];
    const f = forecastPlan(planGraph(seed), { t0Ms: T0, nowMs: at(25), runs });
    const titles = f.criticalPath.map((id) => f.byId.get(id)!.title);
    expect(titles[0]).toBe('Deploy New Code');
    expect(titles.at(-1)).toBe('Full Rollout: 100% of Traffic');
    expect(titles).toContain('Go/No-Go Decision — Canary: 25% of Traffic');
    expect(f.byId.get(stepId('Enable Maintenance'))!.critical).toBe(false);
  });

  it('has no critical path before anything is late: every start is set by the plan', () => {
    const f = forecastPlan(planGraph(seed), { t0Ms: T0, nowMs: at(-10), runs: [] });
    expect(f.projectedEndAtMs).toBe(f.plannedEndAtMs);
    expect(f.criticalPath.map((id) => f.byId.get(id)!.title)).toEqual(['Full Rollout: 100% of Traffic']);
  });

  it('holds a gate decided NO-GO (and what waits for it) until a GO, which releases them', () => {
    const rb = new RunbookBuilder().step('a', 'Canary', { start: 0, end: 10 }).gate('g', 'Go?', 10).step('b', 'Full', { start: 15, end: 20 }).build();
    const runs = [doneRun('a', at(0), at(10))];
    const held = forecastPlan(planGraph(rb), { t0Ms: T0, nowMs: at(30), runs, gateOutcomes: [{ gateId: 'g', decision: 'NO-GO', atMs: at(11) }] });
    expect(held.byId.get('g')).toMatchObject({ basis: 'held', done: false, endAtMs: at(30) });
    // b was planned five minutes after the gate: it stays five minutes after it.
    expect(held.byId.get('b')).toMatchObject({ startAtMs: at(35) });
    expect(unmetPredecessors(planGraph(rb), held, 'b').map((n) => n.id)).toEqual(['g']);
    const go = forecastPlan(planGraph(rb), {
      t0Ms: T0,
      nowMs: at(31),
      runs,
      gateOutcomes: [
        { gateId: 'g', decision: 'NO-GO', atMs: at(11) },
        { gateId: 'g', decision: 'GO', atMs: at(31) },
      ],
    });
    expect(go.byId.get('g')).toMatchObject({ basis: 'actual', done: true });
    expect(unmetPredecessors(planGraph(rb), go, 'b')).toEqual([]);
  });

  it('shows a node with no time and no predecessor as unknown, never guessed', () => {
    const rb = new RunbookBuilder().step('a', 'Somewhere').build();
    expect(forecastPlan(planGraph(rb), { t0Ms: T0, nowMs: at(0), runs: [] }).byId.get('a')).toMatchObject({ basis: 'unknown', startAtMs: null });
  });

  it('counts a failed step as happened but not done: what waits for it is out of order', () => {
    const rb = new RunbookBuilder().step('a', 'Deploy', { start: 0, end: 10 }).step('b', 'Verify', { start: 10, end: 15 }).build();
    const f = forecastPlan(planGraph(rb), { t0Ms: T0, nowMs: at(12), runs: [doneRun('a', at(0), at(9), 'failed')] });
    expect(f.byId.get('a')).toMatchObject({ basis: 'actual', done: false });
    expect(unmetPredecessors(planGraph(rb), f, 'b').map((n) => n.id)).toEqual(['a']);
  });
});

describe('the latest safe rollback follows the graph', () => {
  const rb = new RunbookBuilder()
    .phase('p', 'Release', 0, 60)
    .step('a', 'Deploy', { start: 0, end: 40, sectionId: 'p' })
    .step('a2', 'Verify', { start: 40, end: 50, sectionId: 'p' })
    .step('r1', 'Roll back app', { rollback: true, durationMin: 10 })
    .step('r2', 'Roll back db', { rollback: true, durationMin: 20 })
    .build();

  it('adds up rollback steps that wait for each other', () => {
    expect(latestSafeRollback(rb, T0, at(0)).rollbackDurationMs).toBe(30 * MIN);
  });

  it('counts rollback steps the runbook runs side by side once: the longest chain', () => {
    const parallel = { ...rb, dependencies: [] };
    expect(latestSafeRollback(parallel, T0, at(0))).toMatchObject({ rollbackDurationMs: 20 * MIN, latestSafeAtMs: at(40) });
  });

  it('says when the forecast end is past the latest safe rollback', () => {
    expect(latestSafeRollback(rb, T0, at(0), { projectedEndAtMs: at(31) }).forecastPastDeadline).toBe(true);
    expect(latestSafeRollback(rb, T0, at(0), { projectedEndAtMs: at(30) }).forecastPastDeadline).toBe(false);
  });
});
