// Host key verification for every hop. Never permissive: ssh2 accepts any key when no
// `hostVerifier` is given, so every connection gets one from here.
//
// Which keys count is what ssh(1) would read for the hop (knownHostsSources.ts: the ssh config's
// UserKnownHostsFile / GlobalKnownHostsFile, HostKeyAlias, CheckHostIP) plus T-Minus's own trusted
// keys. What happens to a key:
// - trusted → proceed;
// - changed or revoked → refuse with an error naming host, expected and presented fingerprints;
//   there is no override here: the user must fix known_hosts / the trust store first;
// - only a @cert-authority line covers the host → refuse: ssh2 cannot verify host certificates;
// - unknown → by StrictHostKeyChecking: `yes` refuses without asking; `accept-new` accepts (and
//   records) the key when the console's gate allows it for this hop (staging, or a production
//   session whose IC turned it on), else asks; `ask` and `no` ask (T-Minus never accepts an unknown
//   key unasked, and the prompt says so for `no`). Asking happens outside the handshake: this
//   handshake is refused, the injected HostKeyPrompt is asked, and if the user trusts the key the
//   connector connects again accepting exactly that key. A person reading a fingerprint can take
//   longer than sshd's LoginGraceTime (120 s), and nothing is sent to an unverified host meanwhile.
import { HostCertificateUnsupportedError, HostKeyChangedError, HostKeyRejectedError, HostKeyRevokedError, HostKeyUnknownError } from './errors';
import { preferredHostKeyAlgorithms, sha256Fingerprint } from './fingerprint';
import type { HostKeyConfig, StrictHostKeyChecking } from './hostKeyConfig';
import { knownHostsName, type HostKeyStatus } from './knownHosts';
import { KnownHostsSources, type HostKeyVerdict, type LoadedHostKeys } from './knownHostsSources';
import { trustedHostKey, type TrustStore } from './trustStore';
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
  /** The files (and T-Minus's trusted keys) where the key was looked for: where ssh would find it. */
  lookedIn: string[];
  /** StrictHostKeyChecking as the ssh config sets it for this host (`ask` when unset). */
  strictHostKeyChecking: StrictHostKeyChecking;
  /** Why T-Minus asks although the config says otherwise (`no`, accept-new not allowed), or a CheckHostIP warning. */
  note: string | null;
}

/** `trust` remembers the key in the trust store; `trust-once` accepts it for this console run only. */
export type HostKeyAnswer = 'trust' | 'trust-once' | 'reject';

export type HostKeyPrompt = (request: HostKeyPromptRequest) => Promise<HostKeyAnswer>;

export type HostKeyDecision =
  | 'accepted-known'
  | 'accepted-new'
  | 'trusted-by-user'
  | 'trusted-once-by-user'
  | 'rejected-by-user'
  | 'refused-unknown-no-prompt'
  | 'refused-unknown-strict'
  | 'refused-changed'
  | 'refused-revoked'
  | 'refused-cert-authority';

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
  lookedIn: string[];
  /** Fingerprints on file for the host (for "expected X" in a refusal). */
  knownFingerprints: string[];
}

/** Whether StrictHostKeyChecking accept-new may take a first key without asking, and if not why. */
export interface AcceptNewGate {
  allowed: boolean;
  reason: string;
}

export interface HostKeyPolicyOptions {
  /** User known_hosts files where the ssh config sets no UserKnownHostsFile (default ~/.ssh/known_hosts{,2}). */
  knownHostsFiles?: string[];
  /** Global files where it sets no GlobalKnownHostsFile (default /etc/ssh/ssh_known_hosts{,2}). */
  globalKnownHostsFiles?: string[];
  trustStore: TrustStore;
  /** null: unknown keys are refused (non-interactive use: CLI checks, CI). */
  prompt: HostKeyPrompt | null;
  onDecision?: (event: HostKeyDecisionEvent) => void;
  clock: Clock;
  /** Who answers prompts (recorded with keys added to the trust store). */
  actor?: string | null;
  /** The console's rule for accept-new (by session environment); without it accept-new asks. */
  acceptNew?: (hop: HopIdentity) => AcceptNewGate;
}

/** The verdict a verifier reached during one handshake. */
export type VerifyOutcome =
  | { kind: 'none' }
  | { kind: 'accepted'; keyBlob: Buffer }
  | { kind: 'refused'; error: Error }
  | { kind: 'unknown'; keyBlob: Buffer; note: string | null };

