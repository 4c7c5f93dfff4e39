// The renderer side of the Electron STAND-IN: runs the built preload (dist/electron/preload.cjs) as
// a sandboxed, context-isolated preload runs — in its own V8 context, where `require` knows only
// 'electron' (a sandboxed preload gets no Node modules; anything else is bundled or it fails) — and
// gives the test the page's view: what contextBridge exposed in the main world.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

export interface RendererWorld {
  /** The page's globals that the preload exposed (window.tminus …). */
  mainWorld: Record<string, unknown>;
  /** A message pushed by the main process (webContents.send), already cloned. */
  deliver(channel: string, args: unknown[]): void;
  dispose(): void;
}

export interface PreloadOptions {
  sandboxed: boolean;
  contextIsolation: boolean;
  invoke(channel: string, args: unknown[]): Promise<unknown>;
}

export class SandboxedRequireError extends Error {}

export function runPreload(preloadPath: string, options: PreloadOptions): RendererWorld {
  if (!options.sandboxed || !options.contextIsolation) {
    throw new Error('[electron stand-in] only sandboxed, context-isolated preloads are emulated (the desktop window must use both)');
  }
  const mainWorld: Record<string, unknown> = {};
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  let disposed = false;
  const ipcRenderer = {
    // async, as Electron's: a payload that cannot be cloned rejects the promise.
    async invoke(channel: string, ...args: unknown[]) {
      if (disposed) throw new Error('the page is gone');
      return options.invoke(channel, args);
    },
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      mainWorld[key] = bridgeCopy(api);
    },
  };
  const sandboxedRequire = (name: string) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new SandboxedRequireError(`module not found: ${name} (a sandboxed preload can only require 'electron')`);
  };
  const code = readFileSync(preloadPath, 'utf8');
  const module = { exports: {} as unknown };
  const wrapper = runInNewContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { console }, { filename: preloadPath }) as (
    exports: unknown,
    require: (name: string) => unknown,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  wrapper(module.exports, sandboxedRequire, module, preloadPath, '.');
  return {
    mainWorld,
    deliver(channel, args) {
      if (disposed) return;
      for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...args);
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
}

/**
 * contextBridge's copy: plain data is cloned, functions become proxies the page can call (what
 * they pass on to ipcRenderer is cloned there, as in Electron).
 */
function bridgeCopy(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => fn(...args);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, bridgeCopy(inner)]));
  }
  return structuredClone(value);
}
