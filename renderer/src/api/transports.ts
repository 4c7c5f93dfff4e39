// The two ways the renderer reaches the console. It cannot tell which shell it runs in beyond
// picking one of these at start-up.
import { BRIDGE_GLOBAL, type PreloadBridge } from '../../../shared/api/bridge';
import type { ApiTransport } from '../../../shared/api/client';
import type { ApiEventMessage } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/errors';
import { EVENT_SOCKET_PROTOCOL, EVENT_SOCKET_TOKEN_PREFIX, SEAT_REVOKED_CLOSE_CODE } from '../../../shared/api/transportAuth';
import { goToLogin, takeAccessToken } from './accessToken';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface RendererTransport extends ApiTransport {
  /** Live-event connection state; 'open' again after a drop means "re-read your state". */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: PreloadBridge;
  }
}

export function pickTransport(): RendererTransport {
  const bridge = window[BRIDGE_GLOBAL];
  if (bridge) return ipcTransport(bridge);
  const token = takeAccessToken();
  if (!token) {
    goToLogin();
    return inertTransport();
  }
  return httpTransport(token);
}

/** While the page leaves for the login form: nothing to call, nothing to hear. */
function inertTransport(): RendererTransport {
  return {
    call: async () => ({ ok: false, error: { code: 'unauthorized', message: 'Access token missing.' } }),
    subscribe: () => () => undefined,
    onConnection(listener) {
      listener('connecting');
      return () => undefined;
    },
  };
}

function ipcTransport(bridge: PreloadBridge): RendererTransport {
  return {
    call: (name, input) => (bridge[name] as (input: unknown) => Promise<Envelope<unknown>>)(input),
    subscribe: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('open');
      return () => undefined;
    },
  };
}

const unreachable = (detail: string): Envelope<never> => ({
  ok: false,
  error: { code: 'unavailable', message: `The console server is not reachable (${detail}). Is \`tminus serve\` still running?` },
});

function httpTransport(token: string): RendererTransport {
  const listeners = new Set<(message: ApiEventMessage) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let retryMs = 250;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = () => {
    let socket: WebSocket;
    try {
      // A browser cannot set headers on a WebSocket: the token rides as an offered subprotocol.
      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`, [
        EVENT_SOCKET_PROTOCOL,
        `${EVENT_SOCKET_TOKEN_PREFIX}${token}`,
      ]);
    } catch {
      // Only a token with characters no subprotocol may hold gets here: it is not ours.
      goToLogin();
      return;
    }
    socket.onmessage = (message) => {
      const parsed = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      if (parsed.event === 'hello') {
        retryMs = 250;
        setState('open');
        return;
      }
      for (const listener of listeners) listener(parsed as ApiEventMessage);
    };
    socket.onclose = (event) => {
      // The IC revoked this seat: its token is dead, so leave for the login page at once.
      if (event.code === SEAT_REVOKED_CLOSE_CODE) {
        goToLogin();
        return;
      }
      setState('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    async call(name, input) {
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
          credentials: 'omit',
        });
      } catch (error) {
        return unreachable(error instanceof Error ? error.message : 'network error');
      }
      if (response.status === 401) goToLogin();
      try {
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return unreachable(`HTTP ${response.status}`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
