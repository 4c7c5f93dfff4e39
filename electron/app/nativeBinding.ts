// better-sqlite3 is a native addon compiled for one ABI. node_modules holds the Node build (for
// `npm test` and the CLI); the desktop app loads a separate Electron-ABI build, passed with
// better-sqlite3's `nativeBinding` option, so neither runtime ever overwrites the other's copy.
// scripts/electron-native.mjs builds it into native/<folder below>; a package carries the one for
// its own architecture as resources/native/better_sqlite3.node (scripts/before-pack.cjs).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EngineBuild {
  electronVersion: string;
  sqliteVersion: string;
  platform: string;
  arch: string;
}

/** Same name as scripts/desktopBuild/nativeBuildPlan.mjs `nativeDirName` (a unit test keeps them equal). */
export function electronNativeDirName(build: EngineBuild): string {
  return `electron-${build.electronVersion}-better-sqlite3-${build.sqliteVersion}-${build.platform}-${build.arch}`;
}

export interface EngineLocation {
  packaged: boolean;
  /** process.resourcesPath of the packaged app. */
  resourcesPath: string;
  /** The development checkout. */
  root: string;
  build: EngineBuild;
}

/** Where the engine should be for this run (it may not be there). */
export function electronSqliteBindingPath(location: EngineLocation): string {
  return location.packaged
    ? join(location.resourcesPath, 'native', 'better_sqlite3.node')
    : join(location.root, 'native', electronNativeDirName(location.build), 'better_sqlite3.node');
}

export function findElectronSqliteBinding(location: EngineLocation): string | null {
  const candidate = electronSqliteBindingPath(location);
  return existsSync(candidate) ? candidate : null;
}

/**
 * Loads the engine once on an in-memory database: a binary for the wrong ABI or architecture, or
 * a damaged one, is reported as the engine's problem — not as "cannot be opened as a database",
 * which would send the user looking at a workspace file that is fine.
 */
export function engineLoadProblem(binding: string): string | null {
  try {
    new Database(':memory:', { nativeBinding: binding }).close();
    return null;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  }
}
