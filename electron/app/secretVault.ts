// The desktop's secret vault: a session's secret values encrypted by the OS keychain through
// Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux), one
// file per session under the userData directory, owner-only. The values never touch the disk in
// clear. On Linux without a keyring, safeStorage falls back to `basic_text` — a fixed key, no real
// protection — so no vault is offered there and values stay in memory only.
import type { SafeStorage } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretVault } from '../secrets/secretStore';

export type VaultCipher = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/** Why the OS keychain cannot hold secrets on this machine, or null when it can. */
export function vaultUnavailableReason(cipher: VaultCipher, platform: NodeJS.Platform = process.platform): string | null {
  if (!cipher.isEncryptionAvailable()) return 'the OS keychain is not available';
  if (platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text') return 'no keyring (libsecret or kwallet) is running; safeStorage would only obfuscate';
  return null;
}

/** A vault in `dir` (e.g. `<userData>/secrets`), or null with the reason when the keychain cannot be used. */
export function createSecretVault(dir: string, cipher: VaultCipher, onError: (message: string) => void = (m) => console.error(`[tminus] ${m}`)): SecretVault | null {
  if (vaultUnavailableReason(cipher) !== null) return null;
  const fileOf = (sessionId: string): string => {
    // Session ids are UUIDs; anything else must not become a path.
    if (!/^[0-9a-f-]{36}$/.test(sessionId)) throw new Error(`not a session id: ${sessionId}`);
    return join(dir, `${sessionId}.secrets`);
  };
  return {
    load(sessionId) {
      const file = fileOf(sessionId);
      let encrypted: Buffer;
      try {
        encrypted = readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(`cannot read the secrets of session ${sessionId}: ${(error as Error).message}`);
        return {};
      }
      try {
        const values = JSON.parse(cipher.decryptString(encrypted)) as unknown;
        if (typeof values !== 'object' || values === null) return {};
        return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      } catch (error) {
        // Another user's or another machine's keychain: the values must be given again.
        onError(`cannot decrypt the secrets of session ${sessionId} (${(error as Error).message}); they must be given again`);
        return {};
      }
    },
    save(sessionId, values) {
      const file = fileOf(sessionId);
      if (Object.keys(values).length === 0) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, cipher.encryptString(JSON.stringify(values)), { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}
