// better-sqlite3 is a native addon compiled for one ABI. node_modules holds the Node build (for
// `npm test` and the CLI); the desktop app loads a separate Electron-ABI build from native/,
// passed with better-sqlite3's `nativeBinding` option, so neither runtime ever overwrites the
// other's copy. scripts/electron-native.mjs builds it (see docs/architecture.md).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeDirName(electronVersion: string, platform = process.platform, arch = process.arch): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/** Folders searched, in order: the packaged app's resources, then the development checkout. */
export function findElectronSqliteBinding(searchRoots: string[], electronVersion: string): string | null {
  const dirName = electronNativeDirName(electronVersion);
  for (const root of searchRoots) {
    const candidate = join(root, 'native', dirName, 'better_sqlite3.node');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
