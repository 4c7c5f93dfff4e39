// The desktop secret vault with a fake cipher standing in for Electron's safeStorage (XOR with a
// key, so the file is not the clear text and the test can tell the cipher was used).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretVault, vaultUnavailableReason, type VaultCipher } from '../../../electron/app/secretVault';
import { createSecretStore } from '../../../electron/secrets/secretStore';

const xor = (data: Buffer): Buffer => Buffer.from(data.map((byte, i) => byte ^ (0x5a + (i % 7))));
const fakeCipher = (backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret'): VaultCipher => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => xor(Buffer.from(text, 'utf8')),
  decryptString: (data) => xor(data).toString('utf8'),
});
const SESSION = '0f8e2c1a-1111-4222-8333-944455556666';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret vault (fake cipher)', () => {
  it('keeps values encrypted, owner-only, and gives them back to a new console', () => {
    const vault = createSecretVault(join(dir, 'secrets'), fakeCipher())!;
    const store = createSecretStore({ env: {}, vault });
    store.set(SESSION, 'DEPLOY_TOKEN', 'tok-9f8e7d6c', true);
    const [file] = readdirSync(join(dir, 'secrets'));
    const path = join(dir, 'secrets', file!);
    expect(readFileSync(path).includes(Buffer.from('tok-9f8e7d6c'))).toBe(false);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = createSecretStore({ env: {}, vault: createSecretVault(join(dir, 'secrets'), fakeCipher())! });
    expect(again.get(SESSION, 'DEPLOY_TOKEN')).toBe('tok-9f8e7d6c');
    again.forget(SESSION, 'DEPLOY_TOKEN');
    expect(existsSync(path)).toBe(false);
  });

  it('offers no vault where safeStorage would only obfuscate (Linux without a keyring) or is unavailable', () => {
    expect(vaultUnavailableReason(fakeCipher('basic_text'), 'linux')).toMatch(/no keyring/);
    expect(createSecretVault(dir, { ...fakeCipher(), isEncryptionAvailable: () => false })).toBeNull();
  });

  it('a file it cannot decrypt (another keychain) yields no values, not a crash', () => {
    const errors: string[] = [];
    const vault = createSecretVault(dir, { ...fakeCipher(), decryptString: () => { throw new Error('bad key'); } }, (m) => errors.push(m))!;
    writeFileSync(join(dir, `${SESSION}.secrets`), Buffer.from('garbage'));
    expect(vault.load(SESSION)).toEqual({});
    expect(errors[0]).toMatch(/must be given again/);
    expect(() => vault.load('../../etc/passwd')).toThrow(/not a session id/);
  });
});
