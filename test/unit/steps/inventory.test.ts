// Inventory and target resolution: front matter hosts unless the session replaced them, groups,
// what ~/.ssh/config adds, and the refusals a person can act on.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import type { HostSpec, Runbook, Step } from '../../../shared/runbook/model';
import { emptyStepRunsState } from '../../../shared/session/stepRunsState';
import { groupsOf, inventoryProblems, inventoryView, resolveTargets, sessionHosts } from '../../../electron/steps/inventory';

const host = (name: string, groups: string[], extra: Partial<HostSpec> = {}): HostSpec => ({ name, address: null, port: null, user: null, groups, identityFile: null, proxyJump: null, ...extra });
const inventory = [host('app1', ['app', 'web']), host('app2', ['app']), host('db1', ['db'])];
const step = (target: Step['target']): Step => ({ id: 'step-1', title: 'Deploy New Code', target } as Step);

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('target resolution', () => {
  it("uses the step's runbook target, or the names given: hosts, groups and local, in inventory order, each once", () => {
    expect(resolveTargets(step({ local: false, hosts: [], groups: ['app'] }), null, inventory).names).toEqual(['app1', 'app2']);
    expect(resolveTargets(step(null), ['db1', 'web', 'local', 'app'], inventory).names).toEqual(['local', 'app1', 'app2', 'db1']);
  });

  it('refuses a step without a target, saying how to give one', () => {
    const error = refusal(() => resolveTargets(step(null), undefined, inventory));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/"Deploy New Code" has no target.*Choose hosts, a group or "local"/);
  });

  it('refuses names that match nothing, listing what exists', () => {
    const error = refusal(() => resolveTargets(step(null), ['app9', 'app'], inventory));
    expect(error.message).toBe(`Step "Deploy New Code": "app9" is not in this session's inventory (it has app1, app2, db1, group app, group db, group web, local).`);
  });
});

describe('inventory', () => {
  it("is the runbook's hosts until the session sets its own", () => {
    const runbook = { hosts: inventory } as Runbook;
    const state = emptyStepRunsState();
    expect(sessionHosts(state, runbook)).toBe(inventory);
    state.inventory = { hosts: [host('x', [])], source: 'ui' };
    expect(sessionHosts(state, runbook).map((h) => h.name)).toEqual(['x']);
    expect(groupsOf(inventory)).toEqual(['app', 'db', 'web']);
  });

  it('shows where each host comes from and what ~/.ssh/config adds for its name', () => {
    const runbook = { hosts: inventory } as Runbook;
    const edited = [inventory[0]!, host('db1', ['db'], { user: 'dba' })];
    const configText = 'Host app*\n  User deploy\n  ProxyJump bastion\nHost app1\n  HostName 10.0.0.11\n  Port 2222\n';
    const view = inventoryView(edited, runbook, { configText, homeDir: '/home/x', localUser: 'x', localHost: 'ws' });
    expect(view.map((h) => [h.name, h.source, h.sshConfig])).toEqual([
      ['app1', 'runbook', { hostName: '10.0.0.11', user: 'deploy', port: 2222, proxyJump: 'bastion' }],
      ['db1', 'session', null],
    ]);
  });

  it('refuses duplicate names and a host called local', () => {
    expect(inventoryProblems([host('a', []), host('a', []), host('local', [])]).map((p) => p.message)).toEqual([
      '"a" appears twice',
      '"local" means the workstation; give the host another name',
    ]);
  });
});
