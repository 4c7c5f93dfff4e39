// Secret values a session's runbook needs ($ADMIN_TOKEN …). Never written to the log or to disk in
// clear: kept in memory, taken from TMINUS_SECRET_<NAME> environment variables, or (desktop) kept
// encrypted by the OS keychain through a `SecretVault` the Electron shell provides.

/** Persistent, encrypted storage (Electron safeStorage); absent in the browser shell. */
export interface SecretVault {
  load(sessionId: string): Record<string, string>;
  save(sessionId: string, values: Record<string, string>): void;
}

export type SecretSource = 'session' | 'environment';

export interface SecretStore {
  get(sessionId: string, name: string): string | null;
  /** Where a value would come from, without revealing it. */
  sourceOf(sessionId: string, name: string): SecretSource | null;
  set(sessionId: string, name: string, value: string): void;
  forget(sessionId: string, name: string): void;
  /** Every value known for a session (for redaction), environment ones included. */
  values(sessionId: string, names: readonly string[]): Record<string, string>;
}

export function environmentSecretName(name: string): string {
  return `TMINUS_SECRET_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

export function createSecretStore(options: { env?: NodeJS.ProcessEnv; vault?: SecretVault } = {}): SecretStore {
  const env = options.env ?? process.env;
  const sessions = new Map<string, Map<string, string>>();
  const forSession = (sessionId: string) => {
    let values = sessions.get(sessionId);
    if (!values) {
      values = new Map(Object.entries(options.vault?.load(sessionId) ?? {}));
      sessions.set(sessionId, values);
    }
    return values;
  };
  const persist = (sessionId: string) => options.vault?.save(sessionId, Object.fromEntries(forSession(sessionId)));

  const store: SecretStore = {
    get(sessionId, name) {
      return forSession(sessionId).get(name) ?? env[environmentSecretName(name)] ?? null;
    },
    sourceOf(sessionId, name) {
      if (forSession(sessionId).has(name)) return 'session';
      return env[environmentSecretName(name)] !== undefined ? 'environment' : null;
    },
    set(sessionId, name, value) {
      forSession(sessionId).set(name, value);
      persist(sessionId);
    },
    forget(sessionId, name) {
      forSession(sessionId).delete(name);
      persist(sessionId);
    },
    values(sessionId, names) {
      const result: Record<string, string> = {};
      for (const name of names) {
        const value = store.get(sessionId, name);
        if (value) result[name] = value;
      }
      return result;
    },
  };
  return store;
}
