// A STAND-IN for the `electron` module — not Electron. The built desktop main process
// (dist/electron/main.cjs) runs under plain Node with this in place of `require('electron')`, so
// the code that only a machine with Electron could run is run here. It enforces the rules of
// Electron that the shell's code depends on, and fails loudly where real Electron would:
//   - APIs that need the app to be ready throw before `ready` (BrowserWindow, session, protocol.handle);
//     APIs that must run before it throw after (protocol.registerSchemesAsPrivileged, app.enableSandbox);
//   - one ipcMain.handle per channel ("Attempted to register a second handler");
//   - every IPC payload and result crosses as a structured clone (functions, class instances lose);
//   - WebFrameMain.origin is the origin string Chromium reports (chromiumOrigin.ts), not the URL
//     standard's — a scheme registered as standard gets scheme://host;
//   - requests go through the session's webRequest filter before any protocol handler;
//   - the sandboxed preload may require only 'electron' (renderer.ts).
// printToPDF is the real thing one level down: headless Chromium (Debian's /usr/bin/chromium,
// through Playwright) prints the page, with the window's session filter applied to its requests.
// What it cannot show: Chromium's own window, GPU, OS dialogs, the real IPC process boundary.
import { EventEmitter } from 'node:events';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../chromium';
import { chromiumOrigin } from './chromiumOrigin';
import { StandInRuleError } from './ruleError';
import { StandInFrame, StandInSession } from './session';
import { createStandInMenu } from './menu';
import { runPreload, type RendererWorld } from './renderer';

export { StandInRuleError } from './ruleError';

