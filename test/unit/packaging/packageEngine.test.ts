// `npm run dist` ships the database engine for the architecture being packed, or stops with the
// reason — never a package that cannot open its workspace. The hook is driven here with
// electron-builder's own context shape; the build itself is a stand-in where it must fail.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeDirName } from '../../../scripts/desktopBuild/nativeBuildPlan.mjs';
import { stageEngineForPackage } from '../../../scripts/desktopBuild/packageEngine.mjs';

const require = createRequire(import.meta.url);
const beforePack = (require('../../../scripts/before-pack.cjs') as { default: (context: unknown) => Promise<void> }).default;
const sqliteVersion = (require('better-sqlite3/package.json') as { version: string }).version;
const versions = { electronVersion: '40.10.2', sqliteVersion };
const dirs: string[] = [];
const project = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tminus-pack-'));
  dirs.push(dir);
  return dir;
};
const placeEngine = (dir: string, platform: string, arch: string) => {
  const folder = join(dir, 'native', nativeDirName({ ...versions, platform, arch }));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'better_sqlite3.node'), `engine for ${platform}-${arch}`);
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('packaging the database engine', () => {
  it('stops packaging with the reason when the engine for the target cannot be built', () => {
    const dir = project();
    const targets: unknown[] = [];
    const attempt = () =>
      stageEngineForPackage({ projectDir: dir, platform: 'linux', arch: 'arm64', ...versions, buildEngine: (target) => (targets.push(target), { ok: false, detail: 'getaddrinfo ENOTFOUND github.com' }) });
    expect(attempt).toThrow(/T-Minus was not packaged: the database engine .* 40\.10\.2, linux-arm64 — is missing and could not be built \(getaddrinfo ENOTFOUND github\.com\)/);
    expect(attempt).toThrow(/npm run build:native -- --platform=linux --arch=arm64/);
    expect(targets[0]).toEqual({ platform: 'linux', arch: 'arm64' });
    expect(existsSync(join(dir, 'native', '.package', 'better_sqlite3.node'))).toBe(false);
  });

  it('a build that reports success without producing the engine still stops packaging', () => {
    expect(() => stageEngineForPackage({ projectDir: project(), platform: 'linux', arch: 'x64', ...versions, buildEngine: () => ({ ok: true }) })).toThrow(/not packaged/);
  });

  it('removes an engine staged for a previous architecture before failing', () => {
    const dir = project();
    placeEngine(dir, 'linux', 'x64');
    stageEngineForPackage({ projectDir: dir, platform: 'linux', arch: 'x64', ...versions, buildEngine: () => ({ ok: false }) });
    expect(() => stageEngineForPackage({ projectDir: dir, platform: 'linux', arch: 'arm64', ...versions, buildEngine: () => ({ ok: false }) })).toThrow(/not packaged/);
    expect(existsSync(join(dir, 'native', '.package', 'better_sqlite3.node'))).toBe(false);
  });

  it("electron-builder's beforePack stages the engine of the architecture being packed (x64, then arm64 as for a mac universal)", async () => {
    const dir = project();
    writeFileSync(join(dir, 'package.json'), '{"name":"stand-in-project"}');
    placeEngine(dir, 'darwin', 'x64');
    placeEngine(dir, 'darwin', 'arm64');
    const context = (arch: number) => ({ arch, electronPlatformName: 'darwin', packager: { projectDir: dir, info: { framework: { version: versions.electronVersion } } } });
    const staged = join(dir, 'native', '.package', 'better_sqlite3.node');
    await beforePack(context(1));
    expect(readFileSync(staged, 'utf8')).toBe('engine for darwin-x64');
    await beforePack(context(3));
    expect(readFileSync(staged, 'utf8')).toBe('engine for darwin-arm64');
  });
});
