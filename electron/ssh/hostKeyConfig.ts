// What the user's ssh config says about host keys for one host, read the way ssh(1) reads it
// (ssh_config(5)): UserKnownHostsFile and GlobalKnownHostsFile (several files each, `~` and
// %-tokens), StrictHostKeyChecking and CheckHostIP. HostKeyAlias is read with the endpoint
// (sshConfig.ts) because it also names the key in every lookup. Values the config does not set stay
// null, so the console's own defaults (its settings) fill them in.
import { isAbsolute, join } from 'node:path';
import { SshConfigError } from './errors';

export type StrictHostKeyChecking = 'yes' | 'ask' | 'accept-new' | 'no';

export interface HostKeyConfig {
  /** UserKnownHostsFile, expanded; null when the config does not set it (then: the console's default). */
  userKnownHostsFiles: string[] | null;
  /** GlobalKnownHostsFile, expanded; null when not set (then: /etc/ssh/ssh_known_hosts{,2}). */
  globalKnownHostsFiles: string[] | null;
  /** null when not set: OpenSSH's default, `ask`. */
  strictHostKeyChecking: StrictHostKeyChecking | null;
  /** CheckHostIP (OpenSSH's default has been `no` since 8.5). */
  checkHostIP: boolean;
}

export const DEFAULT_HOST_KEY_CONFIG: HostKeyConfig = { userKnownHostsFiles: null, globalKnownHostsFiles: null, strictHostKeyChecking: null, checkHostIP: false };

export interface KnownHostsTokens {
  /** The name given to ssh (the inventory alias): %n, and %k without a HostKeyAlias. */
  alias: string;
  /** HostName after substitution: %h. */
  host: string;
  port: number;
  /** Remote user: %r. */
  user: string;
  hostKeyAlias: string | null;
  homeDir: string;
  localUser: string;
  localHost: string;
  uid: number | null;
}

type Computed = Record<string, string | string[]>;

function values(computed: Computed, key: string): string[] | null {
  const value = computed[key];
  if (value === undefined) return null;
  // `UserKnownHostsFile a b` arrives as an array; a single value may still hold several paths.
  return (Array.isArray(value) ? value : value.split(/\s+/)).filter((v) => v !== '');
}

/**
 * Expands a known_hosts path as ssh_config(5) does for UserKnownHostsFile: a leading `~`, then
 * %% %d %h %i %k %l %n %p %r %u. `none` disables the file. A relative result is taken from the home
 * directory, as ssh does.
 */
export function expandKnownHostsPath(path: string, t: KnownHostsTokens): string {
  const expanded = path.replace(/^~(?=\/|$)/, t.homeDir).replace(/%(.)/g, (whole, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return t.homeDir;
      case 'h':
        return t.host;
      case 'i':
        if (t.uid === null) throw new SshConfigError(`UserKnownHostsFile ${path}: %i (local uid) is not known on this system`);
        return String(t.uid);
      case 'k':
        return t.hostKeyAlias ?? t.alias;
      case 'l':
        return t.localHost;
      case 'n':
        return t.alias;
      case 'p':
        return String(t.port);
      case 'r':
        return t.user;
      case 'u':
        return t.localUser;
      default:
        throw new SshConfigError(`UserKnownHostsFile ${path}: the token ${whole} is not supported by T-Minus (supported: %% %d %h %i %k %l %n %p %r %u)`);
    }
  });
  return isAbsolute(expanded) ? expanded : join(t.homeDir, expanded);
}

function parseStrict(value: string | null, alias: string): StrictHostKeyChecking | null {
  if (value === null) return null;
  switch (value.toLowerCase()) {
    case 'yes':
    case 'true':
      return 'yes';
    case 'ask':
      return 'ask';
    case 'accept-new':
      return 'accept-new';
    case 'no':
    case 'off':
    case 'false':
      return 'no';
    default:
      throw new SshConfigError(`ssh config StrictHostKeyChecking for ${alias}: "${value}" is not one of yes, ask, accept-new, no`);
  }
}

function expandList(list: string[] | null, tokens: KnownHostsTokens): string[] | null {
  if (list === null) return null;
  if (list.length === 1 && list[0]!.toLowerCase() === 'none') return [];
  return [...new Set(list.map((path) => expandKnownHostsPath(path, tokens)))];
}

export function hostKeyConfigFrom(computed: Computed, tokens: KnownHostsTokens): HostKeyConfig {
  const first = (key: string): string | null => values(computed, key)?.[0] ?? null;
  return {
    userKnownHostsFiles: expandList(values(computed, 'userknownhostsfile'), tokens),
    globalKnownHostsFiles: expandList(values(computed, 'globalknownhostsfile'), tokens),
    strictHostKeyChecking: parseStrict(first('stricthostkeychecking'), tokens.alias),
    checkHostIP: (first('checkhostip') ?? 'no').toLowerCase() === 'yes',
  };
}
