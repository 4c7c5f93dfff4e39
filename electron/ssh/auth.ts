// Authentication for one hop: ssh-agent first (SSH_AUTH_SOCK), then key files in order, as
// OpenSSH does. An encrypted key asks for its passphrase through the injected PassphrasePrompt;
// the passphrase lives in the pool's memory only (never on disk, never in the log) so one launch
// asks once per key. Passwords are not supported at all: nothing could store them safely and the
// issue forbids storing them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type AnyAuthMethod, type AuthenticationType, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
import type { HopEndpoint } from './sshConfig';
import { DEFAULT_IDENTITY_FILES } from './sshConfig';

// ssh2 is CommonJS; Node's ESM loader does not see `utils` as a named export.
const { parseKey } = ssh2.utils;

export interface PassphraseRequest {
  keyFile: string;
  /** `user@host:port` of the hop being authenticated. */
  target: string;
  /** 1 for the first ask; higher after a wrong passphrase. */
  attempt: number;
}

/** Resolves the passphrase, or null to skip this key. */
export type PassphrasePrompt = (request: PassphraseRequest) => Promise<string | null>;

export interface AuthSettings {
  /** ssh-agent socket (SSH_AUTH_SOCK), or null for none. */
  agentSocket: string | null;
  passphrasePrompt: PassphrasePrompt | null;
  /** Unlocked keys by file path; owned by the pool, memory only. */
  unlockedKeys: Map<string, ParsedKey>;
  homeDir: string;
}

export interface AuthHooks {
  /** Called around a prompt, so the connector can stop its handshake timer while a human answers. */
  onPromptStart: () => void;
  onPromptEnd: () => void;
}

const MAX_PASSPHRASE_ATTEMPTS = 3;

/** Key files to try: the configured ones, else OpenSSH's defaults that exist. */
export function identityFilesFor(hop: HopEndpoint, homeDir: string): string[] {
  if (hop.identityFiles.length > 0) return hop.identityFiles;
  return DEFAULT_IDENTITY_FILES.map((name) => join(homeDir, '.ssh', name)).filter((file) => existsSync(file));
}

function isEncryptedKeyError(error: Error): boolean {
  return /no passphrase given/i.test(error.message);
}

export interface HopAuth {
  handler: AuthHandlerMiddleware;
  /** What was offered, for an AuthFailedError message. */
  tried: () => string[];
}

export function createHopAuth(hop: HopEndpoint, settings: AuthSettings, hooks: AuthHooks): HopAuth {
  const target = `${hop.user}@${hop.host}:${hop.port}`;
  const tried: string[] = [];
  const useAgent = settings.agentSocket !== null && !hop.identitiesOnly;
  const files = identityFilesFor(hop, settings.homeDir);
  let step = 0;

  const loadKey = async (file: string): Promise<ParsedKey | null> => {
    const cached = settings.unlockedKeys.get(file);
    if (cached) return cached;
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return null;
    }
    const plain = parseKey(data);
    if (!(plain instanceof Error)) return Array.isArray(plain) ? plain[0]! : plain;
    if (!isEncryptedKeyError(plain) || !settings.passphrasePrompt) return null;
    for (let attempt = 1; attempt <= MAX_PASSPHRASE_ATTEMPTS; attempt++) {
      hooks.onPromptStart();
      let passphrase: string | null;
      try {
        passphrase = await settings.passphrasePrompt({ keyFile: file, target, attempt });
      } finally {
        hooks.onPromptEnd();
      }
      if (passphrase === null) return null;
      const parsed = parseKey(data, passphrase);
      if (!(parsed instanceof Error)) {
        const key = Array.isArray(parsed) ? parsed[0]! : parsed;
        settings.unlockedKeys.set(file, key);
        return key;
      }
    }
    return null;
  };

  const next = async (methodsLeft: AuthenticationType[] | null): Promise<AnyAuthMethod | false> => {
    const allows = (method: AuthenticationType): boolean => methodsLeft === null || methodsLeft.includes(method);
    while (true) {
      const current = step++;
      if (current === 0) {
        if (useAgent && allows('publickey')) {
          tried.push('ssh-agent');
          return { type: 'agent', username: hop.user, agent: settings.agentSocket! };
        }
        continue;
      }
      const file = files[current - 1];
      if (file === undefined) return false;
      if (!allows('publickey')) continue;
      const key = await loadKey(file);
      if (!key) {
        tried.push(`${file} (unreadable, locked or not a key)`);
        continue;
      }
      tried.push(file);
      return { type: 'publickey', username: hop.user, key };
    }
  };

  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, callback) => {
    // ssh2 takes `false` for "no more methods"; its typings omit it.
    const done = callback as (method: AnyAuthMethod | false) => void;
    next(methodsLeft).then(done, () => done(false));
  };
  return { handler, tried: () => [...tried] };
}
