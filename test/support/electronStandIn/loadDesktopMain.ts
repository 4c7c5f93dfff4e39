// Loads the BUILT desktop main process (dist/electron/main.cjs) under plain Node with the Electron
// STAND-IN answering `require('electron')`, laid out as a packaged app: app.getAppPath() is the
// checkout (its dist/), process.resourcesPath holds native/better_sqlite3.node. The stand-in's
// engine is better-sqlite3's Node build, since the stand-in runs under Node's ABI — which is the
// one thing a real package must not do, and why the engine's ABI is checked by the build script.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createElectronStandIn, type ElectronStandIn } from './mainProcess';

const require = createRequire(import.meta.url);

export interface LoadedDesktop {
  electron: ElectronStandIn['electron'];
  control: ElectronStandIn['control'];
  mainPath: string;
}

export function loadDesktopMain(options: { root: string; userData: string; resourcesPath: string; printToPdf?: boolean }): LoadedDesktop {
  const mainPath = join(options.root, 'dist', 'electron', 'main.cjs');
  if (!existsSync(mainPath) || !existsSync(join(options.root, 'dist', 'electron', 'preload.cjs'))) {
    throw new Error(`${mainPath} is not built: run "npm run build" first (the harness runs the built files, not the sources)`);
  }
  mkdirSync(join(options.resourcesPath, 'native'), { recursive: true });
  const nodeEngine = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  copyFileSync(nodeEngine, join(options.resourcesPath, 'native', 'better_sqlite3.node'));

  const { electron, control } = createElectronStandIn({ userData: options.userData, appPath: options.root, printToPdf: options.printToPdf });
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  Object.defineProperty(process, 'resourcesPath', { value: options.resourcesPath, configurable: true });
  Object.defineProperty(process.versions, 'electron', { value: electronVersion, configurable: true, enumerable: true });

  // Only the desktop bundle's `require('electron')` is answered by the stand-in.
  const loader = Module as unknown as { _load(request: string, parent: { filename?: string } | null, isMain: boolean): unknown };
  const originalLoad = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request === 'electron' && parent?.filename?.startsWith(join(options.root, 'dist', 'electron'))) return electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  require(mainPath);
  return { electron, control, mainPath };
}
