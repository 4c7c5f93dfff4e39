// Secret values a session's runbook needs ($ADMIN_TOKEN …). Never written to the log or to disk in
// clear: kept in memory, taken from TMINUS_SECRET_<NAME> environment variables, or (desktop) kept
// encrypted by the OS keychain through a `SecretVault` the Electron shell provides.
//
// Environment values are read once and removed from the process environment (and its initial
// block, which /proc/<pid>/environ shows to every process of the user, scrubbed on Linux): a local
// step's children would otherwise inherit or read every session's secrets (issue 16, point 3).
import { scrubInitialEnvironment } from './scrubEnviron';

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
  /**
   * Every value known to this console — of the given sessions (loaded from the vault if needed),
   * of any session given one in this process, and from the environment — named for redaction.
   * A run redacts all of them: its commands may reach another session's secrets (a file left
   * behind, a shared host), and a redacted foreign value costs nothing.
   */
  allValues(sessionIds: readonly string[]): Record<string, string>;
  /** Environment variables whose value could not be removed from /proc/<pid>/environ (non-Linux). */
  readonly unscrubbed: readonly string[];
}

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

export function createSecretStore(options: { env?: NodeJS.ProcessEnv; vault?: SecretVault } = {}): SecretStore {
  const environment = takeEnvironmentSecrets(options.env ?? process.env);
  const fromEnvironment = (name: string) => environment.values.get(environmentSecretName(name));
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
      return forSession(sessionId).get(name) ?? fromEnvironment(name) ?? null;
    },
    sourceOf(sessionId, name) {
      if (forSession(sessionId).has(name)) return 'session';
      return fromEnvironment(name) !== undefined ? 'environment' : null;
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
      for (const values of sessions.values()) for (const [name, value] of values) add(name, value);
      return byName;
    },
    unscrubbed: environment.unscrubbed,
  };
  return store;
}
