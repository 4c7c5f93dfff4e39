// The SSH engine as one session uses it: a host-key policy (the known_hosts files the user's ssh
// config names + T-Minus's trusted keys) whose prompts go to the UI through the prompt broker and
// whose decisions go into this session's log, and a connection pool (one connection per host,
// reused across the session's steps). One per session, so every prompt and decision is attributed
// to the session whose run or check caused it, and "trust once" lasts for this session only.
//
// StrictHostKeyChecking accept-new is honoured for staging sessions; a production session honours
// it only after its IC turned it on (`hosts.acceptNewSet`, logged). Before a production run, a
// pooled connection older than `recheckAfterMs` is re-checked with a fresh key exchange: if the
// host's key is no longer the one the connection was opened with, the connection is closed first,
// so the run connects afresh and the policy refuses the changed key.
import { SYSTEM_ACTOR, type Actor } from '../../shared/log/actor';
import type { EventPayload } from '../../shared/log/eventTypes';
import type { HostSpec } from '../../shared/runbook/model';
import {
  HostKeyPolicy,
  resolveEndpoint,
  SshConnectionPool,
  SshHostRunner,
  type Clock,
  type HostKeyDecisionEvent,
  type HostKeyPromptRequest,
  type ResolvedEndpoint,
  type TrustedHostKey,
  type TrustStore,
} from '../ssh';
import type { HostRunner, HostRunResult, RunRequest } from '../ssh/hostRunner';
import type { AcceptNewGate } from '../ssh/hostKeyPolicy';
import { trustedHostKey } from '../ssh/trustStore';
import { PromptTimeoutError, type PromptBroker } from './promptBroker';
import { sshConfigContext, type SshSettings } from './sshSettings';

export type KeyDecisionPayload = EventPayload<'host.keyDecision'>;

export interface SessionFacts {
  environment: 'staging' | 'production';
  /** Production: the IC turned accept-new on for this session. */
  acceptNew: boolean;
}

export interface SessionSshDeps {
  sessionId: string;
  settings: SshSettings;
  trustStore: TrustStore;
  broker: PromptBroker;
  clock: Clock;
  /** The session's environment and accept-new switch as its log says now. */
  facts(): SessionFacts;
  /** Appends a host.keyDecision event to the session (by `actor`). */
  recordDecision(actor: Actor, payload: KeyDecisionPayload): void;
}

export interface KeyToTrust {
  target: string;
  host: string;
  port: number;
  publicKey: string;
  matchedPasted: boolean;
}

export class SessionSsh {
  readonly policy: HostKeyPolicy;
  readonly pool: SshConnectionPool;
  /** Who answered the prompt for a fingerprint, so the decision the policy reports names them. */
  private readonly answeredBy = new Map<string, Actor>();
  /** Endpoints resolved for this session's hosts, to say through which jump host a prompt comes. */
  private readonly endpoints = new Map<string, ResolvedEndpoint>();

  constructor(private readonly deps: SessionSshDeps) {
    const trustStore: TrustStore = {
      find: (host, port) => deps.trustStore.find(host, port),
      // The key file records who trusted a key (the person who answered, not the console).
      add: (entry: TrustedHostKey) => deps.trustStore.add({ ...entry, addedBy: this.answeredBy.get(entry.fingerprint)?.name ?? entry.addedBy }),
    };
    this.policy = new HostKeyPolicy({
      knownHostsFiles: deps.settings.knownHostsFiles,
      globalKnownHostsFiles: deps.settings.globalKnownHostsFiles,
      trustStore,
      prompt: (request) => this.askAboutKey(request),
      onDecision: (event) => this.onDecision(event),
      clock: deps.clock,
      acceptNew: () => this.acceptNewGate(),
    });
    this.pool = new SshConnectionPool({
      sshConfig: sshConfigContext(deps.settings),
      hostKeys: this.policy,
      agentSocket: deps.settings.agentSocket,
      passphrasePrompt: (request) => deps.broker.askPassphrase({ sessionId: deps.sessionId, keyFile: request.keyFile, retry: request.attempt > 1 }),
      connect: deps.settings.connect,
      clock: deps.clock,
    });
  }

  /** Resolves a host with the ssh config as it is now (edits apply without a restart). */
  resolve(host: HostSpec): ResolvedEndpoint {
    const endpoint = resolveEndpoint(host, sshConfigContext(this.deps.settings));
    this.endpoints.set(host.name, endpoint);
    return endpoint;
  }

  get settings(): SshSettings {
    return this.deps.settings;
  }

  /** The keys trusted in T-Minus for these endpoints and their jump hosts (for Ansible's ssh). */
  async trustedKeysFor(endpoints: readonly ResolvedEndpoint[]): Promise<TrustedHostKey[]> {
    const hops = endpoints.flatMap((endpoint) => [endpoint, ...endpoint.jumps]);
    const seen = new Set<string>();
    const keys: TrustedHostKey[] = [];
    for (const hop of hops) {
      const name = hop.hostKeyAlias ?? hop.host;
      if (seen.has(`${name}:${hop.port}`)) continue;
      seen.add(`${name}:${hop.port}`);
      keys.push(...(await this.deps.trustStore.find(name, hop.port)));
    }
    return keys;
  }

  runner(host: HostSpec): HostRunner {
    const endpoint = this.resolve(host);
    const inner = new SshHostRunner(host.name, endpoint, this.pool, this.deps.clock);
    return {
      target: host.name,
      run: async (request: RunRequest): Promise<HostRunResult> => {
        if (this.deps.facts().environment === 'production') await this.recheckIfOld(endpoint);
        return inner.run(request);
      },
    };
  }

