// A fresh look at a host's key: a new TCP connection (or a new channel through the jump host), the
// SSH key exchange up to the host key, then hang up — no authentication, nothing sent to the host.
// "Check hosts" and the pre-run re-check use it, because a pooled connection only proves what the
// key was when it was opened: a host rekeyed (or replaced) since then must show up as changed.
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { Client } from 'ssh2';
import { ConnectTimeoutError, UnreachableError } from './errors';
import { describeHandshakeError, discardClient, keyExchangeOptions } from './keyExchange';

export interface ProbedKey {
  keyBlob: Buffer;
  /** The dialled IP (for CheckHostIP), when dialled directly. */
  address: string | null;
}

/** Runs the key exchange on `sock` and resolves with the key the host presented. */
export function probeHostKey(sock: Duplex, label: string, serverHostKey: string[], timeoutMs: number): Promise<ProbedKey> {
  return new Promise<ProbedKey>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    const address = (sock as Partial<Socket>).remoteAddress ?? null;
    const finish = (result: ProbedKey | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      discardClient(client, sock);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => finish(new ConnectTimeoutError(label, timeoutMs, 'SSH key exchange')), timeoutMs);
    client.on('error', (error: Error) => {
      if (!settled) finish(new UnreachableError(label, describeHandshakeError(error), { cause: error }));
    });
    client.once('close', () => finish(new UnreachableError(label, 'the host closed the connection during the SSH key exchange')));
    // Take the key and hang up: the key decides nothing here, the policy classifies it afterwards.
    const takeKey = (keyBlob: Buffer): boolean => {
      finish({ keyBlob: Buffer.from(keyBlob), address });
      return false;
    };
    client.connect({ ...keyExchangeOptions(sock, takeKey, serverHostKey), username: 'tminus-key-check' });
  });
}