export interface HopVerification {
  /** For ssh2's `hostVerifier` (called with the raw key blob). */
  verify: (keyBlob: Buffer) => boolean;
  /** The dialled address (for CheckHostIP), once the socket is connected. */
  setAddress: (address: string | null) => void;
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
  /** What the ssh config says about host keys for this hop (default: nothing). */
  hostKeys?: HostKeyConfig;
}

export interface PrepareOptions {
  /** The key the user just trusted: on the reconnect after a prompt, any other unknown key is refused. */
  approvedBlob?: Buffer | null;
  /** false: never ask (Check hosts, background connections); an unknown key fails with HostKeyUnknownError. */
  interactive?: boolean;
}

export class HostKeyPolicy {
  readonly sources: KnownHostsSources;
  private readonly observers = new Set<(event: HostKeyDecisionEvent) => void>();

  constructor(private readonly options: HostKeyPolicyOptions) {
    this.sources = new KnownHostsSources({ userFiles: options.knownHostsFiles, globalFiles: options.globalKnownHostsFiles, trustStore: options.trustStore });
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

  /** What the files say about a presented key, without deciding anything (Check hosts' fresh look). */
  async classify(hop: HopIdentity, keyBlob: Buffer, address: string | null): Promise<HostKeyVerdict> {
    return this.sources.verdict(await this.sources.load(hop), keyBlob, address);
  }

  /** Prepares the verifier for one handshake. */
  async prepare(hop: HopIdentity, prepare: PrepareOptions = {}): Promise<HopVerification> {
    const approvedBlob = prepare.approvedBlob ?? null;
    const interactive = (prepare.interactive ?? true) && this.options.prompt !== null;
    const loaded = await this.sources.load(hop);
    let outcome: VerifyOutcome = { kind: 'none' };
    let address: string | null = null;

    const verify = (keyBlob: Buffer): boolean => {
      let verdict: HostKeyVerdict;
      try {
        verdict = this.sources.verdict(loaded, keyBlob, address);
      } catch (error) {
        outcome = { kind: 'refused', error: error as Error };
        return false;
      }
      const { host, port, keyType, fingerprint, matchedAt } = verdict;
      const report = (decision: HostKeyDecision): void => this.emit(decisionEvent(this.options.clock, hop, verdict, decision));
      const refuse = (error: Error, decision: HostKeyDecision): boolean => {
        outcome = { kind: 'refused', error };
        report(decision);
        return false;
      };
      // The reconnect after a prompt: the key just approved passes even where the files alone would
      // ask again (a CheckHostIP warning; a trust store that could not record it).
      if (approvedBlob?.equals(keyBlob) && (verdict.status === 'unknown' || (verdict.status === 'trusted' && verdict.ipWarning !== null))) {
        outcome = { kind: 'accepted', keyBlob };
        if (verdict.status === 'trusted') report('accepted-known');
        return true;
      }
      switch (verdict.status) {
        case 'trusted':
          if (verdict.ipWarning === null) {
            outcome = { kind: 'accepted', keyBlob };
            report('accepted-known');
            return true;
          }
          // CheckHostIP: ssh asks under `ask` and refuses under stricter modes.
          if (loaded.mode === 'ask' || loaded.mode === 'no') {
            if (!interactive) return refuse(new HostKeyRejectedError(host, port, keyType, fingerprint, `${verdict.ipWarning} and nobody may be asked here`), 'refused-changed');
            outcome = { kind: 'unknown', keyBlob, note: verdict.ipWarning };
            return false;
          }
          return refuse(new HostKeyRejectedError(host, port, keyType, fingerprint, `${verdict.ipWarning} (StrictHostKeyChecking ${loaded.mode})`), 'refused-changed');
        case 'revoked':
          return refuse(new HostKeyRevokedError(host, port, keyType, fingerprint, verdict.knownFingerprints, matchedAt ?? 'known_hosts'), 'refused-revoked');
        case 'changed':
          return refuse(new HostKeyChangedError(host, port, keyType, fingerprint, verdict.knownFingerprints, matchedAt ?? 'known_hosts'), 'refused-changed');
        case 'cert-authority':
          return refuse(new HostCertificateUnsupportedError(host, port, keyType, fingerprint, matchedAt ?? 'known_hosts'), 'refused-cert-authority');
        case 'unknown':
          if (approvedBlob) {
            return refuse(
              new HostKeyRejectedError(host, port, keyType, fingerprint, `the host presented a different key than the one just approved (${sha256Fingerprint(approvedBlob)})`),
              'refused-changed',
            );
          }
          if (loaded.mode === 'yes') {
            return refuse(
              new HostKeyUnknownError(host, port, keyType, fingerprint, keyBlob, verdict.lookedIn, 'StrictHostKeyChecking yes (ssh config) refuses unknown keys without asking'),
              'refused-unknown-strict',
            );
          }
          if (loaded.mode === 'accept-new' && this.acceptNewGate(hop).allowed) {
            // Accepted after the handshake is refused, by resolveUnknownKey (it records the key first).
            outcome = { kind: 'unknown', keyBlob, note: null };
            return false;
          }
          if (!interactive) {
            return refuse(new HostKeyUnknownError(host, port, keyType, fingerprint, keyBlob, verdict.lookedIn, this.options.prompt ? 'nobody may be asked here (trust it in "Check hosts")' : 'nobody to ask (no prompt available; trust it in "Check hosts")'), 'refused-unknown-no-prompt');
          }
          outcome = { kind: 'unknown', keyBlob, note: null };
          return false;
      }
    };

    return {
      verify,
      setAddress: (value) => void (address = value),
      serverHostKeyAlgorithms: preferredHostKeyAlgorithms(loaded.knownKeyTypes),
      outcome: () => outcome,
    };
  }

  private acceptNewGate(hop: HopIdentity): AcceptNewGate {
    return this.options.acceptNew?.(hop) ?? { allowed: false, reason: 'accept-new is not enabled for this console' };
  }

  /**
   * Settles an unknown key: accept-new (when allowed) records it without asking; otherwise the user
   * is asked. Resolves when the key is trusted (the caller reconnects); throws HostKeyRejectedError
   * when the user says no.
   */
  async resolveUnknownKey(hop: HopIdentity, keyBlob: Buffer, note: string | null = null): Promise<void> {
    const loaded = await this.sources.load(hop);
    const verdict = this.sources.verdict(loaded, keyBlob, null);
    const { host, port, keyType, fingerprint } = verdict;
    const report = (decision: HostKeyDecision, matchedAt: string | null): void =>
      this.emit({ ...decisionEvent(this.options.clock, hop, verdict, decision), status: 'unknown', matchedAt });
    const addedAt = new Date(this.options.clock.now()).toISOString();

    let why = note;
    if (loaded.mode === 'accept-new' && note === null) {
      const gate = this.acceptNewGate(hop);
      if (gate.allowed) {
        await this.options.trustStore.add(trustedHostKey(host, port, keyBlob, addedAt, 'accept-new'));
        report('accepted-new', 'tminus-trust-store');
        return;
      }
      why = `Your ssh config sets StrictHostKeyChecking accept-new for this host, but ${gate.reason}, so T-Minus asks.`;
    } else if (loaded.mode === 'no' && note === null) {
      why = 'Your ssh config sets StrictHostKeyChecking no for this host; T-Minus never accepts an unknown key unasked, so it asks (treated as ask).';
    }
    if (!this.options.prompt) throw new HostKeyRejectedError(host, port, keyType, fingerprint, 'unknown host key and nobody to ask (no prompt available)');
    let answer: HostKeyAnswer;
    try {
      answer = await this.options.prompt({
        host,
        port,
        keyType,
        fingerprint,
        target: hop.target,
        role: hop.role,
        knownKeyTypes: loaded.knownKeyTypes,
        lookedIn: verdict.lookedIn,
        strictHostKeyChecking: loaded.mode,
        note: why,
      });
    } catch (error) {
      throw new HostKeyRejectedError(host, port, keyType, fingerprint, `nobody answered the prompt (${(error as Error).message})`);
    }
    if (answer === 'trust') {
      await this.options.trustStore.add(trustedHostKey(host, port, keyBlob, addedAt, this.options.actor ?? null));
      report('trusted-by-user', 'tminus-trust-store');
    } else if (answer === 'trust-once') {
      this.sources.trustOnce(knownHostsName(host, port), keyBlob);
      report('trusted-once-by-user', 'this console run');
    } else {
      report('rejected-by-user', null);
      throw new HostKeyRejectedError(host, port, keyType, fingerprint, 'the user declined to trust it');
    }
  }
}

function decisionEvent(clock: Clock, hop: HopIdentity, verdict: HostKeyVerdict, decision: HostKeyDecision): HostKeyDecisionEvent {
  return {
    at: clock.now(),
    host: verdict.host,
    port: verdict.port,
    target: hop.target,
    role: hop.role,
    keyType: verdict.keyType,
    fingerprint: verdict.fingerprint,
    status: verdict.status,
    decision,
    matchedAt: verdict.matchedAt,
    lookedIn: verdict.lookedIn,
    knownFingerprints: verdict.knownFingerprints.filter((fingerprint) => fingerprint !== verdict.fingerprint),
  };
}

export type { HostKeyVerdict, LoadedHostKeys };
