// The LAN listener speaks TLS only. A plaintext request to it is not left to fail as a TLS error
// (a reset the person cannot read): the first byte says which it is — a TLS handshake starts with
// 0x16 — and a plaintext one gets a short HTTP answer saying to use https://, then the close.
// Nothing of the console is ever served over that plaintext connection.
import { createServer, type Socket } from 'node:net';
import type { Server as TlsServer } from 'node:https';

const TLS_HANDSHAKE = 0x16;
const PLAINTEXT_REFUSAL =
  'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
  'This T-Minus listener speaks HTTPS only. Open the https:// link the console printed.\n';

export async function listenHttpsOnly(tls: TlsServer, host: string, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const front = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      if (first[0] !== TLS_HANDSHAKE) {
        socket.end(PLAINTEXT_REFUSAL);
        return;
      }
      socket.pause();
      socket.unshift(first);
      tls.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    front.once('error', rejectListen);
    front.listen(port, host, () => resolveListen());
  });
  return {
    port: (front.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolveClose) => {
        front.close(() => resolveClose());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
