// What a full connection (connect.ts) and a key-only look (hostKeyProbe.ts) share: the ssh2 client
// options for the key exchange on an already dialled socket, how a client is thrown away, and how
// a failed handshake is described.
import type { Duplex } from 'node:stream';
import type { Client, ConnectConfig } from 'ssh2';

/** Key exchange on `sock`, offering the policy's host-key algorithms; ssh2's own timeout is off (the caller's timer runs instead, paused during prompts). */
export function keyExchangeOptions(sock: Duplex, hostVerifier: (key: Buffer) => boolean, serverHostKey: string[]): ConnectConfig {
  return { sock, hostVerifier, algorithms: { serverHostKey: serverHostKey as never }, readyTimeout: 0 };
}

/** Ends a client and its socket for good; whatever the client still reports is ignored. */
export function discardClient(client: Client, sock: Duplex): void {
  client.removeAllListeners('ready');
  client.on('error', () => {});
  client.destroy();
  sock.destroy();
}

export function describeHandshakeError(error: Error): string {
  if (/verification failed/i.test(error.message)) return 'host key verification failed';
  if (/before handshake/i.test(error.message)) return 'the connection closed before the SSH handshake (is an SSH server listening?)';
  return error.message;
}
