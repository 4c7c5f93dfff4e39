// The database engine a desktop package ships: the Electron-ABI better-sqlite3 for the package's
// own platform and architecture, copied to native/.package/ just before electron-builder copies
// extraResources (so resources/native/better_sqlite3.node is always the target's build). Without
// it the package could not open its workspace, so packaging stops here with the reason.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nativeDirName } from './nativeBuildPlan.mjs';

export const PACKAGE_STAGE = join('native', '.package');

/**
 * @param {{ projectDir: string, platform: string, arch: string, electronVersion: string,
 *   sqliteVersion: string, buildEngine: (target: { platform: string, arch: string }) => { ok: boolean, detail?: string } }} options
 * @returns {string} the staged file
 */
export function stageEngineForPackage({ projectDir, platform, arch, electronVersion, sqliteVersion, buildEngine }) {
  const stage = join(projectDir, PACKAGE_STAGE);
  rmSync(stage, { recursive: true, force: true });
  const built = join(projectDir, 'native', nativeDirName({ electronVersion, sqliteVersion, platform, arch }), 'better_sqlite3.node');
  if (!existsSync(built)) {
    const outcome = buildEngine({ platform, arch });
    if (!outcome.ok || !existsSync(built)) {
      const detail = outcome.detail ? ` (${outcome.detail})` : '';
      throw new Error(
        `T-Minus was not packaged: the database engine for this package — better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion}, ${platform}-${arch} — is missing and could not be built${detail}. ` +
          `A package without it could not open its workspace. Build it with "npm run build:native -- --platform=${platform} --arch=${arch}" on a machine that has a compiler or can download prebuilt binaries, then run "npm run dist" again.`,
      );
    }
  }
  mkdirSync(stage, { recursive: true });
  const staged = join(stage, 'better_sqlite3.node');
  copyFileSync(built, staged);
  return staged;
}
