// One ssh2 connection per resolved host, reused across runs (a reused connection runs an exec in
// ~8 ms instead of paying ~80–130 ms of handshake per command). Jump hosts are pooled too, so
// every host behind one bastion shares its connection. A connection that drops is removed at
// once; the next run reconnects. Keepalive detects a dead host that sends nothing.
import type { Client, ParsedKey } from 'ssh2';
import type { PassphrasePrompt } from './auth';
import type { Clock } from './clock';
import { connectHop, DEFAULT_CONNECT_SETTINGS, dialThrough, dialTcp, hopLabel, type ConnectedHop, type ConnectSettings } from './connect';
import type { HopIdentity, HopRole, HostKeyPolicy } from './hostKeyPolicy';
import { probeHostKey, type ProbedKey } from './hostKeyProbe';
import { endpointKey, resolveEndpoint, type HopEndpoint, type ResolvedEndpoint, type SshConfigContext } from './sshConfig';
import type { HostSpec } from '../../shared/runbook/model';

export type PoolEvent =
  | { type: 'connecting'; at: number; key: string; target: string; role: HopRole }
  | { type: 'connected'; at: number; key: string; target: string; role: HopRole; ms: number }
  | { type: 'connect-failed'; at: number; key: string; target: string; role: HopRole; error: Error }
  | { type: 'disconnected'; at: number; key: string; reason: string };

export interface SshConnectionPoolOptions {
  sshConfig: SshConfigContext;
  hostKeys: HostKeyPolicy;
  /** ssh-agent socket; defaults to SSH_AUTH_SOCK. */
  agentSocket?: string | null;
  passphrasePrompt?: PassphrasePrompt | null;
  connect?: Partial<ConnectSettings>;
  onEvent?: (event: PoolEvent) => void;
  clock: Clock;
}

interface PoolEntry {
  key: string;
  hop: Promise<ConnectedHop>;
  client: Promise<Client>;
  /** Settled: when the connection became ready, and the host key it was verified with. */
  ready: { at: number; hostKey: Buffer; checkedAt: number } | null;
}

/** A pooled connection's age and the host key it was opened with. */
export interface PooledConnection {
  key: string;
  connectedAt: number;
  /** When its host key was last confirmed: at connect, or by a later fresh key exchange. */
  checkedAt: number;
  hostKey: Buffer;
}

export interface AcquireOptions {
  /** false: unknown host keys fail instead of asking (Check hosts). Default true. */
  interactive?: boolean;
}

