// The SSH engine as one session uses it: a host-key policy (known_hosts files + T-Minus's trusted
// keys) whose prompts go to the UI through the prompt broker and whose decisions go into this
// session's log, and a connection pool (one connection per host, reused across the session's
// steps). One per session, so every prompt and decision is attributed to the session whose run
// or check caused it, and "trust once" lasts for this session's connections only.
import { readFileSync } from 'node:fs';
import { SYSTEM_ACTOR, type Actor } from '../../shared/log/actor';
import type { EventPayload } from '../../shared/log/eventTypes';
import type { HostSpec } from '../../shared/runbook/model';
import {
  HostKeyPolicy,
  parseKnownHosts,
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
import { entriesForHost } from '../ssh/knownHosts';
import { trustedKeyAsEntry } from '../ssh/trustStore';
import { PromptTimeoutError, type PromptBroker } from './promptBroker';
import { sshConfigContext, type SshSettings } from './sshSettings';

export type KeyDecisionPayload = EventPayload<'host.keyDecision'>;

export interface SessionSshDeps {
  sessionId: string;
  settings: SshSettings;
  trustStore: TrustStore;
  broker: PromptBroker;
  clock: Clock;
  /** Appends a host.keyDecision event to the session (by `actor`). */
  recordDecision(actor: Actor, payload: KeyDecisionPayload): void;
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
      trustStore,
      prompt: (request) => this.askAboutKey(request),
      onDecision: (event) => this.onDecision(event),
      clock: deps.clock,
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

  runner(host: HostSpec): SshHostRunner {
    return new SshHostRunner(host.name, this.resolve(host), this.pool, this.deps.clock);
  }

  close(): Promise<void> {
    return this.pool.closeAll();
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
      });
      this.answeredBy.set(request.fingerprint, reply.actor);
      return reply.answer;
    } catch (error) {
      // Nobody answered: the host fails with the reason; the log says the key was not trusted.
      if (error instanceof PromptTimeoutError) {
        this.deps.recordDecision(SYSTEM_ACTOR, { host: request.host, port: request.port, keyType: request.keyType, fingerprint: request.fingerprint, decision: 'rejected', expectedFingerprint: null });
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
    const base = { host: event.host, port: event.port, keyType: event.keyType, fingerprint: event.fingerprint, expectedFingerprint: null };
    const byUser = (decision: KeyDecisionPayload['decision']): void =>
      this.deps.recordDecision(this.answeredBy.get(event.fingerprint) ?? SYSTEM_ACTOR, { ...base, decision });
    switch (event.decision) {
      case 'accepted-known':
        return;
      case 'trusted-by-user':
        return byUser('trusted');
      case 'trusted-once-by-user':
        return byUser('trusted-once');
      case 'rejected-by-user':
        return byUser('rejected');
      case 'refused-unknown-no-prompt':
        return this.deps.recordDecision(SYSTEM_ACTOR, { ...base, decision: 'rejected' });
      case 'refused-changed':
      case 'refused-revoked': {
        const decision = event.decision;
        void this.expectedFingerprint(event).then(
          (expectedFingerprint) => this.deps.recordDecision(SYSTEM_ACTOR, { ...base, decision, expectedFingerprint }),
          () => this.deps.recordDecision(SYSTEM_ACTOR, { ...base, decision }),
        );
        return;
      }
    }
  }

  /** The fingerprints on file for the host other than the one presented ("expected X"). */
  private async expectedFingerprint(event: HostKeyDecisionEvent): Promise<string | null> {
    const entries = this.deps.settings.knownHostsFiles.flatMap((file) => {
      try {
        return parseKnownHosts(readFileSync(file, 'utf8'), file).entries;
      } catch {
        return [];
      }
    });
    entries.push(...(await this.deps.trustStore.find(event.host, event.port)).map(trustedKeyAsEntry));
    const known = entriesForHost(entries, event.host, event.port)
      .filter((entry) => entry.marker === null && entry.fingerprint !== event.fingerprint)
      .map((entry) => entry.fingerprint);
    return known.length > 0 ? [...new Set(known)].join(' or ') : null;
  }
}
