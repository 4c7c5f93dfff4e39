// Host key verification for every hop. Never permissive: ssh2 accepts any key when no
// `hostVerifier` is given, so every connection gets one from here.
//
// - trusted (exact match in known_hosts or the T-Minus trust store) → proceed;
// - changed or revoked → refuse with an error naming host, expected and presented fingerprints;
//   there is no override here: the user must fix known_hosts / the trust store first;
// - unknown → refuse this handshake, ask the injected HostKeyPrompt, and if the user trusts the key,
//   connect again (the connector does that) accepting exactly that key. Asking outside the
//   handshake matters: a user reading a fingerprint can take longer than sshd's LoginGraceTime
//   (120 s) or any handshake timeout, and nothing is sent to an unverified host meanwhile.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { HostKeyChangedError, HostKeyRejectedError, HostKeyRevokedError } from './errors';
import { keyTypeFromBlob, preferredHostKeyAlgorithms, sha256Fingerprint } from './fingerprint';
import { entriesForHost, knownHostsName, lookupHostKey, parseKnownHosts, type HostKeyStatus, type KnownHostEntry } from './knownHosts';
import { trustedHostKey, trustedKeyAsEntry, type TrustStore } from './trustStore';
import type { Clock } from './clock';

export type HopRole = 'target' | 'jump';

export interface HostKeyPromptRequest {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** Inventory name of the host the connection is for (differs from `host` for a jump hop). */
  target: string;
  role: HopRole;
  /** Key types already on file for this host under another key (none for a first contact). */
  knownKeyTypes: string[];
}

/** `trust` remembers the key in the trust store; `trust-once` accepts it for this console run only. */
export type HostKeyAnswer = 'trust' | 'trust-once' | 'reject';

export type HostKeyPrompt = (request: HostKeyPromptRequest) => Promise<HostKeyAnswer>;

export type HostKeyDecision =
  | 'accepted-known'
  | 'trusted-by-user'
  | 'trusted-once-by-user'
  | 'rejected-by-user'
  | 'refused-unknown-no-prompt'
  | 'refused-changed'
  | 'refused-revoked';

/** Reported for every verification, so the console can put trust decisions in the event log. */
export interface HostKeyDecisionEvent {
  at: number;
  host: string;
  port: number;
  target: string;
  role: HopRole;
  keyType: string;
  fingerprint: string;
  status: HostKeyStatus;
  decision: HostKeyDecision;
  /** Where the matching key is on file (`/root/.ssh/known_hosts:3`, `tminus-trust-store`), if any. */
  matchedAt: string | null;
}

export interface HostKeyPolicyOptions {
  /** known_hosts files read at each connection (so edits apply without a restart). */
  knownHostsFiles?: string[];
  trustStore: TrustStore;
  /** null: unknown keys are refused (non-interactive use: CLI checks, CI). */
  prompt: HostKeyPrompt | null;
  onDecision?: (event: HostKeyDecisionEvent) => void;
  clock: Clock;
  /** Who answers prompts (recorded with keys added to the trust store). */
  actor?: string | null;
}

/** The verdict a verifier reached during one handshake. */
export type VerifyOutcome =
  | { kind: 'none' }
  | { kind: 'accepted' }
  | { kind: 'refused'; error: Error }
  | { kind: 'unknown'; keyBlob: Buffer };

export interface HopVerification {
  /** For ssh2's `hostVerifier` (called with the raw key blob). */
  verify: (keyBlob: Buffer) => boolean;
  /** For ssh2's `algorithms.serverHostKey`. */
  serverHostKeyAlgorithms: string[];
  outcome: () => VerifyOutcome;
}

export interface HopIdentity {
  host: string;
  port: number;
  /** HostKeyAlias from ssh config: the name the key is filed under instead of host:port. */
  hostKeyAlias: string | null;
  target: string;
  role: HopRole;
}

export class HostKeyPolicy {
  private readonly knownHostsFiles: string[];
  /** Keys accepted with `trust-once`, by known_hosts name; memory only. */
  private readonly onceTrusted = new Map<string, Buffer[]>();
  private readonly observers = new Set<(event: HostKeyDecisionEvent) => void>();

  constructor(private readonly options: HostKeyPolicyOptions) {
    this.knownHostsFiles = options.knownHostsFiles ?? [join(homedir(), '.ssh', 'known_hosts')];
  }