export class SshConnectionPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly lossReasons = new WeakMap<Client, string>();
  private readonly entryOf = new WeakMap<Client, PoolEntry>();
  private readonly unlockedKeys = new Map<string, ParsedKey>();
  private readonly settings: ConnectSettings;
  private closed = false;

  constructor(private readonly options: SshConnectionPoolOptions) {
    this.settings = { ...DEFAULT_CONNECT_SETTINGS, ...options.connect };
  }

  resolve(target: HostSpec | string): ResolvedEndpoint {
    return resolveEndpoint(target, this.options.sshConfig);
  }

  /** A ready connection to the endpoint: the pooled one, or a new one (jump hops first). */
  async acquire(endpoint: ResolvedEndpoint, options: AcquireOptions = {}): Promise<Client> {
    if (this.closed) throw new Error('the SSH connection pool is closed');
    const via = await this.throughJumps(endpoint, options);
    return this.connection(endpoint.key, endpoint.name, 'target', endpoint, via, options.interactive ?? true);
  }

  /** The jump chain's last connection (pooled, opened if need be), or null for a direct host. */
  private async throughJumps(endpoint: ResolvedEndpoint, options: AcquireOptions): Promise<{ client: Client; label: string } | null> {
    let via: { client: Client; label: string } | null = null;
    for (let i = 0; i < endpoint.jumps.length; i++) {
      const hop = endpoint.jumps[i]!;
      const key = endpointKey(hop, endpoint.jumps.slice(0, i));
      const previous: { client: Client; label: string } | null = via;
      const client: Client = await this.connection(key, endpoint.name, 'jump', hop, previous, options.interactive ?? true);
      via = { client, label: hopLabel(hop) };
    }
    return via;
  }

  /**
   * The target's host key as it is now: a fresh key exchange whatever the pool holds (jump hosts
   * are reached through their pooled connections, never asking about a key). Nothing is
   * authenticated or sent to the target.
   */
  async probeTargetKey(endpoint: ResolvedEndpoint): Promise<ProbedKey> {
    if (this.closed) throw new Error('the SSH connection pool is closed');
    const via = await this.throughJumps(endpoint, { interactive: false });
    const dial = via ? dialThrough(via.client, via.label, endpoint, this.settings.readyTimeoutMs) : dialTcp(endpoint, this.settings.readyTimeoutMs);
    const { serverHostKeyAlgorithms } = await this.options.hostKeys.prepare(this.identity(endpoint, endpoint.name, 'target'), { interactive: false });
    return probeHostKey(await dial(), hopLabel(endpoint), serverHostKeyAlgorithms, this.settings.readyTimeoutMs);
  }

  /** The target's ready pooled connection (not one still connecting), or null. */
  pooled(endpoint: ResolvedEndpoint): PooledConnection | null {
    const ready = this.entries.get(endpoint.key)?.ready;
    return ready ? { key: endpoint.key, connectedAt: ready.at, checkedAt: ready.checkedAt, hostKey: ready.hostKey } : null;
  }

  /** A fresh key exchange just confirmed the connection's key. */
  markChecked(key: string): void {
    const ready = this.entries.get(key)?.ready;
    if (ready) ready.checkedAt = this.options.clock.now();
  }

  identity(hop: HopEndpoint, target: string, role: HopRole): HopIdentity {
    return { host: hop.host, port: hop.port, hostKeyAlias: hop.hostKeyAlias, target, role, hostKeys: hop.hostKeys };
  }

  /** Why a pooled client's connection ended (keepalive timeout, reset …), if it has. */
  lossReason(client: Client): string | null {
    return this.lossReasons.get(client) ?? null;
  }

  /**
   * Forgets a connection that turned out to be dead before its close event arrived (an exec on it
   * failed), so the next acquire dials afresh.
   */
  discard(client: Client, reason: string): void {
    if (!this.lossReasons.has(client)) this.lossReasons.set(client, reason);
    const entry = this.entryOf.get(client);
    if (entry && this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    client.destroy();
  }

  /** Keys of the live (or connecting) connections. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Closes one host's connection (the next run reconnects). */
  async drop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    await entry.client.then((client) => client.end(), () => undefined);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    // Targets before their jump hosts, so a tunnel is not cut under a clean close.
    await Promise.all(
      all.reverse().map((entry) =>
        entry.client.then(
          (client) =>
            new Promise<void>((resolve) => {
              client.once('close', () => resolve());
              client.end();
              setTimeout(() => {
                client.destroy();
                resolve();
              }, 2_000).unref();
            }),
          () => undefined,
        ),
      ),
    );
  }

  private connection(key: string, target: string, role: HopRole, hop: HopEndpoint, via: { client: Client; label: string } | null, interactive: boolean): Promise<Client> {
    const existing = this.entries.get(key);
    if (existing) return existing.client;
    const at = this.options.clock.now();
    const startedMs = performance.now();
    this.options.onEvent?.({ type: 'connecting', at, key, target, role });
    const dial = via ? dialThrough(via.client, via.label, hop, this.settings.readyTimeoutMs) : dialTcp(hop, this.settings.readyTimeoutMs);
    const connected = connectHop({
      hop,
      identity: this.identity(hop, target, role),
      dial,
      policy: this.options.hostKeys,
      auth: {
        agentSocket: this.options.agentSocket === undefined ? (process.env.SSH_AUTH_SOCK ?? null) : this.options.agentSocket,
        passphrasePrompt: this.options.passphrasePrompt ?? null,
        unlockedKeys: this.unlockedKeys,
        homeDir: this.options.sshConfig.homeDir,
      },
      settings: this.settings,
      interactive,
    });
    const entry: PoolEntry = { key, hop: connected, client: connected.then((c) => c.client), ready: null };
    this.entries.set(key, entry);
    entry.hop.then(
      ({ client, hostKey }) => {
        const now = this.options.clock.now();
        entry.ready = { at: now, hostKey, checkedAt: now };
        this.options.onEvent?.({ type: 'connected', at: this.options.clock.now(), key, target, role, ms: performance.now() - startedMs });
        this.entryOf.set(client, entry);
        this.watch(entry, client);
      },
      (error: Error) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        this.options.onEvent?.({ type: 'connect-failed', at: this.options.clock.now(), key, target, role, error });
      },
    );
    // The failure is reported through `client` to whoever acquires; this copy only feeds `ready`.
    entry.client.catch(() => undefined);
    return entry.client;
  }

  private watch(entry: PoolEntry, client: Client): void {
    const ended = (reason: string): void => {
      if (!this.lossReasons.has(client)) this.lossReasons.set(client, reason);
      if (this.entries.get(entry.key) !== entry) return;
      this.entries.delete(entry.key);
      this.options.onEvent?.({ type: 'disconnected', at: this.options.clock.now(), key: entry.key, reason: this.lossReasons.get(client)! });
    };
    client.on('error', (error: Error & { level?: string }) =>
      ended(error.level === 'client-timeout' ? `no answer to keepalive (${error.message})` : error.message),
    );
    client.on('end', () => ended('the host closed the connection'));
    client.on('close', () => ended('the connection closed'));
  }
}
