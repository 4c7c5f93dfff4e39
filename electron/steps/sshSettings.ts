// Where the console's SSH layer reads the user's OpenSSH setup from. Defaults are the user's own
// (~/.ssh/config, ~/.ssh/known_hosts, SSH_AUTH_SOCK); everything is injectable so tests and
// rehearsals point the console at their own files — through ConsoleOptions.ssh, or through
// environment variables for a `tminus serve` child:
//   TMINUS_SSH_CONFIG         path of the ssh config file to honour instead of ~/.ssh/config
//   TMINUS_KNOWN_HOSTS        user known_hosts files, separated by ':', for hosts whose ssh config sets no
//                             UserKnownHostsFile (instead of ~/.ssh/known_hosts and ~/.ssh/known_hosts2)
//   TMINUS_GLOBAL_KNOWN_HOSTS the same for GlobalKnownHostsFile (instead of /etc/ssh/ssh_known_hosts{,2})
//   TMINUS_SSH_RECHECK_MS     before a production run, pooled connections older than this are re-checked
//                             with a fresh key exchange (default 10 minutes)
//   TMINUS_TRUSTED_KEYS       T-Minus's own trusted-keys file (default <data dir>/tminus.trusted-keys.json)
//   TMINUS_PROMPT_TIMEOUT_MS  how long a host-key / passphrase prompt waits (default 5 minutes)
//   SSH_AUTH_SOCK             the ssh-agent socket (as for OpenSSH)
import { homedir, hostname, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadSshConfigText, type ConnectSettings, type SshConfigContext } from '../ssh';
import { DEFAULT_GLOBAL_KNOWN_HOSTS, defaultUserKnownHosts } from '../ssh/knownHostsSources';
import { DEFAULT_PROMPT_TIMEOUT_MS } from './promptBroker';

export interface StepsSshOptions {
  /** ssh config file to honour (default ~/.ssh/config; re-read for every run, so edits apply). */
  configPath?: string;
  /** User known_hosts files where the ssh config names none (default ~/.ssh/known_hosts, ~/.ssh/known_hosts2). */
  knownHostsFiles?: string[];
  /** Global known_hosts files where the ssh config names none (default /etc/ssh/ssh_known_hosts{,2}). */
  globalKnownHostsFiles?: string[];
  /** Production runs re-check pooled connections older than this with a fresh key exchange (default 10 min). */
  recheckAfterMs?: number;
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
  globalKnownHostsFiles: string[];
  recheckAfterMs: number;
  agentSocket: string | null;
  trustStorePath: string;
  homeDir: string;
  promptTimeoutMs: number;
  cancelGraceMs: number | undefined;
  connect: Partial<ConnectSettings> | undefined;
}

export const TRUSTED_KEYS_FILE = 'tminus.trusted-keys.json';
export const DEFAULT_RECHECK_AFTER_MS = 10 * 60_000;

function positiveMs(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (!text) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${text}"`);
  return ms;
}

/** The options a `tminus serve` / desktop process takes from its environment. */
export function sshOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StepsSshOptions {
  const options: StepsSshOptions = {};
  if (env.TMINUS_SSH_CONFIG) options.configPath = env.TMINUS_SSH_CONFIG;
  if (env.TMINUS_KNOWN_HOSTS) options.knownHostsFiles = env.TMINUS_KNOWN_HOSTS.split(delimiter).filter(Boolean);
  if (env.TMINUS_GLOBAL_KNOWN_HOSTS) options.globalKnownHostsFiles = env.TMINUS_GLOBAL_KNOWN_HOSTS.split(delimiter).filter(Boolean);
  if (env.TMINUS_TRUSTED_KEYS) options.trustStorePath = env.TMINUS_TRUSTED_KEYS;
  const promptTimeoutMs = positiveMs(env, 'TMINUS_PROMPT_TIMEOUT_MS');
  if (promptTimeoutMs !== undefined) options.promptTimeoutMs = promptTimeoutMs;
  const recheckAfterMs = positiveMs(env, 'TMINUS_SSH_RECHECK_MS');
  if (recheckAfterMs !== undefined) options.recheckAfterMs = recheckAfterMs;
  return options;
}

export function resolveSshSettings(options: StepsSshOptions, dataDir: string, env: NodeJS.ProcessEnv = process.env): SshSettings {
  const homeDir = options.homeDir ?? homedir();
  return {
    configPath: options.configPath ?? join(homeDir, '.ssh', 'config'),
    knownHostsFiles: options.knownHostsFiles ?? defaultUserKnownHosts(homeDir),
    globalKnownHostsFiles: options.globalKnownHostsFiles ?? DEFAULT_GLOBAL_KNOWN_HOSTS,
    recheckAfterMs: options.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS,
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
