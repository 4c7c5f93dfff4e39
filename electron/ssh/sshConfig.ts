// Resolving an inventory host into what to connect to, honouring ~/.ssh/config (Host aliases,
// HostName, User, Port, IdentityFile, ProxyJump, HostKeyAlias, IdentitiesOnly, and the host-key
// options of hostKeyConfig.ts) via `ssh-config`.
//
// Precedence: the runbook's explicit HostSpec fields win over ~/.ssh/config, the way `ssh -p 2222
// deploy@host` beats the config file in OpenSSH. The runbook is the reviewed, frozen plan of the
// session; a field it states must not silently change because one workstation's config says
// otherwise. Fields it leaves null come from the config (looked up by the HostSpec's name, the alias
// the team uses), then from OpenSSH's defaults. An identity file in the runbook is tried before the
// config's ones, as `ssh -i` is.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, hostname, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { HostSpec } from '../../shared/runbook/model';
import { hostKeyConfigFrom, type HostKeyConfig } from './hostKeyConfig';
import { wildcardMatch } from './knownHosts';
import { SshConfigError } from './errors';

export interface SshConfigContext {
  /** Text of ~/.ssh/config with Includes inlined, or null when there is none. */
  configText: string | null;
  homeDir: string;
  localUser: string;
  localHost: string;
}

/** One SSH connection in a chain (a jump host or the target itself). */
export interface HopEndpoint {
  /** The name looked up in the config (alias). */
  alias: string;
  /** Address to connect to (HostName). */
  host: string;
  port: number;
  user: string;
  /** Identity files, absolute, in the order to try; empty means OpenSSH's defaults. */
  identityFiles: string[];
  /** Name the host key is filed under in known_hosts (HostKeyAlias), else null. */
  hostKeyAlias: string | null;
  /** IdentitiesOnly yes: do not offer ssh-agent keys. */
  identitiesOnly: boolean;
  /** Known-hosts files and checking mode the config sets for this host (hostKeyConfig.ts); absent: none. */
  hostKeys?: HostKeyConfig;
}

export interface ResolvedEndpoint extends HopEndpoint {
  /** Inventory name of the host (the HostSpec name or the alias). */
  name: string;
  /** Jump hosts in connection order: jumps[0] is dialled directly. */
  jumps: HopEndpoint[];
  /** Identity of the connection (user, address, port and the jump chain), the pool key. */
  key: string;
}

export const DEFAULT_IDENTITY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];
const MAX_JUMP_DEPTH = 8;
const MAX_INCLUDE_DEPTH = 8;

