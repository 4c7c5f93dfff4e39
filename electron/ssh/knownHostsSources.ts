// Where a hop's host keys are looked up, as ssh(1) would: the UserKnownHostsFile and
// GlobalKnownHostsFile the ssh config names for the host (else the console's defaults), under the
// HostKeyAlias if one is set, plus T-Minus's own trusted keys and the keys trusted once in this
// console run. Files are re-read when they change (edits apply without a restart) and parsed once
// otherwise, so 200 hosts do not parse the same file 200 times.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { keyTypeFromBlob, sha256Fingerprint } from './fingerprint';
import type { StrictHostKeyChecking } from './hostKeyConfig';
import type { HopIdentity } from './hostKeyPolicy';
import { entriesForHost, lookupHostKey, parseKnownHosts, type HostKeyStatus, type KnownHostEntry } from './knownHosts';
import { trustedHostKey, trustedKeyAsEntry, type TrustStore } from './trustStore';

export const TRUSTED_KEYS_LABEL = 'T-Minus trusted keys';
export const DEFAULT_GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

export function defaultUserKnownHosts(home = homedir()): string[] {
  return [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')];
}

export interface LoadedHostKeys {
  /** The name the key is filed under (HostKeyAlias, else the address) and its port. */
  host: string;
  port: number;
  entries: KnownHostEntry[];
  /** Every file consulted (missing ones marked), then T-Minus's trusted keys. */
  lookedIn: string[];
  /** StrictHostKeyChecking in effect (`ask` when the config does not set it). */
  mode: StrictHostKeyChecking;
  checkHostIP: boolean;
  /** Key types on file for this host (asked for first in the negotiation). */
  knownKeyTypes: string[];
}

export interface HostKeyVerdict {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  status: HostKeyStatus;
  /** `file:line` of the deciding line, `tminus-trust-store`, … */
  matchedAt: string | null;
  knownFingerprints: string[];
  lookedIn: string[];
  /** CheckHostIP: the address has another key on file (ssh warns and asks). */
  ipWarning: string | null;
}

export interface KnownHostsSourcesOptions {
  userFiles?: string[];
  globalFiles?: string[];
  trustStore: TrustStore;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  entries: KnownHostEntry[];
}

export class KnownHostsSources {
  private readonly cache = new Map<string, CachedFile>();
  /** Keys accepted with `trust-once`, by known_hosts name; memory only. */
  private readonly onceTrusted = new Map<string, Buffer[]>();

  constructor(private readonly options: KnownHostsSourcesOptions) {}

  /** The files ssh would read for this hop, in its order: user files, then global ones. */
  filesFor(hop: HopIdentity): string[] {
    const user = hop.hostKeys?.userKnownHostsFiles ?? this.options.userFiles ?? defaultUserKnownHosts();
    const global = hop.hostKeys?.globalKnownHostsFiles ?? this.options.globalFiles ?? DEFAULT_GLOBAL_KNOWN_HOSTS;
    return [...new Set([...user, ...global])];
  }

  trustOnce(name: string, keyBlob: Buffer): void {
    this.onceTrusted.set(name, [...(this.onceTrusted.get(name) ?? []), keyBlob]);
  }

  async load(hop: HopIdentity): Promise<LoadedHostKeys> {
    const { host, port } = fileName(hop);
    const entries: KnownHostEntry[] = [];
    const lookedIn: string[] = [];
    for (const file of this.filesFor(hop)) {
      const fileEntries = this.read(file);
      lookedIn.push(fileEntries === null ? `${file} (not present)` : file);
      if (fileEntries) entries.push(...fileEntries);
    }
    entries.push(...(await this.options.trustStore.find(host, port)).map(trustedKeyAsEntry));
    lookedIn.push(TRUSTED_KEYS_LABEL);
    const name = port === 22 ? host : `[${host}]:${port}`;
    for (const blob of this.onceTrusted.get(name) ?? []) {
      entries.push({ ...trustedKeyAsEntry(trustedHostKey(host, port, blob, '')), source: 'this console run' });
    }
    const knownKeyTypes = [...new Set(entriesForHost(entries, host, port).filter((e) => e.marker === null).map((e) => e.keyType))];
    return { host, port, entries, lookedIn, mode: hop.hostKeys?.strictHostKeyChecking ?? 'ask', checkHostIP: hop.hostKeys?.checkHostIP ?? false, knownKeyTypes };
  }

  /** What the loaded files say about a presented key; `address` is the dialled IP (CheckHostIP). */
  verdict(loaded: LoadedHostKeys, keyBlob: Buffer, address: string | null): HostKeyVerdict {
    const keyType = keyTypeFromBlob(keyBlob);
    const fingerprint = sha256Fingerprint(keyBlob);
    const found = lookupHostKey(loaded.entries, loaded.host, loaded.port, keyBlob);
    let ipWarning: string | null = null;
    if (loaded.checkHostIP && address && address.toLowerCase() !== loaded.host && found.status === 'trusted') {
      const byIp = lookupHostKey(loaded.entries, address, loaded.port, keyBlob);
      if (byIp.status === 'changed' || byIp.status === 'revoked') {
        ipWarning = `CheckHostIP: the key on file for the address ${address} (${where(byIp.matched)}) differs from the key of ${loaded.host}`;
      }
    }
    return {
      host: loaded.host,
      port: loaded.port,
      keyType,
      fingerprint,
      status: found.status,
      matchedAt: found.matched ? where(found.matched) : null,
      knownFingerprints: found.knownFingerprints,
      lookedIn: loaded.lookedIn,
      ipWarning,
    };
  }

  /** Parsed entries of a file, or null when it does not exist. Unreadable files throw (never read as "no keys"). */
  private read(file: string): KnownHostEntry[] | null {
    let stat;
    try {
      stat = statSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.entries;
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file).entries;
    this.cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, entries });
    return entries;
  }
}

function where(entry: KnownHostEntry | null): string {
  if (!entry) return 'known_hosts';
  return entry.line ? `${entry.source}:${entry.line}` : entry.source;
}

export function fileName(hop: Pick<HopIdentity, 'host' | 'port' | 'hostKeyAlias'>): { host: string; port: number } {
  // OpenSSH files a HostKeyAlias without a port decoration.
  return hop.hostKeyAlias ? { host: hop.hostKeyAlias.toLowerCase(), port: 22 } : { host: hop.host.toLowerCase(), port: hop.port };
}
