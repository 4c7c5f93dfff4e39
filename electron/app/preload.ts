// The sandboxed preload: exposes the contract's calls and the event subscription, nothing else.
// No Node, no ipcRenderer, no generic "invoke any channel" escape hatch reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, CALL_CHANNEL_PREFIX, EVENT_CHANNEL, type BridgeCalls, type PreloadBridge } from '../../shared/api/bridge';
import { callNames, type ApiEventMessage } from '../../shared/api/contract';

const calls = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${name}`, input)]),
) as BridgeCalls;

const bridge: PreloadBridge = {
  ...calls,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
