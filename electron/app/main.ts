// The desktop shell: one hardened window over the same console the browser shell serves.
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createConsole, type ConsoleService } from '../console';
import { createConsoleClock } from '../core/consoleClock';
import { packageRoot, rendererDir } from '../core/paths';
import { StoreError } from '../store/errors';
import { APP_VERSION } from '../version';
import { APP_USER_MODEL_ID } from './appIdentity';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { hardenApp, hardenSession } from './hardening';
import { registerIpc } from './ipc';
import { printHtmlToPdf } from './pdf';
import { createSecretVault } from './secretVault';
import { showMetricNotifications } from './notifications';
import { electronSqliteBindingPath, engineLoadProblem, findElectronSqliteBinding } from './nativeBinding';
import { createQuitGuard, trackRunningSteps } from './quitGuard';
import { createMainWindow } from './window';
import { createDesktopShare } from './warRoomShare';
import { installWarRoomMenu } from './warRoomMenu';

const root = app.isPackaged ? app.getAppPath() : packageRoot(import.meta.url);
// A relative folder would be resolved against whatever directory the app happens to start in.
if (process.env.TMINUS_DATA_DIR) app.setPath('userData', resolve(process.env.TMINUS_DATA_DIR));
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

hardenApp();
registerAppScheme();

function cannotStart(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // A second window on the same workspace would be a second writer; focus the first instead.
  app.quit();
} else {
  let service: ConsoleService | null = null;
  const share = createDesktopShare(() => service, rendererDir(root), () => app.getPath('userData'));
  let stopRunningSteps = () => undefined as void;
  let runningSteps = () => 0;
  const quitGuard = createQuitGuard({
    runningSteps: () => runningSteps(),
    async confirmCancelSteps(running) {
      const [window] = BrowserWindow.getAllWindows();
      const options = {
        type: 'warning' as const,
        buttons: ['Cancel steps and quit', 'Keep running'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        title: 'Steps are running',
        message: 'Steps are running — cancel them and quit?',
        detail: `${running} step run${running === 1 ? ' is' : 's are'} still running on hosts. Quitting cancels ${running === 1 ? 'it' : 'them'} (logged as cancelled) before T-Minus closes.`,
      };
      const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    async closeConsole() {
      stopRunningSteps();
      await share.close();
      await service?.close();
    },
    quit: () => app.quit(),
    onCloseError: (error) => console.error('[tminus] closing the console failed:', error),
  });

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(() => {
    hardenSession();
    serveRenderer(rendererDir(root));
    const location = {
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      root,
      build: {
        electronVersion: process.versions.electron,
        sqliteVersion: (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version,
        platform: process.platform,
        arch: process.arch,
      },
    };
    const nativeBinding = findElectronSqliteBinding(location);
    if (!nativeBinding) {
      const fix = app.isPackaged ? 'This package is incomplete: reinstall T-Minus.' : `Run "npm run build:native" in ${root}, then start again.`;
      cannotStart('T-Minus cannot start', `The database engine built for Electron ${process.versions.electron} (${process.platform}-${process.arch}) is missing: ${electronSqliteBindingPath(location)}. ${fix}`);
      return;
    }
    const loadProblem = engineLoadProblem(nativeBinding);
    if (loadProblem) {
      cannotStart('T-Minus cannot start', `The database engine ${nativeBinding} could not be loaded (${loadProblem}). Your workspace is untouched; rebuild the engine with "npm run build:native" or reinstall T-Minus.`);
      return;
    }
    try {
      // Secrets given in a session survive a restart only encrypted by the OS keychain; else memory only.
      const secretVault = createSecretVault(join(app.getPath('userData'), 'secrets'), safeStorage) ?? undefined;
      service = createConsole({ dataDir: app.getPath('userData'), version: APP_VERSION, shell: 'desktop', nativeBinding, clock: createConsoleClock(), share, secretVault, printPdf: printHtmlToPdf });
    } catch (error) {
      const message = error instanceof StoreError ? error.message : `Unexpected error: ${String(error)}`;
      cannotStart('T-Minus cannot open its workspace', message);
      return;
    }
    const steps = trackRunningSteps((listener) => service!.hub.subscribe(listener));
    runningSteps = steps.count;
    stopRunningSteps = steps.dispose;
    installWarRoomMenu(() => service, share);
    const window = createMainWindow(join(root, 'dist', 'electron', 'preload.cjs'));
    const unregister = registerIpc(service, window);
    const stopNotifications = showMetricNotifications(service.hub, () => window);
    window.on('close', (event) => quitGuard.intercept(event));
    window.on('closed', () => {
      unregister();
      stopNotifications();
    });
  });

  app.on('before-quit', (event) => quitGuard.intercept(event));
  app.on('window-all-closed', () => app.quit());
}
