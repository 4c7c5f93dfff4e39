import { describe, expect, it } from 'vitest';
import type { StepRunState } from '../../../shared/session/stepRunsState';
import { defaultTargets, formatTimeout, rerunChoices, parseTimeout, resolveTargets } from '../../../renderer/src/features/steps/stepTargets';

type InventoryHost = Parameters<typeof resolveTargets>[1][number];

const host = (name: string, groups: string[]): InventoryHost => ({
  name,
  address: null,
  port: null,
  user: null,
  groups,
  identityFile: null,
  proxyJump: null,
  source: 'runbook',
  sshConfig: null,
});

describe('what a run form says will run where', () => {
  const inventory = [host('web-1', ['app']), host('web-2', ['app']), host('db-1', ['db'])];

  it('takes the runbook targets as the default: groups, hosts, then local', () => {
    expect(defaultTargets({ local: true, hosts: ['db-1'], groups: ['app'] })).toEqual(['app', 'db-1', 'local']);
    expect(defaultTargets(null)).toEqual([]);
  });

  it('expands groups through the inventory, without repeating a host named twice', () => {
    const resolved = resolveTargets(['app', 'web-1', 'local'], inventory);
    expect(resolved.hosts).toEqual(['web-1', 'web-2', 'local']);
    expect(resolved.targets.map((t) => t.kind)).toEqual(['group', 'host', 'local']);
  });

  it('keeps a name the inventory does not know (an ~/.ssh/config alias) as a host of its own', () => {
    expect(resolveTargets(['bastion-alias'], inventory).targets[0]).toEqual({ name: 'bastion-alias', kind: 'unknown', hosts: ['bastion-alias'] });
  });
});

describe('timeouts as typed', () => {
  it('reads 90s, 10m, 1h30m and bare minutes; empty is no timeout', () => {
    expect(parseTimeout('90s')).toEqual({ ok: true, ms: 90_000 });
    expect(parseTimeout('10m')).toEqual({ ok: true, ms: 600_000 });
    expect(parseTimeout('1h30m')).toEqual({ ok: true, ms: 5_400_000 });
    expect(parseTimeout(' 2 ')).toEqual({ ok: true, ms: 120_000 });
    expect(parseTimeout('')).toEqual({ ok: true, ms: null });
  });

  it('refuses what is not a duration, zero, and more than a day', () => {
    expect(parseTimeout('soon').ok).toBe(false);
    expect(parseTimeout('0m').ok).toBe(false);
    expect(parseTimeout('25h').ok).toBe(false);
  });

  it('writes a timeout back the way it is typed', () => {
    expect(formatTimeout(5_400_000)).toBe('1h30m');
    expect(formatTimeout(45_000)).toBe('45s');
    expect(formatTimeout(null)).toBe('');
  });
});

describe('re-running failed hosts', () => {
  const run = (status: StepRunState['status'], hosts: Record<string, StepRunState['hosts'][string]['status']>) =>
    ({
      status,
      targets: Object.keys(hosts),
      hosts: Object.fromEntries(Object.entries(hosts).map(([target, s]) => [target, { target, status: s }])),
    }) as unknown as StepRunState;

  it('counts failed hosts apart from skipped ones (never started) and ones whose outcome is unknown, in target order', () => {
    expect(rerunChoices(run('failed', { a: 'succeeded', b: 'failed', c: 'timed-out', d: 'skipped', e: 'cancelled', f: 'interrupted', g: 'skipped' }))).toEqual({
      failed: ['b', 'c', 'e'],
      skipped: ['d', 'g'],
      unknown: ['f'],
    });
  });

  it('offers nothing while the run is still going or when every host succeeded', () => {
    const none = { failed: [], skipped: [], unknown: [] };
    expect(rerunChoices(run('running', { a: 'failed', b: 'running' }))).toEqual(none);
    expect(rerunChoices(run('succeeded', { a: 'succeeded' }))).toEqual(none);
  });
});
