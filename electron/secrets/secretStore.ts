// Secret values a session's runbook needs ($ADMIN_TOKEN …). Never written to the log or to disk in
// clear: kept in memory, taken from TMINUS_SECRET_<NAME> environment variables, or — when the
// person asks to "remember on this computer" and a keychain works here — kept by the OS keychain
// through a `SecretVault` (osKeychain.ts; the desktop may give Electron safeStorage's instead).
//
// Environment values are read once and removed from the process environment (and its initial
// block, which /proc/<pid>/environ shows to every process of the user, scrubbed on Linux): a local
// step's children would otherwise inherit or read every session's secrets (issue 16, point 3).
import type { KeychainStatus } from './osKeychain';
import { scrubInitialEnvironment } from './scrubEnviron';

/** Persistent, encrypted storage of the values a person asked to remember. */
export interface SecretVault {
  load(sessionId: string): Record<string, string>;
  save(sessionId: string, values: Record<string, string>): void;
}

export type SecretSource = 'session' | 'keychain' | 'environment';

export interface SecretStore {
  get(sessionId: string, name: string): string | null;
  /** Where a value would come from, without revealing it. */
  sourceOf(sessionId: string, name: string): SecretSource | null;
  /** `remember`: keep it in the keychain too (only when `storage().available`). */
  set(sessionId: string, name: string, value: string, remember?: boolean): void;
  forget(sessionId: string, name: string): void;
  /** Every value known for a session (for redaction), environment ones included. */
  values(sessionId: string, names: readonly string[]): Record<string, string>;
  /**
   * Every value known to this console — of the given sessions (loaded from the vault if needed),
   * of any session given one in this process, and from the environment — named for redaction.
   * A run redacts all of them: its commands may reach another session's secrets (a file left
   * behind, a shared host), and a redacted foreign value costs nothing.
   */
  allValues(sessionIds: readonly string[]): Record<string, string>;
  /** Environment variables whose value could not be removed from /proc/<pid>/environ (non-Linux). */
  readonly unscrubbed: readonly string[];
  /** Whether values can be remembered across restarts here, and if not why (probed on first use). */
  storage(): KeychainStatus;
}

/** Where remembered values go: a vault, or why there is none — resolved on first use. */
export type SecretVaultProvider = () => { vault: SecretVault | null; status: KeychainStatus };

const MEMORY_ONLY: KeychainStatus = { available: false, where: 'memory', reason: 'no keychain was configured for this console' };

const ENV_PREFIX = 'TMINUS_SECRET_';

/** Values taken from this process's environment; process.env is emptied of them once, so they live here. */
const processEnvironmentSecrets = new Map<string, string>();
let processUnscrubbed: string[] = [];

/**
 * Moves every TMINUS_SECRET_* variable out of `env` into a map (variable name → value). For
 * process.env the values are also overwritten in the initial environment block.
 */
export function takeEnvironmentSecrets(env: NodeJS.ProcessEnv): { values: Map<string, string>; unscrubbed: string[] } {
  const ours = env === process.env;
  const values = ours ? processEnvironmentSecrets : new Map<string, string>();
  const taken: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(ENV_PREFIX) || value === undefined) continue;
    values.set(key, value);
    delete env[key];
    taken.push(key);
  }
  if (!ours) return { values, unscrubbed: [] };
  if (taken.length > 0) processUnscrubbed = [...new Set([...processUnscrubbed, ...scrubInitialEnvironment(taken)])];
  return { values, unscrubbed: processUnscrubbed };
}

export function environmentSecretName(name: string): string {
  return `TMINUS_SECRET_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

export function createSecretStore(options: { env?: NodeJS.ProcessEnv; vault?: SecretVault | SecretVaultProvider } = {}): SecretStore {
  const environment = takeEnvironmentSecrets(options.env ?? process.env);
  const fromEnvironment = (name: string) => environment.values.get(environmentSecretName(name));
  let resolved: { vault: SecretVault | null; status: KeychainStatus } | null = null;
  const backing = () => {
    if (!resolved) {
      const given = options.vault;
      resolved =
        typeof given === 'function' ? given() : given ? { vault: given, status: { available: true, where: 'OS keychain', reason: null } } : { vault: null, status: MEMORY_ONLY };
    }
    return resolved;
  };
  // Per session: every value, and which of them are remembered (kept in the vault).
  const sessions = new Map<string, { values: Map<string, string>; remembered: Set<string> }>();
  const forSession = (sessionId: string) => {
    let entry = sessions.get(sessionId);
    if (!entry) {
      const loaded = backing().vault?.load(sessionId) ?? {};
      entry = { values: new Map(Object.entries(loaded)), remembered: new Set(Object.keys(loaded)) };
      sessions.set(sessionId, entry);
    }
    return entry;
  };
  const persist = (sessionId: string) => {
    const { vault } = backing();
    if (!vault) return;
    const { values, remembered } = forSession(sessionId);
    vault.save(sessionId, Object.fromEntries([...values].filter(([name]) => remembered.has(name))));
  };

  const store: SecretStore = {
    get(sessionId, name) {
      return forSession(sessionId).values.get(name) ?? fromEnvironment(name) ?? null;
    },
    sourceOf(sessionId, name) {
      const entry = forSession(sessionId);
      if (entry.values.has(name)) return entry.remembered.has(name) ? 'keychain' : 'session';
      return fromEnvironment(name) !== undefined ? 'environment' : null;
    },
    set(sessionId, name, value, remember = false) {
      if (remember && !backing().status.available) throw new Error(`cannot remember ${name} on this computer: ${backing().status.reason ?? 'no keychain'}`);
      const entry = forSession(sessionId);
      const wasRemembered = entry.remembered.has(name);
      entry.values.set(name, value);
      if (remember) entry.remembered.add(name);
      else entry.remembered.delete(name);
      if (remember || wasRemembered) persist(sessionId);
    },
    forget(sessionId, name) {
      const entry = forSession(sessionId);
      const wasRemembered = entry.remembered.delete(name);
      entry.values.delete(name);
      if (wasRemembered) persist(sessionId);
    },
    values(sessionId, names) {
      const result: Record<string, string> = {};
      for (const name of names) {
        const value = store.get(sessionId, name);
        if (value) result[name] = value;
      }
      return result;
    },
    allValues(sessionIds) {
      for (const sessionId of sessionIds) forSession(sessionId);
      const byName: Record<string, string> = {};
      const seen = new Set<string>();
      const add = (name: string, value: string) => {
        if (!value || seen.has(value)) return;
        seen.add(value);
        let key = name;
        for (let n = 2; key in byName; n++) key = `${name}#${n}`;
        byName[key] = value;
      };
      for (const [variable, value] of environment.values) add(variable.slice(ENV_PREFIX.length), value);
      for (const { values } of sessions.values()) for (const [name, value] of values) add(name, value);
      return byName;
    },
    unscrubbed: environment.unscrubbed,
    storage: () => backing().status,
  };
  return store;
}