  /**
   * A pooled connection older than the re-check age gets a fresh key exchange; one whose host now
   * presents another key, or a key the files no longer trust, is closed before the run uses it.
   * A host that cannot be reached for the check is left to the run, which reports it.
   */
  async recheckIfOld(endpoint: ResolvedEndpoint): Promise<'fresh' | 'rechecked' | 'closed' | 'unreachable'> {
    const pooled = this.pool.pooled(endpoint);
    if (!pooled || this.deps.clock.now() - pooled.checkedAt < this.deps.settings.recheckAfterMs) return 'fresh';
    let probed;
    try {
      probed = await this.pool.probeTargetKey(endpoint);
    } catch {
      return 'unreachable';
    }
    const verdict = await this.policy.classify(this.pool.identity(endpoint, endpoint.name, 'target'), probed.keyBlob, probed.address);
    if (!probed.keyBlob.equals(pooled.hostKey) || verdict.status !== 'trusted') {
      await this.pool.drop(pooled.key);
      return 'closed';
    }
    this.pool.markChecked(pooled.key);
    return 'rechecked';
  }

  /** Trusts keys the IC confirmed in "Check hosts": each into the trust store and the log on its own. */
  async trustKeys(actor: Actor, keys: readonly KeyToTrust[]): Promise<void> {
    for (const key of keys) {
      const blob = Buffer.from(key.publicKey, 'base64');
      const entry = trustedHostKey(key.host, key.port, blob, new Date(this.deps.clock.now()).toISOString(), actor.name);
      await this.deps.trustStore.add(entry);
      this.deps.recordDecision(actor, {
        host: entry.host,
        port: entry.port,
        keyType: entry.keyType,
        fingerprint: entry.fingerprint,
        decision: 'trusted',
        expectedFingerprint: null,
        target: key.target,
        via: 'check-hosts',
        matchedPasted: key.matchedPasted,
      });
    }
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }

  private acceptNewGate(): AcceptNewGate {
    const facts = this.deps.facts();
    if (facts.environment === 'staging') return { allowed: true, reason: 'staging sessions honour accept-new' };
    return facts.acceptNew
      ? { allowed: true, reason: 'the IC turned accept-new on for this production session' }
      : { allowed: false, reason: 'this is a production session and its IC has not turned accept-new on' };
  }

  private async askAboutKey(request: HostKeyPromptRequest): Promise<'trust' | 'trust-once' | 'reject'> {
    try {
      const reply = await this.deps.broker.askHostKey({
        sessionId: this.deps.sessionId,
        host: request.host,
        port: request.port,
        keyType: request.keyType,
        fingerprint: request.fingerprint,
        via: this.viaOf(request),
        target: request.target,
        role: request.role,
        lookedIn: request.lookedIn,
        strictHostKeyChecking: request.strictHostKeyChecking,
        note: request.note,
      });
      this.answeredBy.set(request.fingerprint, reply.actor);
      return reply.answer;
    } catch (error) {
      // Nobody answered: the host fails with the reason; the log says the key was not trusted.
      if (error instanceof PromptTimeoutError) {
        this.deps.recordDecision(SYSTEM_ACTOR, {
          host: request.host,
          port: request.port,
          keyType: request.keyType,
          fingerprint: request.fingerprint,
          decision: 'rejected',
          expectedFingerprint: null,
          target: request.target,
          via: 'prompt',
        });
      }
      throw error;
    }
  }

  /** The jump host a hop is reached through (null when dialled directly). */
  private viaOf(request: HostKeyPromptRequest): string | null {
    const endpoint = this.endpoints.get(request.target);
    if (!endpoint || endpoint.jumps.length === 0) return null;
    if (request.role === 'target') return endpoint.jumps.at(-1)!.alias;
    const index = endpoint.jumps.findIndex((hop) => (hop.hostKeyAlias ?? hop.host).toLowerCase() === request.host && (hop.hostKeyAlias ? 22 : hop.port) === request.port);
    return index > 0 ? endpoint.jumps[index - 1]!.alias : null;
  }

  private onDecision(event: HostKeyDecisionEvent): void {
    const base = { host: event.host, port: event.port, keyType: event.keyType, fingerprint: event.fingerprint, expectedFingerprint: null, target: event.target };
    const byUser = (decision: KeyDecisionPayload['decision']): void =>
      this.deps.recordDecision(this.answeredBy.get(event.fingerprint) ?? SYSTEM_ACTOR, { ...base, decision, via: 'prompt' });
    const bySystem = (decision: KeyDecisionPayload['decision'], via: KeyDecisionPayload['via'], expectedFingerprint: string | null = null): void =>
      this.deps.recordDecision(SYSTEM_ACTOR, { ...base, decision, via, expectedFingerprint });
    switch (event.decision) {
      case 'accepted-known':
        return;
      case 'accepted-new':
        return bySystem('accepted-new', 'accept-new');
      case 'trusted-by-user':
        return byUser('trusted');
      case 'trusted-once-by-user':
        return byUser('trusted-once');
      case 'rejected-by-user':
        return byUser('rejected');
      case 'refused-unknown-no-prompt':
      case 'refused-unknown-strict':
        return bySystem('rejected', 'connection');
      case 'refused-cert-authority':
        return bySystem('refused-cert-authority', 'connection');
      case 'refused-changed':
      case 'refused-revoked':
        return bySystem(event.decision, 'connection', event.knownFingerprints.length > 0 ? event.knownFingerprints.join(' or ') : null);
    }
  }
}