  /** Also receive decisions (pre-flight uses this to report each host's key status); returns an unsubscribe. */
  observe(listener: (event: HostKeyDecisionEvent) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  private emit(event: HostKeyDecisionEvent): void {
    this.options.onDecision?.(event);
    for (const observer of this.observers) observer(event);
  }

  /**
   * Prepares the verifier for one handshake. `approvedBlob` is the key the user just trusted: on
   * the reconnect after a prompt, any other unknown key is refused instead of prompting again.
   */
  async prepare(hop: HopIdentity, approvedBlob: Buffer | null = null): Promise<HopVerification> {
    const { host, port } = fileName(hop);
    const entries = await this.entriesFor(host, port);
    const initial = lookupKnownTypes(entries, host, port);
    let outcome: VerifyOutcome = { kind: 'none' };

    const verify = (keyBlob: Buffer): boolean => {
      let keyType: string;
      try {
        keyType = keyTypeFromBlob(keyBlob);
      } catch (error) {
        outcome = { kind: 'refused', error: error as Error };
        return false;
      }
      const fingerprint = sha256Fingerprint(keyBlob);
      const found = lookupHostKey(entries, host, port, keyBlob);
      const matchedAt = found.matched ? `${found.matched.source}${found.matched.line ? `:${found.matched.line}` : ''}` : null;
      const report = (decision: HostKeyDecision): void =>
        this.emit({ at: this.options.clock.now(), host, port, target: hop.target, role: hop.role, keyType, fingerprint, status: found.status, decision, matchedAt });

      switch (found.status) {
        case 'trusted':
          outcome = { kind: 'accepted' };
          report('accepted-known');
          return true;
        case 'revoked':
          outcome = { kind: 'refused', error: new HostKeyRevokedError(host, port, keyType, fingerprint, found.knownFingerprints, matchedAt ?? 'known_hosts') };
          report('refused-revoked');
          return false;
        case 'changed':
          outcome = { kind: 'refused', error: new HostKeyChangedError(host, port, keyType, fingerprint, found.knownFingerprints, matchedAt ?? 'known_hosts') };
          report('refused-changed');
          return false;
        case 'unknown':
          if (approvedBlob) {
            outcome = {
              kind: 'refused',
              error: new HostKeyRejectedError(host, port, keyType, fingerprint, `the host presented a different key than the one just approved (${sha256Fingerprint(approvedBlob)})`),
            };
            report('refused-changed');
            return false;
          }
          if (!this.options.prompt) {
            outcome = { kind: 'refused', error: new HostKeyRejectedError(host, port, keyType, fingerprint, 'unknown host key and nobody to ask (no prompt available)') };
            report('refused-unknown-no-prompt');
            return false;
          }
          outcome = { kind: 'unknown', keyBlob };
          return false;
      }
    };

    return { verify, serverHostKeyAlgorithms: preferredHostKeyAlgorithms(initial), outcome: () => outcome };
  }

  /**
   * Asks the user about an unknown key. Resolves when the key is trusted (the caller reconnects);
   * throws HostKeyRejectedError when the user says no.
   */
  async askAboutUnknownKey(hop: HopIdentity, keyBlob: Buffer): Promise<void> {
    const { host, port } = fileName(hop);
    const keyType = keyTypeFromBlob(keyBlob);
    const fingerprint = sha256Fingerprint(keyBlob);
    const knownKeyTypes = lookupKnownTypes(await this.entriesFor(host, port), host, port);
    let answer: HostKeyAnswer;
    try {
      answer = await this.options.prompt!({ host, port, keyType, fingerprint, target: hop.target, role: hop.role, knownKeyTypes });
    } catch (error) {
      throw new HostKeyRejectedError(host, port, keyType, fingerprint, `nobody answered the prompt (${(error as Error).message})`);
    }
    const report = (decision: HostKeyDecision, matchedAt: string | null): void =>
      this.emit({ at: this.options.clock.now(), host, port, target: hop.target, role: hop.role, keyType, fingerprint, status: 'unknown', decision, matchedAt });
    if (answer === 'trust') {
      await this.options.trustStore.add(trustedHostKey(host, port, keyBlob, new Date(this.options.clock.now()).toISOString(), this.options.actor ?? null));
      report('trusted-by-user', 'tminus-trust-store');
    } else if (answer === 'trust-once') {
      const name = knownHostsName(host, port);
      this.onceTrusted.set(name, [...(this.onceTrusted.get(name) ?? []), keyBlob]);
      report('trusted-once-by-user', 'this console run');
    } else {
      report('rejected-by-user', null);
      throw new HostKeyRejectedError(host, port, keyType, fingerprint, 'the user declined to trust it');
    }
  }

  private async entriesFor(host: string, port: number): Promise<KnownHostEntry[]> {
    const entries: KnownHostEntry[] = [];
    for (const file of this.knownHostsFiles) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      entries.push(...parseKnownHosts(text, file).entries);
    }
    entries.push(...(await this.options.trustStore.find(host, port)).map(trustedKeyAsEntry));
    for (const blob of this.onceTrusted.get(knownHostsName(host, port)) ?? []) {
      entries.push({ ...trustedKeyAsEntry(trustedHostKey(host, port, blob, '')), source: 'this console run' });
    }
    return entries;
  }
}

function fileName(hop: HopIdentity): { host: string; port: number } {
  // OpenSSH files a HostKeyAlias without a port decoration.
  return hop.hostKeyAlias ? { host: hop.hostKeyAlias.toLowerCase(), port: 22 } : { host: hop.host.toLowerCase(), port: hop.port };
}

function lookupKnownTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  return [...new Set(entriesForHost(entries, host, port).filter((e) => e.marker === null).map((e) => e.keyType))];
}
