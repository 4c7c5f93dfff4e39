// The client every UI uses, whatever carries the calls (Electron IPC or HTTP + WebSocket).
import { callNames, type ApiEventMessage, type ApiFunctions, type CallName } from './contract';
import { ApiError, type Envelope } from './errors';

export interface ApiTransport {
  call(name: CallName, input: unknown): Promise<Envelope<unknown>>;
  /** Pushed events; returns the unsubscribe function. */
  subscribe(listener: (message: ApiEventMessage) => void): () => void;
}

export type ApiClient = ApiFunctions & {
  subscribe(listener: (message: ApiEventMessage) => void): () => void;
};

export function createApiClient(transport: ApiTransport): ApiClient {
  const functions = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: unknown) => {
        const envelope = await transport.call(name, input ?? {});
        if (!envelope.ok) throw ApiError.from(envelope.error);
        return envelope.result;
      },
    ]),
  ) as ApiFunctions;
  return { ...functions, subscribe: (listener) => transport.subscribe(listener) };
}
