// Opening one SSH hop: dial (TCP, or a direct-tcpip channel through the previous hop), verify the
// host key, authenticate. Failures become the engine's error classes so the console can tell
// "unreachable" from "timeout" from "auth failed" from "host key refused".
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel } from 'ssh2';
import { createHopAuth, type AuthSettings } from './auth';
import { AuthFailedError, ConnectTimeoutError, SshError, UnreachableError } from './errors';
import type { HopIdentity, HostKeyPolicy } from './hostKeyPolicy';
import { describeHandshakeError, discardClient, keyExchangeOptions } from './keyExchange';
import type { HopEndpoint } from './sshConfig';

export interface ConnectSettings {
  /** Deadline for TCP connect and for the SSH handshake + auth (time spent in prompts excluded). */
  readyTimeoutMs: number;
  /**
   * Keepalive: a dead host is detected after interval × (countMax + 1) without an answer. The
   * defaults give 40 s, inside the 45 s.
   */
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

export const DEFAULT_CONNECT_SETTINGS: ConnectSettings = { readyTimeoutMs: 20_000, keepaliveIntervalMs: 10_000, keepaliveCountMax: 3 };

export type Dial = () => Promise<Duplex>;

export function hopLabel(hop: HopEndpoint): string {
  return `${hop.user}@${hop.host}:${hop.port}`;
}

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (no SSH server on that port?)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name does not resolve',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  ECONNRESET: 'connection reset by the host',
};

/** A plain TCP connection to the hop, with a connect deadline. */
export function dialTcp(hop: HopEndpoint, timeoutMs: number): Dial {
  return () =>
    new Promise<Duplex>((resolve, reject) => {
      const socket: Socket = netConnect({ host: hop.host, port: hop.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectTimeoutError(hopLabel(hop), timeoutMs, 'TCP connect'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new UnreachableError(hopLabel(hop), UNREACHABLE_CODES[error.code ?? ''] ?? error.message, { cause: error }));
      });
    });
}

/** A direct-tcpip channel opened by the previous hop's sshd (what `ssh -J` does). */
export function dialThrough(via: Client, viaLabel: string, hop: HopEndpoint, timeoutMs: number): Dial {
  return () =>
    new Promise<Duplex>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ConnectTimeoutError(`${hopLabel(hop)} via ${viaLabel}`, timeoutMs, 'jump host forwarding')), timeoutMs);
      try {
        via.forwardOut('127.0.0.1', 0, hop.host, hop.port, (error: Error | undefined, channel: ClientChannel) => {
          clearTimeout(timer);
          if (error) reject(new UnreachableError(`${hopLabel(hop)} via ${viaLabel}`, error.message.replace(/^\(SSH\) /, ''), { cause: error }));
          else resolve(channel);
        });
      } catch (error) {
        clearTimeout(timer);
        reject(new UnreachableError(`${hopLabel(hop)} via ${viaLabel}`, `jump host connection is gone: ${(error as Error).message}`, { cause: error }));
      }
    });
}

export interface ConnectHopArgs {
  hop: HopEndpoint;
  identity: HopIdentity;
  dial: Dial;
  policy: HostKeyPolicy;
  auth: AuthSettings;
  settings: ConnectSettings;
  /** false: an unknown key fails (HostKeyUnknownError) instead of asking a person. Default true. */
  interactive?: boolean;
}

export interface ConnectedHop {
  client: Client;
  /** The key the host presented and the policy accepted for this connection. */
  hostKey: Buffer;
}

/**
 * Connects one hop. On an unknown host key the first handshake is refused, the key is settled
 * (accept-new or a person's answer), and a second handshake accepts exactly that key.
 */
export async function connectHop(args: ConnectHopArgs): Promise<ConnectedHop> {
  let approved: Buffer | null = null;
  for (let attempt = 0; ; attempt++) {
    const verification = await args.policy.prepare(args.identity, { approvedBlob: approved, interactive: args.interactive ?? true });
    const sock = await args.dial();
    verification.setAddress((sock as Partial<Socket>).remoteAddress ?? null);
    try {
      const client = await handshake(args, sock, verification.verify, verification.serverHostKeyAlgorithms);
      const outcome = verification.outcome();
      if (outcome.kind !== 'accepted') throw new Error('internal: handshake completed without an accepted host key');
      return { client, hostKey: outcome.keyBlob };
    } catch (error) {
      const outcome = verification.outcome();
      if (outcome.kind === 'refused') throw outcome.error;
      if (outcome.kind === 'unknown' && attempt === 0) {
        await args.policy.resolveUnknownKey(args.identity, outcome.keyBlob, outcome.note);
        approved = outcome.keyBlob;
        continue;
      }
      throw error;
    }
  }
}

function handshake(args: ConnectHopArgs, sock: Duplex, verify: (key: Buffer) => boolean, serverHostKey: string[]): Promise<Client> {
  const label = hopLabel(args.hop);
  return new Promise<Client>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      discardClient(client, sock);
      reject(error);
    };
    const startTimer = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new ConnectTimeoutError(label, args.settings.readyTimeoutMs, 'SSH handshake')), args.settings.readyTimeoutMs);
    };
    const auth = createHopAuth(args.hop, args.auth, { onPromptStart: () => clearTimeout(timer), onPromptEnd: startTimer });

    client.once('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.setNoDelay(true);
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (error.level === 'client-authentication') fail(new AuthFailedError(label, auth.tried()));
      else if (error.level === 'client-timeout') fail(new ConnectTimeoutError(label, args.settings.readyTimeoutMs, 'SSH handshake'));
      else if (error instanceof SshError) fail(error);
      else fail(new UnreachableError(label, describeHandshakeError(error), { cause: error }));
    });
    client.once('close', () => fail(new UnreachableError(label, 'the host closed the connection during the SSH handshake')));

    startTimer();
    client.connect({
      // Our own timer (above) replaces ssh2's readyTimeout so prompts do not count against it.
      ...keyExchangeOptions(sock, verify, serverHostKey),
      username: args.hop.user,
      authHandler: auth.handler,
      keepaliveInterval: args.settings.keepaliveIntervalMs,
      keepaliveCountMax: args.settings.keepaliveCountMax,
    });
  });
}
