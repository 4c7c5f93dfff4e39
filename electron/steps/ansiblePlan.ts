// What an Ansible step's run needs besides the plan every step has: ansible-playbook itself (or a
// refusal saying how to install it, before anything is logged), the session's whole inventory as
// T-Minus resolves it (so group names in the playbook's `hosts:` resolve; `--limit` keeps the run
// to its targets), and the OpenSSH files and trusted keys Ansible's ssh must check keys against.
import { existsSync } from 'node:fs';
import { ApiError } from '../../shared/api/errors';
import type { HostSpec, Step } from '../../shared/runbook/model';
import { ANSIBLE_INSTALL_HINT, findAnsiblePlaybook, type InventoryHost } from '../ansible';
import { SshError, type TrustedHostKey } from '../ssh';
import type { ResolvedTargets } from './inventory';
import type { SessionSsh } from './sessionSsh';

export interface AnsiblePlan {
  ansiblePlaybook: string;
  inventory: InventoryHost[];
  knownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  sshConfigPath: string | null;
  agentSocket: string | null;
  /** Keys trusted in T-Minus for every host and jump host of the inventory. */
  trustedKeys: () => Promise<TrustedHostKey[]>;
  env: NodeJS.ProcessEnv;
}

export function planAnsible(step: Step, targets: ResolvedTargets, inventory: readonly HostSpec[], ssh: SessionSsh, env: NodeJS.ProcessEnv): AnsiblePlan {
  if (targets.local) {
    throw new ApiError('invalid_input', `"${step.title}" is an Ansible playbook: it runs on inventory hosts, not on "local". Choose hosts or groups.`, [{ path: 'targets', message: 'local is not a target of an Ansible step' }]);
  }
  const ansiblePlaybook = findAnsiblePlaybook(env);
  if (!ansiblePlaybook) throw new ApiError('unavailable', `"${step.title}" is an Ansible playbook, and Ansible is not installed on this workstation (no ansible-playbook on PATH). ${ANSIBLE_INSTALL_HINT}`);
  const targetNames = new Set(targets.names);
  const resolved: InventoryHost[] = [];
  for (const host of inventory) {
    try {
      resolved.push({ name: host.name, groups: host.groups, endpoint: ssh.resolve(host) });
    } catch (error) {
      if (!(error instanceof SshError)) throw error;
      // A host this run does not go to may stay unresolved; a target may not.
      if (targetNames.has(host.name)) throw new ApiError('invalid_input', `Cannot resolve ${host.name}: ${error.message}`, [{ path: 'targets', message: error.message }]);
    }
  }
  const settings = ssh.settings;
  return {
    ansiblePlaybook,
    inventory: resolved,
    knownHostsFiles: settings.knownHostsFiles,
    globalKnownHostsFiles: settings.globalKnownHostsFiles,
    sshConfigPath: existsSync(settings.configPath) ? settings.configPath : null,
    agentSocket: settings.agentSocket,
    trustedKeys: () => ssh.trustedKeysFor(resolved.map((host) => host.endpoint)),
    env,
  };
}