/** Reads ~/.ssh/config (or `path`), inlining `Include` directives; null when the file is absent. */
export function loadSshConfigText(path = join(homedir(), '.ssh', 'config')): string | null {
  try {
    return inlineIncludes(readFileSync(path, 'utf8'), dirname(path), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function inlineIncludes(text: string, baseDir: string, depth: number): string {
  if (depth > MAX_INCLUDE_DEPTH) throw new SshConfigError(`ssh config: Include nested deeper than ${MAX_INCLUDE_DEPTH}`);
  return text
    .split(/\r?\n/)
    .map((line) => {
      const match = /^\s*include\s*[=\s]\s*(.+?)\s*$/i.exec(line);
      if (!match) return line;
      return match[1]!
        .split(/\s+/)
        .flatMap((pattern) => expandIncludePattern(pattern.replace(/^~(?=\/)/, homedir()), baseDir))
        .map((file) => inlineIncludes(readFileSync(file, 'utf8'), baseDir, depth + 1))
        .join('\n');
    })
    .join('\n');
}

/** Include paths are relative to ~/.ssh; only the last path component may hold wildcards. */
function expandIncludePattern(pattern: string, baseDir: string): string[] {
  const full = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  const name = basename(full);
  if (!/[*?]/.test(name)) return [full];
  try {
    return readdirSync(dirname(full))
      .filter((entry) => wildcardMatch(entry, name))
      .sort()
      .map((entry) => join(dirname(full), entry));
  } catch {
    return [];
  }
}

export function defaultSshConfigContext(): SshConfigContext {
  return { configText: loadSshConfigText(), homeDir: homedir(), localUser: userInfo().username, localHost: hostname() };
}

type Computed = Record<string, string | string[]>;

function computeFor(alias: string, ctx: SshConfigContext): Computed {
  if (!ctx.configText) return {};
  // matchExec off: resolving a host must never run a shell command from a config file.
  const computed = SSHConfig.parse(ctx.configText).compute(alias, { ignoreCase: true, matchExec: false });
  return Object.fromEntries(Object.entries(computed).map(([k, v]) => [k.toLowerCase(), v]));
}

function single(computed: Computed, key: string): string | null {
  const value = computed[key];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function list(computed: Computed, key: string): string[] {
  const value = computed[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parsePort(text: string, where: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SshConfigError(`${where}: invalid port "${text}"`);
  return port;
}

interface TokenValues {
  alias: string;
  host: string;
  port: number;
  user: string;
}

/** The percent tokens OpenSSH expands in IdentityFile (%d %u %l %h %n %p %r %%) and a leading ~. */
function expandPath(path: string, tokens: TokenValues, ctx: SshConfigContext): string {
  const expanded = path.replace(/^~(?=\/|$)/, ctx.homeDir).replace(/%([%dulhnpr])/g, (_, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return ctx.homeDir;
      case 'u':
        return ctx.localUser;
      case 'l':
        return ctx.localHost;
      case 'h':
        return tokens.host;
      case 'n':
        return tokens.alias;
      case 'p':
        return String(tokens.port);
      default:
        return tokens.user;
    }
  });
  return isAbsolute(expanded) ? expanded : join(ctx.homeDir, '.ssh', expanded);
}

export interface JumpSpec {
  user: string | null;
  host: string;
  port: number | null;
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, comma-separated; `none` means no jump. */
export function parseProxyJump(value: string): JumpSpec[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value.split(',').map((raw) => {
    const text = raw.trim().replace(/^ssh:\/\//, '');
    const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
    if (!match) throw new SshConfigError(`ProxyJump: cannot read "${raw.trim()}"`);
    return {
      user: match[1] ?? null,
      host: match[2]!.replace(/^\[|\]$/g, ''),
      port: match[3] ? parsePort(match[3], `ProxyJump ${raw.trim()}`) : null,
    };
  });
}

interface Overrides {
  address: string | null;
  port: number | null;
  user: string | null;
  identityFile: string | null;
  proxyJump: string | null;
}

const NO_OVERRIDES: Overrides = { address: null, port: null, user: null, identityFile: null, proxyJump: null };

function resolveChain(alias: string, overrides: Overrides, ctx: SshConfigContext, depth: number): { hop: HopEndpoint; jumps: HopEndpoint[] } {
  if (depth > MAX_JUMP_DEPTH) throw new SshConfigError(`ProxyJump chain for ${alias} is longer than ${MAX_JUMP_DEPTH} hops (a loop?)`);
  const computed = computeFor(alias, ctx);
  const configHost = single(computed, 'hostname');
  const host = overrides.address ?? (configHost ? configHost.replace(/%([%h])/g, (_, t: string) => (t === '%' ? '%' : alias)) : alias);
  const configPort = single(computed, 'port');
  const port = overrides.port ?? (configPort ? parsePort(configPort, `ssh config Port for ${alias}`) : 22);
  const user = overrides.user ?? single(computed, 'user') ?? ctx.localUser;
  const tokens = { alias, host, port, user };
  const identityFiles = [...(overrides.identityFile ? [overrides.identityFile] : []), ...list(computed, 'identityfile')]
    .filter((file) => file.toLowerCase() !== 'none')
    .map((file) => expandPath(file, tokens, ctx));
  const hostKeyAlias = single(computed, 'hostkeyalias');
  const hop: HopEndpoint = {
    alias,
    host,
    port,
    user,
    identityFiles: [...new Set(identityFiles)],
    hostKeyAlias,
    identitiesOnly: (single(computed, 'identitiesonly') ?? 'no').toLowerCase() === 'yes',
    hostKeys: hostKeyConfigFrom(computed, { ...tokens, hostKeyAlias, homeDir: ctx.homeDir, localUser: ctx.localUser, localHost: ctx.localHost, uid: process.getuid?.() ?? null }),
  };
  const jumpText = overrides.proxyJump ?? single(computed, 'proxyjump');
  const jumps: HopEndpoint[] = [];
  for (const jump of jumpText ? parseProxyJump(jumpText) : []) {
    const resolved = resolveChain(jump.host, { ...NO_OVERRIDES, user: jump.user, port: jump.port }, ctx, depth + 1);
    jumps.push(...resolved.jumps, resolved.hop);
  }
  return { hop, jumps };
}

export function endpointKey(hop: HopEndpoint, jumps: readonly HopEndpoint[]): string {
  return [...jumps, hop].map((h) => `${h.user}@${h.host}:${h.port}`).join(' > ');
}

/** Resolves an inventory host (or a bare alias) into its endpoint and jump chain. */
export function resolveEndpoint(target: HostSpec | string, ctx: SshConfigContext): ResolvedEndpoint {
  const spec: Overrides & { name: string } = typeof target === 'string' ? { name: target, ...NO_OVERRIDES } : target;
  const { hop, jumps } = resolveChain(spec.name, spec, ctx, 0);
  return { ...hop, name: spec.name, jumps, key: endpointKey(hop, jumps) };
}
