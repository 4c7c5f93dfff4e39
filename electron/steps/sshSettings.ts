// Where the console's SSH layer reads the user's OpenSSH setup from. Defaults are the user's own
// (~/.ssh/config, ~/.ssh/known_hosts, SSH_AUTH_SOCK); everything is injectable so tests and
// rehearsals point the console at their own files — through ConsoleOptions.ssh, or through
// environment variables for a `tminus serve` child:
//   TMINUS_SSH_CONFIG         path of the ssh config file to honour instead of ~/.ssh/config
//   TMINUS_KNOWN_HOSTS        known_hosts files, separated by ':' (instead of ~/.ssh/known_hosts)
//   TMINUS_TRUSTED_KEYS       T-Minus's own trusted-keys file (default <data dir>/tminus.trusted-keys.json)
//   TMINUS_PROMPT_TIMEOUT_MS  how long a host-key / passphrase prompt waits (default 5 minutes)
//   SSH_AUTH_SOCK             the ssh-agent socket (as for OpenSSH)
import { homedir, hostname, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadSshConfigText, type ConnectSettings, type SshConfigContext } from '../ssh';
import { DEFAULT_PROMPT_TIMEOUT_MS } from './promptBroker';

export interface StepsSshOptions {
  /** ssh config file to honour (default ~/.ssh/config; re-read for every run, so edits apply). */
  configPath?: string;
  /** known_hosts files (default ~/.ssh/known_hosts). */
  knownHostsFiles?: string[];
  /** ssh-agent socket, or null for none (default SSH_AUTH_SOCK). */
  agentSocket?: string | null;
  /** T-Minus's trusted-keys file (default `<data dir>/tminus.trusted-keys.json`). */
  trustStorePath?: string;
  /** Home directory for `~` and OpenSSH's default identity files. */
  homeDir?: string;
  promptTimeoutMs?: number;
  /** Time between SIGINT, SIGTERM and closing on cancel / timeout (engine default 5 s). */
  cancelGraceMs?: number;
  connect?: Partial<ConnectSettings>;
}

export interface SshSettings {
  configPath: string;
  knownHostsFiles: string[];
  agentSocket: string | null;
  trustStorePath: string;
  homeDir: string;
  promptTimeoutMs: number;
  cancelGraceMs: number | undefined;
  connect: Partial<ConnectSettings> | undefined;
}

export const TRUSTED_KEYS_FILE = 'tminus.trusted-keys.json';

/** The options a `tminus serve` / desktop process takes from its environment. */
export function sshOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StepsSshOptions {
  const options: StepsSshOptions = {};
  if (env.TMINUS_SSH_CONFIG) options.configPath = env.TMINUS_SSH_CONFIG;
  if (env.TMINUS_KNOWN_HOSTS) options.knownHostsFiles = env.TMINUS_KNOWN_HOSTS.split(delimiter).filter(Boolean);
  if (env.TMINUS_TRUSTED_KEYS) options.trustStorePath = env.TMINUS_TRUSTED_KEYS;
  if (env.TMINUS_PROMPT_TIMEOUT_MS) {
    const ms = Number(env.TMINUS_PROMPT_TIMEOUT_MS);
    if (!Number.isInteger(ms) || ms <= 0) throw new Error(`TMINUS_PROMPT_TIMEOUT_MS must be a positive number of milliseconds, got "${env.TMINUS_PROMPT_TIMEOUT_MS}"`);
    options.promptTimeoutMs = ms;
  }
  return options;
}

export function resolveSshSettings(options: StepsSshOptions, dataDir: string, env: NodeJS.ProcessEnv = process.env): SshSettings {
  const homeDir = options.homeDir ?? homedir();
  return {
    configPath: options.configPath ?? join(homeDir, '.ssh', 'config'),
    knownHostsFiles: options.knownHostsFiles ?? [join(homeDir, '.ssh', 'known_hosts')],
    agentSocket: options.agentSocket === undefined ? env.SSH_AUTH_SOCK || null : options.agentSocket,
    trustStorePath: options.trustStorePath ?? join(dataDir, TRUSTED_KEYS_FILE),
    homeDir,
    promptTimeoutMs: options.promptTimeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS,
    cancelGraceMs: options.cancelGraceMs,
    connect: options.connect,
  };
}

/** The ssh config as it is now (read at each use, Includes inlined). */
export function sshConfigContext(settings: SshSettings): SshConfigContext {
  let localUser: string;
  try {
    localUser = userInfo().username;
  } catch {
    localUser = process.env.USER ?? 'root';
  }
  return { configText: loadSshConfigText(settings.configPath), homeDir: settings.homeDir, localUser, localHost: hostname() };
}
