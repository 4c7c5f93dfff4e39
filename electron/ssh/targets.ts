// From a step's TargetSpec (hosts, groups, local) to the concrete list of targets, in inventory
// order, each host once even when it is in several of the named groups.
import type { HostSpec, TargetSpec } from '../../shared/runbook/model';

export interface ExpandedTargets {
  local: boolean;
  hosts: HostSpec[];
  /** Host or group names that match nothing in the inventory (the console must refuse to run). */
  unknown: string[];
}

export function expandTargets(spec: TargetSpec, inventory: readonly HostSpec[]): ExpandedTargets {
  const unknown: string[] = [];
  const wanted = new Set<string>();
  for (const name of spec.hosts) {
    if (inventory.some((h) => h.name === name)) wanted.add(name);
    else unknown.push(name);
  }
  for (const group of spec.groups) {
    const members = inventory.filter((h) => h.groups.includes(group));
    if (members.length === 0) unknown.push(`group ${group}`);
    for (const member of members) wanted.add(member.name);
  }
  return { local: spec.local, hosts: inventory.filter((h) => wanted.has(h.name)), unknown };
}
