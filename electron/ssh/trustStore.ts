// T-Minus's own list of host keys the user trusted explicitly. It sits beside ~/.ssh/known_hosts
// (which T-Minus never writes: a console should not edit the user's OpenSSH files behind their
// back). The store is an interface so the console can back it with the event log (a trust decision
// is an event); the JSON file here serves the CLI and tests.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { keyTypeFromBlob, sha256Fingerprint } from './fingerprint';
import type { KnownHostEntry } from './knownHosts';

export const TRUST_STORE_SOURCE = 'tminus-trust-store';

export const TrustedHostKeySchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  keyType: z.string().min(1),
  /** Base64 of the wire-format public key. */
  publicKey: z.string().min(1),
  fingerprint: z.string().startsWith('SHA256:'),
  /** ISO instant of the decision. */
  addedAt: z.string(),
  /** Who or what decided (user name, "cli"), for the audit trail. */
  addedBy: z.string().nullable().default(null),
});
export type TrustedHostKey = z.infer<typeof TrustedHostKeySchema>;

export interface TrustStore {
  find(host: string, port: number): Promise<TrustedHostKey[]>;
  add(entry: TrustedHostKey): Promise<void>;
}

export function trustedHostKey(host: string, port: number, keyBlob: Buffer, addedAt: string, addedBy: string | null = null): TrustedHostKey {
  return {
    host: host.toLowerCase(),
    port,
    keyType: keyTypeFromBlob(keyBlob),
    publicKey: keyBlob.toString('base64'),
    fingerprint: sha256Fingerprint(keyBlob),
    addedAt,
    addedBy,
  };
}

/** A trusted key as a known_hosts entry, so one lookup covers both sources. */
export function trustedKeyAsEntry(key: TrustedHostKey): KnownHostEntry {
  const keyBlob = Buffer.from(key.publicKey, 'base64');
  const name = key.port === 22 ? key.host : `[${key.host}]:${key.port}`;
  return {
    source: TRUST_STORE_SOURCE,
    line: 0,
    marker: null,
    hosts: { kind: 'patterns', patterns: [name] },
    keyType: key.keyType,
    keyBlob,
    fingerprint: sha256Fingerprint(keyBlob),
    comment: `trusted ${key.addedAt}${key.addedBy ? ` by ${key.addedBy}` : ''}`,
  };
}

/** In-memory store (browser shell, tests). */
export class MemoryTrustStore implements TrustStore {
  private readonly keys: TrustedHostKey[] = [];

  async find(host: string, port: number): Promise<TrustedHostKey[]> {
    const lower = host.toLowerCase();
    return this.keys.filter((k) => k.host === lower && k.port === port);
  }

  async add(entry: TrustedHostKey): Promise<void> {
    const parsed = TrustedHostKeySchema.parse(entry);
    if (!this.keys.some((k) => sameKey(k, parsed))) this.keys.push(parsed);
  }
}

const TrustFileSchema = z.object({ version: z.literal(1), keys: z.array(TrustedHostKeySchema) });

/** A JSON file, rewritten atomically (temp file + rename) with owner-only permissions. */
export class JsonFileTrustStore implements TrustStore {
  constructor(private readonly path: string) {}

  async find(host: string, port: number): Promise<TrustedHostKey[]> {
    const lower = host.toLowerCase();
    return this.read().filter((k) => k.host === lower && k.port === port);
  }

  async add(entry: TrustedHostKey): Promise<void> {
    const parsed = TrustedHostKeySchema.parse(entry);
    const keys = this.read();
    if (keys.some((k) => sameKey(k, parsed))) return;
    keys.push(parsed);
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.path);
  }

  private read(): TrustedHostKey[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const result = TrustFileSchema.safeParse(JSON.parse(text));
    if (!result.success) throw new Error(`${this.path}: not a T-Minus trusted-keys file: ${result.error.issues[0]?.message ?? 'invalid'}`);
    return result.data.keys;
  }
}

function sameKey(a: TrustedHostKey, b: TrustedHostKey): boolean {
  return a.host === b.host && a.port === b.port && a.publicKey === b.publicKey;
}
