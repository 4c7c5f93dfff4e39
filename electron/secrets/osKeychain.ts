// "Remember on this computer": secret values kept by the OS keychain — Secret Service (GNOME
// Keyring, KWallet) on Linux, the macOS Keychain, the Windows Credential Manager — through
// @napi-rs/keyring. Whether one is there is only known by trying: a headless Linux box has the
// library but no D-Bus session or no unlocked keyring, so the console probes once (write, read
// back, delete) and, where that fails, says that secrets live in memory only.
import { randomBytes } from 'node:crypto';
import { Entry } from '@napi-rs/keyring';
import type { SecretVault } from './secretStore';

/** The few keychain operations the console needs; injectable for tests of the logic around them. */
export interface KeychainBackend {
  get(account: string): string | null;
  set(account: string, value: string): void;
  delete(account: string): void;
}

export interface KeychainStatus {
  /** Values can be remembered across restarts of T-Minus. */
  available: boolean;
  /** The keychain in words ("macOS Keychain"), for the UI. */
  where: string;
  /** Why it cannot be used, when it cannot. */
  reason: string | null;
}

export const KEYCHAIN_SERVICE = 'T-Minus';

export function osKeychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service keyring';
}

/** The OS keychain through @napi-rs/keyring, one entry per account under the T-Minus service. */
export function napiKeychain(service = KEYCHAIN_SERVICE): KeychainBackend {
  return {
    get: (account) => new Entry(service, account).getPassword() ?? null,
    set: (account, value) => new Entry(service, account).setPassword(value),
    delete: (account) => {
      new Entry(service, account).deletePassword();
    },
  };
}

/** Tries the keychain for real: a value written must read back, and be deleted again. */
export function probeKeychain(backend: KeychainBackend, where = osKeychainName()): KeychainStatus {
  const account = `probe-${randomBytes(6).toString('hex')}`;
  const value = randomBytes(12).toString('hex');
  try {
    backend.set(account, value);
    const read = backend.get(account);
    backend.delete(account);
    if (read !== value) return { available: false, where, reason: 'the keychain did not give back what was written' };
    return { available: true, where, reason: null };
  } catch (error) {
    try {
      backend.delete(account);
    } catch {
      // Nothing was written, or the keychain is gone: either way nothing to clean.
    }
    return { available: false, where, reason: `the ${where} is not available here (${(error as Error).message})` };
  }
}

/** A session's remembered values as one keychain entry (`session-<id>`, JSON). */
export function keychainVault(backend: KeychainBackend, onError: (message: string) => void = (m) => console.error(`[tminus] ${m}`)): SecretVault {
  const account = (sessionId: string): string => {
    if (!/^[0-9a-f-]{36}$/.test(sessionId)) throw new Error(`not a session id: ${sessionId}`);
    return `session-${sessionId}`;
  };
  return {
    load(sessionId) {
      try {
        const text = backend.get(account(sessionId));
        if (!text) return {};
        const values = JSON.parse(text) as unknown;
        if (typeof values !== 'object' || values === null) return {};
        return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      } catch (error) {
        onError(`cannot read the remembered secrets of session ${sessionId} from the keychain (${(error as Error).message}); they must be given again`);
        return {};
      }
    },
    save(sessionId, values) {
      if (Object.keys(values).length === 0) backend.delete(account(sessionId));
      else backend.set(account(sessionId), JSON.stringify(values));
    },
  };
}

/**
 * The console's default: the OS keychain if the probe succeeds, else memory only with the reason.
 * `TMINUS_KEYCHAIN=off` turns it off (a shared CI box, a rehearsal that must not touch a keychain).
 */
export function osKeychainProvider(env: NodeJS.ProcessEnv = process.env, backend: () => KeychainBackend = () => napiKeychain()): () => { vault: SecretVault | null; status: KeychainStatus } {
  return () => {
    if (env.TMINUS_KEYCHAIN === 'off') return { vault: null, status: { available: false, where: osKeychainName(), reason: 'remembering is turned off for this console (TMINUS_KEYCHAIN=off)' } };
    const keychain = backend();
    const status = probeKeychain(keychain);
    return { vault: status.available ? keychainVault(keychain) : null, status };
  };
}
