// OpenSSH known_hosts: parsing and looking up a presented host key, with OpenSSH's semantics
// (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", hostfile.c):
// - a line is `[@marker] patterns keytype base64-key [comment]`;
// - patterns are a comma list of names with `*`/`?` wildcards and `!` negation, `[host]:port` for
//   a port other than 22, or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`;
// - `@revoked` marks a key that must never be accepted; `@cert-authority` lines trust a CA for
//   host certificates. ssh2 neither negotiates nor exposes host certificates, so such a line can
//   never vouch for a key here: a host covered only by one is `cert-authority`, which the policy
//   refuses with a message naming the limitation (never a silent accept, never a plain-key match);
// - several keys for one host are allowed (rotation): any exact match is enough.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyTypeFromBlob, sha256Fingerprint } from './fingerprint';

export type HostKeyStatus = 'trusted' | 'unknown' | 'changed' | 'revoked' | 'cert-authority';

export type HostMatcher =
  | { kind: 'patterns'; patterns: string[] }
  | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export interface KnownHostEntry {
  /** File path (or `tminus-trust-store`) the entry came from. */
  source: string;
  /** 1-based line number in that source (0 for entries that are not lines of a file). */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  hosts: HostMatcher;
  keyType: string;
  keyBlob: Buffer;
  fingerprint: string;
  comment: string;
}

export interface IgnoredKnownHostLine {
  source: string;
  line: number;
  reason: string;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  ignored: IgnoredKnownHostLine[];
}

export function parseKnownHosts(text: string, source: string): ParsedKnownHosts {
  const entries: KnownHostEntry[] = [];
  const ignored: IgnoredKnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]!.startsWith('@')) {
      const name = fields.shift()!;
      if (name !== '@revoked' && name !== '@cert-authority') {
        ignored.push({ source, line, reason: `unknown marker ${name}` });
        return;
      }
      marker = name === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [hostField, keyType, keyBase64, ...comment] = fields;
    if (!hostField || !keyType || !keyBase64) {
      ignored.push({ source, line, reason: 'expected host patterns, key type and key' });
      return;
    }
    const hosts = parseHostField(hostField);
    if (typeof hosts === 'string') {
      ignored.push({ source, line, reason: hosts });
      return;
    }
    const keyBlob = Buffer.from(keyBase64, 'base64');
    let blobType: string;
    try {
      blobType = keyTypeFromBlob(keyBlob);
    } catch {
      ignored.push({ source, line, reason: 'key is not valid base64 of an SSH public key' });
      return;
    }
    if (blobType !== keyType) {
      ignored.push({ source, line, reason: `key type ${keyType} does not match the key itself (${blobType})` });
      return;
    }
    entries.push({ source, line, marker, hosts, keyType, keyBlob, fingerprint: sha256Fingerprint(keyBlob), comment: comment.join(' ') });
  });
  return { entries, ignored };
}

function parseHostField(field: string): HostMatcher | string {
  if (field.startsWith('|')) {
    const parts = field.split('|');
    if (parts.length !== 4 || parts[1] !== '1') return 'unsupported hashed host name (only |1| HMAC-SHA1 exists)';
    const salt = Buffer.from(parts[2]!, 'base64');
    const hash = Buffer.from(parts[3]!, 'base64');
    if (salt.length !== 20 || hash.length !== 20) return 'hashed host name has a malformed salt or hash';
    return { kind: 'hashed', salt, hash };
  }
  const patterns = field.split(',').filter((p) => p !== '');
  if (patterns.length === 0) return 'no host patterns';
  return { kind: 'patterns', patterns: patterns.map((p) => p.toLowerCase()) };
}

/** The name a host is filed under: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** Shell-style wildcard match: `*` any run, `?` one character, everything else literal. */
export function wildcardMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** OpenSSH's match_hostname: a negated pattern that matches vetoes the whole list. */
export function hostMatches(matcher: HostMatcher, name: string): boolean {
  if (matcher.kind === 'hashed') {
    const digest = createHmac('sha1', matcher.salt).update(name).digest();
    return timingSafeEqual(digest, matcher.hash);
  }
  let positive = false;
  for (const pattern of matcher.patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(name, pattern.slice(1))) return false;
    } else if (wildcardMatch(name, pattern)) {
      positive = true;
    }
  }
  return positive;
}

export interface HostKeyLookup {
  status: HostKeyStatus;
  /** The line that decided: the exact match (trusted/revoked) or the first differing key (changed). */
  matched: KnownHostEntry | null;
  /** Fingerprints on file for this host (not revoked), for the "expected" part of an error. */
  knownFingerprints: string[];
  /** Key types on file for this host, to ask the server for one of them first. */
  knownKeyTypes: string[];
}

/** Entries that apply to host:port (revoked ones included). */
export function entriesForHost(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  return entries.filter((entry) => hostMatches(entry.hosts, name));
}

/**
 * Decides a presented key: revoked beats everything; any exact match trusts; a host with keys on
 * file but none equal to the presented one is `changed` — also when only a key of another type is
 * on file, because the negotiation asks for a known type first, so a server that cannot present
 * one is indistinguishable from an impostor that cannot forge it.
 */
export function lookupHostKey(entries: readonly KnownHostEntry[], host: string, port: number, presented: Buffer): HostKeyLookup {
  const applicable = entriesForHost(entries, host, port);
  const valid = applicable.filter((e) => e.marker === null);
  const knownFingerprints = [...new Set(valid.map((e) => e.fingerprint))];
  const knownKeyTypes = [...new Set(valid.map((e) => e.keyType))];
  const base = { knownFingerprints, knownKeyTypes };
  const revoked = applicable.find((e) => e.marker === 'revoked' && e.keyBlob.equals(presented));
  if (revoked) return { status: 'revoked', matched: revoked, ...base };
  const exact = valid.find((e) => e.keyBlob.equals(presented));
  if (exact) return { status: 'trusted', matched: exact, ...base };
  if (valid.length > 0) {
    const presentedType = keyTypeFromBlob(presented);
    const sameType = valid.find((e) => e.keyType === presentedType);
    return { status: 'changed', matched: sameType ?? valid[0]!, ...base };
  }
  const authority = applicable.find((e) => e.marker === 'cert-authority');
  if (authority) return { status: 'cert-authority', matched: authority, ...base };
  return { status: 'unknown', matched: null, ...base };
}

/** A plain known_hosts line for a key (what the trust store or a test writes). */
export function formatKnownHostsLine(host: string, port: number, keyBlob: Uint8Array, marker: 'revoked' | null = null): string {
  const keyType = keyTypeFromBlob(keyBlob);
  const prefix = marker ? `@${marker} ` : '';
  return `${prefix}${knownHostsName(host, port)} ${keyType} ${Buffer.from(keyBlob).toString('base64')}`;
}

/** A hashed `|1|salt|hash` host field for a name, as `ssh-keygen -H` writes it. */
export function hashedHostField(host: string, port: number, salt: Buffer): string {
  const hash = createHmac('sha1', salt).update(knownHostsName(host, port)).digest();
  return `|1|${salt.toString('base64')}|${hash.toString('base64')}`;
}
