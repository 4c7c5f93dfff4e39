// Host keys pasted from a source the IC trusts (gathered out of band): `ssh-keyscan` output
// (known_hosts lines, hashed or not, with its `# host:port SSH-2.0-…` comments), known_hosts
// lines, or `ssh-keygen -lf` lines (`256 SHA256:… host (ED25519)`). Compared with what "Check
// hosts" saw, per host: the same key (match), another key listed for that host (different — a
// reason to stop), or nothing listed for it.
import { hostMatches, knownHostsName, parseKnownHosts, type HostMatcher } from './knownHosts';

interface PastedKey {
  hosts: HostMatcher;
  fingerprint: string;
}

export interface PastedKeys {
  keys: PastedKey[];
  ignored: Array<{ line: number; reason: string }>;
}

const KEYGEN_LINE = /^\d+\s+(SHA256:[A-Za-z0-9+/]+=*)\s+(.*?)\s*\(([A-Z0-9-]+)\)\s*$/;

export function parsePastedKeys(text: string): PastedKeys {
  const keys: PastedKey[] = [];
  const ignored: PastedKeys['ignored'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const keygen = KEYGEN_LINE.exec(trimmed);
    if (keygen) {
      // The comment is whatever the key file's comment was: host names, often `root@host`.
      const names = keygen[2]!.split(/[\s,]+/).map((name) => name.replace(/^[^@]*@/, '').toLowerCase()).filter(Boolean);
      if (names.length === 0) ignored.push({ line, reason: 'fingerprint without a host name' });
      else keys.push({ hosts: { kind: 'patterns', patterns: names }, fingerprint: keygen[1]!.replace(/=+$/, '') });
      return;
    }
    const parsed = parseKnownHosts(trimmed, 'pasted');
    if (parsed.entries.length === 0) {
      ignored.push({ line, reason: parsed.ignored[0]?.reason ?? 'not a host key line' });
      return;
    }
    for (const entry of parsed.entries) {
      if (entry.marker !== null) ignored.push({ line, reason: `@${entry.marker} lines are not fingerprints of a host` });
      else keys.push({ hosts: entry.hosts, fingerprint: entry.fingerprint });
    }
  });
  return { keys, ignored };
}

export interface PastedComparison {
  match: 'match' | 'different' | 'not-listed';
  /** Fingerprints the pasted text lists for this host. */
  pastedFingerprints: string[];
}

/** `names`: the inventory name and the name the key is filed under (address or HostKeyAlias). */
export function comparePasted(pasted: PastedKeys, names: { inventoryName: string; filedAs: string; port: number }, fingerprint: string): PastedComparison {
  const candidates = [...new Set([knownHostsName(names.filedAs, names.port), names.filedAs.toLowerCase(), names.inventoryName.toLowerCase()])];
  const listed = pasted.keys.filter((key) => candidates.some((name) => hostMatches(key.hosts, name)));
  const pastedFingerprints = [...new Set(listed.map((key) => key.fingerprint))];
  if (pastedFingerprints.includes(fingerprint)) return { match: 'match', pastedFingerprints };
  return { match: listed.length > 0 ? 'different' : 'not-listed', pastedFingerprints };
}
