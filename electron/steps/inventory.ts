// A session's hosts and how a step's targets become a list of hosts. The inventory is the
// runbook's front matter `hosts` until a `hosts.inventorySet` event replaces it; groups come from
// the hosts. Names are resolved against ~/.ssh/config only when connecting (engine: sshConfig.ts),
// but the inventory view shows what the config adds for each name, so the IC sees where a host
// really goes before running anything on it.
import SSHConfig from 'ssh-config';
import { ApiError } from '../../shared/api/errors';
import type { HostSpec, Runbook, Step, TargetSpec } from '../../shared/runbook/model';
import type { StepRunsState } from '../../shared/session/stepRunsState';
import { expandTargets, LOCAL_TARGET, type SshConfigContext } from '../ssh';

export interface InventoryHostView extends HostSpec {
  source: 'runbook' | 'session';
  sshConfig: { hostName: string | null; user: string | null; port: number | null; proxyJump: string | null } | null;
}

/** The hosts a session runs on now. */
export function sessionHosts(steps: StepRunsState, runbook: Runbook | null): HostSpec[] {
  return steps.inventory ? steps.inventory.hosts : (runbook?.hosts ?? []);
}

export function groupsOf(hosts: readonly HostSpec[]): string[] {
  return [...new Set(hosts.flatMap((host) => host.groups))].sort();
}

export function inventoryView(hosts: readonly HostSpec[], runbook: Runbook | null, ssh: SshConfigContext): InventoryHostView[] {
  const parsed = ssh.configText ? SSHConfig.parse(ssh.configText) : null;
  return hosts.map((host) => ({
    ...host,
    groups: [...host.groups],
    source: runbook?.hosts.some((candidate) => sameHost(candidate, host)) ? 'runbook' : 'session',
    sshConfig: parsed ? configAdds(parsed, host.name) : null,
  }));
}

function configAdds(parsed: ReturnType<typeof SSHConfig.parse>, name: string): InventoryHostView['sshConfig'] {
  // matchExec off: listing hosts must never run a command from a config file.
  const computed = Object.fromEntries(Object.entries(parsed.compute(name, { ignoreCase: true, matchExec: false })).map(([k, v]) => [k.toLowerCase(), v]));
  const one = (key: string): string | null => {
    const value = computed[key];
    return value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : String(value);
  };
  const port = one('port');
  const view = { hostName: one('hostname'), user: one('user'), port: port && /^\d+$/.test(port) ? Number(port) : null, proxyJump: one('proxyjump') };
  return Object.values(view).some((value) => value !== null) ? view : null;
}

function sameHost(a: HostSpec, b: HostSpec): boolean {
  return (
    a.name === b.name &&
    a.address === b.address &&
    a.port === b.port &&
    a.user === b.user &&
    a.identityFile === b.identityFile &&
    a.proxyJump === b.proxyJump &&
    a.groups.length === b.groups.length &&
    a.groups.every((group, i) => b.groups[i] === group)
  );
}

/** Problems with an inventory someone wants to set (names must be unique and not `local`). */
export function inventoryProblems(hosts: readonly HostSpec[]): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  hosts.forEach((host, index) => {
    if (host.name === LOCAL_TARGET) problems.push({ path: `hosts.${index}.name`, message: '"local" means the workstation; give the host another name' });
    if (seen.has(host.name)) problems.push({ path: `hosts.${index}.name`, message: `"${host.name}" appears twice` });
    seen.add(host.name);
  });
  return problems;
}

export interface ResolvedTargets {
  /** Target names in run order: `local` first, then hosts in inventory order. */
  names: string[];
  local: boolean;
  hosts: HostSpec[];
}

/**
 * The hosts a run goes to: the `targets` the caller named (hosts, groups, `local`), else the
 * step's target from the runbook. Anything that matches nothing is refused, naming what exists.
 */
export function resolveTargets(step: Step, requested: readonly string[] | null | undefined, inventory: readonly HostSpec[]): ResolvedTargets {
  let spec: TargetSpec;
  if (requested && requested.length > 0) {
    spec = { local: false, hosts: [], groups: [] };
    const groups = new Set(groupsOf(inventory));
    for (const name of requested) {
      if (name === LOCAL_TARGET) spec.local = true;
      else if (inventory.some((host) => host.name === name)) spec.hosts.push(name);
      else if (groups.has(name)) spec.groups.push(name);
      else spec.hosts.push(name);
    }
  } else if (step.target) {
    spec = step.target;
  } else {
    throw new ApiError(
      'invalid_input',
      `Step "${step.title}" has no target: the runbook's front matter \`targets\` names none for it. Choose hosts, a group or "local" to run it on, or add it to \`targets\` in the runbook.`,
      [{ path: 'targets', message: 'required: this step has no target in the runbook' }],
    );
  }
  const expanded = expandTargets(spec, inventory);
  if (expanded.unknown.length > 0) {
    const known = [...inventory.map((host) => host.name), ...groupsOf(inventory).map((group) => `group ${group}`), LOCAL_TARGET];
    throw new ApiError(
      'invalid_input',
      `Step "${step.title}": ${expanded.unknown.map((name) => `"${name}"`).join(', ')} ${expanded.unknown.length === 1 ? 'is' : 'are'} not in this session's inventory (it has ${known.join(', ')}).`,
      [{ path: 'targets', message: `unknown: ${expanded.unknown.join(', ')}` }],
    );
  }
  const names = [...(expanded.local ? [LOCAL_TARGET] : []), ...expanded.hosts.map((host) => host.name)];
  if (names.length === 0) {
    throw new ApiError('invalid_input', `Step "${step.title}" has no host to run on: its target names an empty group.`, [{ path: 'targets', message: 'no hosts' }]);
  }
  return { names, local: expanded.local, hosts: expanded.hosts };
}