function preventable() {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

export function createElectronStandIn(options: { userData: string; appPath: string; printToPdf?: boolean }) {
  let ready = false;
  let markReady: () => void = () => undefined;
  const whenReadyPromise = new Promise<void>((resolve) => (markReady = resolve));
  let markExited: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (markExited = resolve));
  const standardSchemes: string[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const paths = new Map<string, string>([['userData', options.userData]]);
  const windows: StandInWindow[] = [];
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const messageBoxes: Array<{ message: string; buttons: string[] }> = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const openedExternally: string[] = [];
  let messageBoxAnswer = 0;
  let nextContentsId = 1;
  let quitting = false;
  let browser: Promise<Browser> | null = null;

  const requireReady = (api: string) => {
    if (!ready) throw new StandInRuleError(`${api} cannot be used before the app is ready`);
  };

  let defaultSession: StandInSession | null = null;
  const partitions = new Map<string, StandInSession>();

  class StandInWebContents extends EventEmitter {
    readonly id = nextContentsId++;
    readonly mainFrame = new StandInFrame(standardSchemes);
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    world: RendererWorld | null = null;
    private destroyed = false;
    constructor(readonly window: StandInWindow) {
      super();
    }
    get session(): StandInSession {
      return this.window.session;
    }
    getURL() {
      return this.mainFrame.url;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
      this.world?.dispose();
    }
    setWindowOpenHandler(handler: StandInWebContents['windowOpenHandler']) {
      this.windowOpenHandler = handler;
    }
    send(channel: string, ...args: unknown[]) {
      if (this.destroyed) throw new StandInRuleError('send on a destroyed webContents');
      this.world?.deliver(channel, args.map((arg) => structuredClone(arg)));
    }
    async printToPDF(pdfOptions: { pageSize?: string; printBackground?: boolean; preferCSSPageSize?: boolean; generateDocumentOutline?: boolean }) {
      if (!options.printToPdf) throw new StandInRuleError('printToPDF was not enabled for this run');
      browser ??= chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
      const context = await (await browser).newContext({ javaScriptEnabled: this.window.webPreferences.javascript !== false });
      try {
        // The print window's session filter decides every request its page makes.
        await context.route('**/*', (route) => (this.session.allows(route.request().url(), route.request().resourceType()) ? route.continue() : route.abort('blockedbyclient')));
        const page = await context.newPage();
        await page.goto(this.mainFrame.url);
        const pdf = await page.pdf({
          format: pdfOptions.pageSize === 'A4' ? 'A4' : 'Letter',
          printBackground: pdfOptions.printBackground,
          preferCSSPageSize: pdfOptions.preferCSSPageSize,
          outline: pdfOptions.generateDocumentOutline,
        });
        return Buffer.from(pdf);
      } finally {
        await context.close();
      }
    }
    /** What the page would do: navigate itself. Returns whether the navigation happened. */
    rendererNavigates(url: string): boolean {
      const event = preventable();
      this.emit('will-navigate', event, url);
      if (event.defaultPrevented) return false;
      this.mainFrame.url = url;
      return true;
    }
    /** What the page would do: window.open(url). */
    rendererOpensWindow(url: string): string {
      if (!this.windowOpenHandler) return 'allow';
      return this.windowOpenHandler({ url }).action;
    }
    rendererAttachesWebview(): boolean {
      const event = preventable();
      this.emit('will-attach-webview', event, {}, {});
      return !event.defaultPrevented;
    }
    /** What Chromium does when the page asks for a permission. */
    rendererRequestsPermission(permission: string, details: { isMainFrame: boolean; requestingUrl: string }): Promise<boolean> {
      const handler = this.session.permissionRequest;
      if (!handler) return Promise.resolve(true);
      return new Promise((resolve) => handler(this, permission, resolve, details));
    }
    rendererChecksPermission(permission: string, details: { isMainFrame: boolean; requestingUrl: string }): boolean {
      const handler = this.session.permissionCheck;
      if (!handler) return true;
      return handler(this, permission, chromiumOrigin(details.requestingUrl, standardSchemes), details);
    }
  }

  class StandInWindow extends EventEmitter {
    readonly webContents: StandInWebContents;
    readonly webPreferences: Record<string, unknown>;
    readonly session: StandInSession;
    private destroyed = false;
    visible = false;
    constructor(windowOptions: { webPreferences?: Record<string, unknown>; show?: boolean } = {}) {
      super();
      requireReady('new BrowserWindow()');
      this.webPreferences = { ...windowOptions.webPreferences };
      this.session = (this.webPreferences.session as StandInSession | undefined) ?? electron.session.defaultSession;
      this.webContents = new StandInWebContents(this);
      windows.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    static getAllWindows() {
      return windows.filter((w) => !w.isDestroyed());
    }
    async loadURL(url: string) {
      if (this.destroyed) throw new StandInRuleError('loadURL on a destroyed window');
      this.webContents.world?.dispose();
      this.webContents.world = null;
      if (!this.session.allows(url)) throw new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`);
      const scheme = new URL(url).protocol.slice(0, -1);
      if (protocolHandlers.has(scheme)) {
        const response = await protocolHandlers.get(scheme)!(new Request(url));
        if (response.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND loading '${url}' (${response.status})`);
      }
      this.webContents.mainFrame.url = url;
      const preload = this.webPreferences.preload;
      if (typeof preload === 'string') {
        this.webContents.world = runPreload(preload, {
          sandboxed: this.webPreferences.sandbox === true,
          contextIsolation: this.webPreferences.contextIsolation !== false,
          invoke: (channel, args) => invokeFromRenderer(this.webContents, channel, args),
        });
      }
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroy();
      this.emit('closed');
    }
    /** The user closes the window (or app.quit closes it): preventable, then gone. */
    close(): boolean {
      if (this.destroyed) return true;
      const event = preventable();
      this.emit('close', event);
      if (event.defaultPrevented) return false;
      this.destroy();
      if (!quitting && BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
      return true;
    }
    show() {
      this.visible = true;
    }
    focus() {}
    isMinimized() {
      return false;
    }
    restore() {}
  }
  const BrowserWindow = StandInWindow;

  async function invokeFromRenderer(contents: StandInWebContents, channel: string, args: unknown[]): Promise<unknown> {
    // Structured clone both ways, as Electron's IPC does: a function or a class instance never crosses.
    await Promise.resolve();
    const cloned = args.map((arg) => structuredClone(arg));
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender: contents, senderFrame: contents.isDestroyed() ? null : contents.mainFrame, processId: 1, frameId: 1 };
    try {
      return structuredClone(await handler(event, ...cloned));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }

  class StandInApp extends EventEmitter {
    readonly isPackaged = true;
    getAppPath() {
      return options.appPath;
    }
    getPath(name: string) {
      const path = paths.get(name);
      if (!path) throw new StandInRuleError(`no stand-in path for "${name}"`);
      return path;
    }
    setPath(name: string, path: string) {
      if (!/^([/\\]|[A-Za-z]:)/.test(path)) throw new Error(`Path must be absolute: ${path}`);
      paths.set(name, path);
    }
    setAppUserModelId(id: string) {
      this.appUserModelId = id;
    }
    appUserModelId: string | null = null;
    enableSandbox() {
      if (ready) throw new StandInRuleError('app.enableSandbox() must be called before the app is ready');
    }
    requestSingleInstanceLock() {
      return true;
    }
    isReady() {
      return ready;
    }
    whenReady() {
      return whenReadyPromise;
    }
    quit() {
      if (quitting) return;
      const before = preventable();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      quitting = true;
      for (const window of BrowserWindow.getAllWindows()) {
        if (!window.close()) {
          quitting = false;
          return;
        }
      }
      const willQuit = preventable();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) {
        quitting = false;
        return;
      }
      this.emit('quit', preventable(), 0);
      markExited(0);
    }
    exit(code = 0) {
      for (const window of BrowserWindow.getAllWindows()) window.destroy();
      markExited(code);
    }
  }
  const app = new StandInApp();
  const menu = createStandInMenu(requireReady);

  const electron = {
    Menu: menu.Menu,
    app,
    BrowserWindow,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        ipcHandlers.delete(channel);
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: { standard?: boolean } }>) {
        if (ready) throw new StandInRuleError('protocol.registerSchemesAsPrivileged should be called before app is ready');
        for (const { scheme, privileges } of schemes) if (privileges?.standard) standardSchemes.push(scheme);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
        requireReady('protocol.handle');
        if (protocolHandlers.has(scheme)) throw new Error(`The scheme has been handled: ${scheme}`);
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      get defaultSession() {
        requireReady('session.defaultSession');
        defaultSession ??= new StandInSession(protocolHandlers);
        return defaultSession;
      },
      fromPartition(partition: string) {
        requireReady('session.fromPartition');
        if (!partitions.has(partition)) partitions.set(partition, new StandInSession(protocolHandlers));
        return partitions.get(partition)!;
      },
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        errorBoxes.push({ title, content });
      },
      async showMessageBox(...args: unknown[]) {
        requireReady('dialog.showMessageBox');
        const boxOptions = (args.length > 1 ? args[1] : args[0]) as { message: string; buttons: string[] };
        messageBoxes.push({ message: boxOptions.message, buttons: boxOptions.buttons });
        return { response: messageBoxAnswer, checkboxChecked: false };
      },
    },
    // No keyring in the stand-in: the desktop keeps secrets in memory only, as on a Linux desktop without one.
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => {
        throw new StandInRuleError('safeStorage is unavailable');
      },
      decryptString: () => {
        throw new StandInRuleError('safeStorage is unavailable');
      },
    },
    shell: {
      async openExternal(url: string) {
        openedExternally.push(url);
      },
    },
    Notification: class extends EventEmitter {
      static isSupported() {
        return true;
      }
      constructor(readonly content: { title: string; body: string }) {
        super();
      }
      show() {
        notifications.push({ title: this.content.title, body: this.content.body });
      }
      close() {}
    },
  };

  /** What the test controls and observes; never seen by the code under test. */
  const control = {
    /** Electron emits 'ready' once the main script's first turn is done. */
    becomeReady() {
      ready = true;
      markReady();
      app.emit('ready');
    },
    exited,
    windows: () => BrowserWindow.getAllWindows(),
    errorBoxes,
    messageBoxes,
    notifications,
    openedExternally,
    answerMessageBoxesWith(response: number) {
      messageBoxAnswer = response;
    },
    channels: () => [...ipcHandlers.keys()],
    clickMenuItem: menu.clickMenuItem,
    defaultSession: () => electron.session.defaultSession,
    /** A message from some frame, straight to the handler (as a compromised or foreign renderer would send it). */
    invokeAs(event: { sender: { id: number }; senderFrame: { url: string; origin: string; parent: unknown } | null }, channel: string, ...args: unknown[]) {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new StandInRuleError(`no handler for ${channel}`);
      return handler(event, ...args.map((arg) => structuredClone(arg)));
    },
    originOf: (url: string) => chromiumOrigin(url, standardSchemes),
    async dispose() {
      if (browser) await (await browser).close();
    },
  };
  return { electron, control };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
export type StandInBrowserWindow = InstanceType<ElectronStandIn['electron']['BrowserWindow']>;
