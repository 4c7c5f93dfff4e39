// The desktop shell: one hardened window over the same console the browser shell serves.
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import { join } from 'node:path';
import { createConsole, type ConsoleService } from '../console';
import { createConsoleClock } from '../core/consoleClock';
import { packageRoot, rendererDir } from '../core/paths';
import { StoreError } from '../store/errors';
import { APP_VERSION } from '../version';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { hardenApp, hardenSession } from './hardening';
import { registerIpc } from './ipc';
import { printHtmlToPdf } from './pdf';
import { createSecretVault } from './secretVault';
import { showMetricNotifications } from './notifications';
import { findElectronSqliteBinding } from './nativeBinding';
import { createMainWindow } from './window';
import { createDesktopShare } from './warRoomShare';

const root = app.isPackaged ? app.getAppPath() : packageRoot(import.meta.url);
if (process.env.TMINUS_DATA_DIR) app.setPath('userData', process.env.TMINUS_DATA_DIR);

hardenApp();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second window on the same workspace would be a second writer; focus the first instead.
  app.quit();
} else {
  let service: ConsoleService | null = null;
  const share = createDesktopShare(() => service, rendererDir(root));

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
    const nativeBinding = findElectronSqliteBinding([process.resourcesPath, root], process.versions.electron);
    if (!nativeBinding) {
      dialog.showErrorBox(
        'T-Minus cannot start',
        `The database engine built for Electron ${process.versions.electron} is missing. Run "npm run build:native" in ${root}, then start again.`,
      );
      app.exit(1);
      return;
    }
    try {
      // Secrets given in a session survive a restart only encrypted by the OS keychain; else memory only.
      const secretVault = createSecretVault(join(app.getPath('userData'), 'secrets'), safeStorage) ?? undefined;
      service = createConsole({ dataDir: app.getPath('userData'), version: APP_VERSION, shell: 'desktop', nativeBinding, clock: createConsoleClock(), share, secretVault, printPdf: printHtmlToPdf });
    } catch (error) {
      const message = error instanceof StoreError ? error.message : `Unexpected error: ${String(error)}`;
      dialog.showErrorBox('T-Minus cannot open its workspace', message);
      app.exit(1);
      return;
    }
    const window = createMainWindow(join(root, 'dist', 'electron', 'preload.cjs'));
    const unregister = registerIpc(service, window);
    const stopNotifications = showMetricNotifications(service.hub, () => window);
    window.on('closed', () => {
      unregister();
      stopNotifications();
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void share.close();
    void service?.close();
  });
}
