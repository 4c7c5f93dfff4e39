import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonFileTrustStore, MemoryTrustStore, trustedHostKey } from '../../../electron/ssh/trustStore';
import { generateKey, type KeyPair } from '../../support/sshKeys';

let dir: string;
let key: KeyPair;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-trust-unit-'));
  key = generateKey(join(dir, 'host'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trust stores', () => {
  it('the JSON file store keeps keys per host and port, owner-readable only, without duplicates', async () => {
    const path = join(dir, 'sub', 'trusted.json');
    const store = new JsonFileTrustStore(path);
    expect(await store.find('App1', 22)).toEqual([]);
    const entry = trustedHostKey('App1', 22, key.blob, '2025-01-01T00:00:00.000Z', 'ic');
    await store.add(entry);
    await store.add(entry);
    expect(await new JsonFileTrustStore(path).find('app1', 22)).toEqual([entry]);
    expect(await store.find('app1', 2222)).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8')).keys).toHaveLength(1);
    expect(entry.fingerprint).toMatch(/^SHA256:/);
  });

  it('the JSON file store refuses a file that is not its own', async () => {
    const path = join(dir, 'bogus.json');
    writeFileSync(path, '{"version":2}');
    await expect(new JsonFileTrustStore(path).find('x', 22)).rejects.toThrow(/not a T-Minus trusted-keys file/);
  });

  it('the memory store behaves the same', async () => {
    const store = new MemoryTrustStore();
    await store.add(trustedHostKey('h', 2200, key.blob, 'now'));
    expect(await store.find('H', 2200)).toHaveLength(1);
  });
});
