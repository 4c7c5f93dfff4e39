// The session's inventory written for Ansible: every host as T-Minus resolves it (address, port,
// user, identity file, jump hosts — the runbook's fields over ~/.ssh/config, as for SSH steps), its
// groups, and OpenSSH options that keep host-key checking ON against exactly the known_hosts files
// T-Minus itself reads for that host (its UserKnownHostsFile / GlobalKnownHostsFile from the
// user's ssh config, hostKeyConfig.ts, else the console's defaults) plus the keys the IC trusted in
// T-Minus. The files go in each host's own ansible_ssh_common_args: a single UserKnownHostsFile in
// ssh_args would come first on ssh's command line and override every host's own files (issue 17).
// Ansible drives OpenSSH's `ssh`, so an unknown or changed key fails that host ("Host key
// verification failed") instead of being accepted: Ansible never sees a key T-Minus would have
// asked about.
import { stringify } from 'yaml';
import type { HopEndpoint, ResolvedEndpoint } from '../ssh/sshConfig';
import type { TrustedHostKey } from '../ssh/trustStore';

export interface InventoryHost {
  name: string;
  groups: readonly string[];
  endpoint: ResolvedEndpoint;
}

/** The known_hosts files T-Minus reads when a host's ssh config names none, and its own trusted-keys file. */
export interface KnownHostsDefaults {
  userFiles: readonly string[];
  globalFiles: readonly string[];
  /** The keys trusted in T-Minus, written for this run (trustedKnownHostsText). */
  trustedFile: string;
}

/** Ansible's inventory (YAML) for the hosts, grouped as in the session's inventory. */
export function ansibleInventoryYaml(hosts: readonly InventoryHost[], knownHosts: KnownHostsDefaults): string {
  const all: Record<string, Record<string, string | number>> = {};
  const children: Record<string, { hosts: Record<string, null> }> = {};
  for (const host of hosts) {
    const { endpoint } = host;
    const vars: Record<string, string | number> = {
      ansible_host: endpoint.host,
      ansible_port: endpoint.port,
      ansible_user: endpoint.user,
    };
    if (endpoint.identityFiles[0]) vars.ansible_ssh_private_key_file = endpoint.identityFiles[0];
    vars.ansible_ssh_common_args = [hostSshArgs(endpoint), ...knownHostsArgs(endpoint, knownHosts)].filter(Boolean).join(' ');
    all[host.name] = vars;
    for (const group of host.groups) (children[group] ??= { hosts: {} }).hosts[host.name] = null;
  }
  return stringify({ all: { hosts: all, children } }, { nullStr: '' });
}

/** Per-host ssh options: the jump chain, the name its key is filed under, identities only. */
export function hostSshArgs(endpoint: ResolvedEndpoint): string {
  const args: string[] = [];
  if (endpoint.jumps.length > 0) args.push(`-o ProxyJump=${endpoint.jumps.map(jumpSpec).join(',')}`);
  if (endpoint.hostKeyAlias) args.push(`-o HostKeyAlias=${endpoint.hostKeyAlias}`);
  if (endpoint.identitiesOnly) args.push('-o IdentitiesOnly=yes');
  return args.join(' ');
}

/** The host's known_hosts files as ssh would read them, the way KnownHostsSources.filesFor picks them. */
export function knownHostsArgs(endpoint: ResolvedEndpoint, defaults: KnownHostsDefaults): string[] {
  const user = endpoint.hostKeys?.userKnownHostsFiles ?? defaults.userFiles;
  const global = endpoint.hostKeys?.globalKnownHostsFiles ?? defaults.globalFiles;
  // `none` among the user's files means no file of theirs; T-Minus's trusted keys still count.
  const userFiles = [...user.filter((file) => file !== 'none'), defaults.trustedFile];
  const globalFiles = global.filter((file) => file !== 'none');
  return [
    `-o ${shellQuote(`UserKnownHostsFile=${userFiles.map(sshConfigWord).join(' ')}`)}`,
    `-o ${shellQuote(`GlobalKnownHostsFile=${globalFiles.length > 0 ? globalFiles.map(sshConfigWord).join(' ') : 'none'}`)}`,
  ];
}

/** A path as one word of an ssh_config value (ssh reads `-o` like a config line: double quotes group). */
function sshConfigWord(path: string): string {
  return /[\s"]/.test(path) ? `"${path}"` : path;
}

function jumpSpec(hop: HopEndpoint): string {
  const host = hop.host.includes(':') ? `[${hop.host}]` : hop.host;
  return `${hop.user}@${host}:${hop.port}`;
}

/** The known_hosts lines of the keys trusted in T-Minus (as OpenSSH files them: `[host]:port`). */
export function trustedKnownHostsText(keys: readonly TrustedHostKey[]): string {
  return keys.map((key) => `${key.port === 22 ? key.host : `[${key.host}]:${key.port}`} ${key.keyType} ${key.publicKey}\n`).join('');
}

/** Quotes a value for Ansible's shlex split of `ssh_args`. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

export interface AnsibleConfigInput {
  forks: number;
  /** The user's ssh config (jump hosts and identities named there), null for none. */
  sshConfigPath: string | null;
  controlPathDir: string;
}

/** ansible.cfg: JSON events on stdout, host-key checking on (the known_hosts files are per host, in the inventory). */
export function ansibleConfigText(input: AnsibleConfigInput): string {
  const sshArgs = [
    '-o ControlMaster=auto',
    '-o ControlPersist=30s',
    '-o StrictHostKeyChecking=yes',
    '-o BatchMode=yes',
    ...(input.sshConfigPath ? [`-F ${shellQuote(input.sshConfigPath)}`] : []),
  ];
  return [
    '[defaults]',
    'host_key_checking = True',
    'stdout_callback = ansible.posix.jsonl',
    'callbacks_enabled =',
    `forks = ${input.forks}`,
    'retry_files_enabled = False',
    'nocolor = True',
    'interpreter_python = auto_silent',
    'deprecation_warnings = False',
    '',
    '[ssh_connection]',
    `ssh_args = ${sshArgs.join(' ')}`,
    `control_path_dir = ${input.controlPathDir}`,
    'pipelining = True',
    '',
  ].join('\n');
}
