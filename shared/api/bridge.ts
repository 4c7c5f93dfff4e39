// What the Electron preload exposes on `window.tminus`: exactly one function per contract call
// (returning the error envelope, which survives structured cloning) and one event subscription.
// The preload is checked against this type, and the renderer reads it through this type, so the
// two cannot drift apart.
import type { ApiEventMessage, CallInput, CallName, CallResult } from './contract';
import type { Envelope } from './errors';

export type BridgeCalls = { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallResult<N>>> };

export type PreloadBridge = BridgeCalls & {
  onEvent(listener: (message: ApiEventMessage) => void): () => void;
};

export const BRIDGE_GLOBAL = 'tminus';
export const CALL_CHANNEL_PREFIX = 'tminus:call:';
export const EVENT_CHANNEL = 'tminus:event';
