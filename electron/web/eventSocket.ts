// One WebSocket per browser for pushed events. A client that cannot keep up is disconnected
// rather than buffered without bound; it reconnects and re-reads state from the log, which is
// the truth, so nothing is lost — only the slow client's live view restarts.
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventHub } from '../core/eventHub';
import type { CallContext } from '../core/router';
import type { WarRoom } from '../warroom/warRoom';
import { SEAT_REVOKED_CLOSE_CODE } from '../../shared/api/transportAuth';
import { chooseSocketProtocol } from './auth';

const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/**
 * Step output is the one flood: past this much unsent, a client gets no more `step.output` (it
 * reads what it missed with getRunOutput when the next chunk or the host's end shows the gap), so
 * it keeps its connection and every other event instead of being dropped.
 */
const MAX_BUFFERED_BEFORE_SKIPPING_OUTPUT = 2 * 1024 * 1024;
const PING_INTERVAL_MS = 15_000;

export interface EventSocketOptions {
  hub: EventHub;
  /** Who the request is (access, and the seat if it is one), or null to refuse the upgrade. */
  authorize(request: IncomingMessage): CallContext | null;
  /** Seats' presence and revocation; without it seats are served like any writer. */
  warRoom?: Pick<WarRoom, 'connected' | 'onRevoked'>;
}



/** Returns the closer: upgraded sockets keep the HTTP server from closing until they end. */
export function attachEventSocket(servers: EventEmitter[], options: EventSocketOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, handleProtocols: chooseSocketProtocol });
  const alive = new WeakMap<WebSocket, boolean>();
  const callers = new WeakMap<WebSocket, CallContext>();
  // A revoked seat's pages are cut off at once, not at their next call.
  const stopWatchingRevocations = options.warRoom?.onRevoked((seatId) => {
    for (const ws of wss.clients) if (callers.get(ws)?.seat?.seatId === seatId) ws.close(SEAT_REVOKED_CLOSE_CODE, 'seat revoked');
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An upgrade listener's throw, or an error on a socket nobody listens to, would end the whole
    // process: one bad request must only ever cost its own connection.
    socket.on('error', () => socket.destroy());
    try {
      const caller = options.authorize(request);
      if (!caller) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        callers.set(ws, caller);
        wss.emit('connection', ws, request);
      });
    } catch (error) {
      console.error('[tminus] event socket upgrade failed:', error);
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
  // The loopback listener and the LAN one (when there is one) share one set of clients.
  for (const server of servers) server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket, request: IncomingMessage) => {
    alive.set(ws, true);
    const seat = callers.get(ws)?.seat;
    const released = seat && options.warRoom ? options.warRoom.connected(seat, request.socket.remoteAddress ?? null) : null;
    if (released) ws.on('close', released);
    ws.on('pong', () => alive.set(ws, true));
    // Clients only listen; anything they send is ignored.
    ws.on('message', () => undefined);
    const unsubscribe = options.hub.subscribe((message) => {
      if (ws.readyState !== ws.OPEN) return;
      // A seat hears its own session only (and what names no session).
      if (seat && !concernsSession(message.payload, seat.sessionId)) return;
      if (message.event === 'step.output' && ws.bufferedAmount > MAX_BUFFERED_BEFORE_SKIPPING_OUTPUT) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'client too slow; reconnect to resync');
        return;
      }
      ws.send(JSON.stringify(message));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    ws.send(JSON.stringify({ event: 'hello', payload: {} }));
  });

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();
  return {
    close() {
      clearInterval(pinger);
      stopWatchingRevocations?.();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function concernsSession(payload: unknown, sessionId: string): boolean {
  const named = (payload as { sessionId?: unknown } | null)?.sessionId;
  return typeof named !== 'string' || named === sessionId;
}
