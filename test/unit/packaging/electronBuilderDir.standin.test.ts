// electron-builder for real (`--linux dir`), on a STAND-IN Electron distribution: electron-builder's
// `electronDist` option points at a folder prepared here instead of the Electron download this
// machine cannot make. The stand-in's executable is a shell script that says it is not Electron and
// carries Electron's fuse wire (sentinel, version, eight fuses at Electron's defaults), so
// electron-builder's fuse step flips real bytes that are read back here. What is proven: the
// package layout (app.asar with the built files, the engine in resources/native/), the fuses, and
// that packaging stops without the engine. What is not: that the result starts — that needs Electron.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeDirName } from '../../../scripts/desktopBuild/nativeBuildPlan.mjs';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(path: string, options?: object): string[] };
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as {
  getCurrentFuseWire(path: string): Promise<Record<number, number>>;
  FuseV1Options: Record<string, number>;
};
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const repo = resolve('.');
const electronVersion = (require('electron/package.json') as { version: string }).version;
const sqliteVersion = (require('better-sqlite3/package.json') as { version: string }).version;
let temp = '';

/** A project folder as a checkout after `npm run build`, with node_modules shared. */
function stageProject(name: string, withEngine: boolean): string {
  const project = join(temp, name);
  mkdirSync(project, { recursive: true });
  for (const file of ['package.json', 'electron-builder.yml']) copyFileSync(join(repo, file), join(project, file));
  cpSync(join(repo, 'scripts'), join(project, 'scripts'), { recursive: true });
  cpSync(join(repo, 'dist'), join(project, 'dist'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
  if (withEngine) {
    // The stand-in engine: better-sqlite3's Node build under the Electron engine's name (a real
    // package gets the Electron-ABI build; only the layout is checked here).
    const folder = join(project, 'native', nativeDirName({ electronVersion, sqliteVersion, platform: 'linux', arch: 'x64' }));
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'), join(folder, 'better_sqlite3.node'));
  }
  return project;
}

function standInElectronDist(): string {
  const dist = join(temp, 'electron-stand-in');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  mkdirSync(join(dist, 'locales'), { recursive: true });
  // Electron's fuse wire at its defaults: RunAsNode 1, CookieEncryption 0, NodeOptions 1,
  // NodeCliInspect 1, AsarIntegrity 0, OnlyLoadAppFromAsar 0, V8Snapshot 0, FileProtocolExtra 1.
  const script = Buffer.from('#!/bin/sh\necho "Electron stand-in distribution (test/unit/packaging): not Electron" >&2\nexit 1\n# ');
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001\n')]);
  writeFileSync(join(dist, 'electron'), Buffer.concat([script, wire]));
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'LICENSE'), 'stand-in');
  writeFileSync(join(dist, 'version'), electronVersion);
  writeFileSync(join(dist, 'locales', 'en-US.pak'), '');
  return dist;
}

/** Async, so the test worker keeps answering its runner during the minutes packaging takes. */
function electronBuilder(project: string, electronDist: string): Promise<{ status: number; stdout: string; stderr: string }> {
  // Any download electron-builder or the engine build might attempt goes to a closed port: the
  // run proves nothing is fetched, and fails the same way on a machine that has a network.
  const closed = 'http://127.0.0.1:9';
  return new Promise((done) => {
    execFile(
      process.execPath,
      [require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--x64', `-c.electronDist=${electronDist}`],
      {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, HTTPS_PROXY: closed, HTTP_PROXY: closed, https_proxy: closed, http_proxy: closed, npm_config_proxy: closed, npm_config_https_proxy: closed, CI: '1' },
        timeout: 540_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'tminus-eb-'));
  if (!existsSync(join(repo, 'dist', 'electron', 'main.cjs'))) throw new Error('run "npm run build" first: the package is made from the built files');
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('electron-builder --dir with a stand-in Electron distribution', () => {
  it('packs app.asar with the built files and the engine in resources/native/, with the fuses flipped', async () => {
    const project = stageProject('with-engine', true);
    const run = await electronBuilder(project, standInElectronDist());
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const unpacked = join(project, 'release', 'linux-unpacked');
    const resources = join(unpacked, 'resources');
    const files = asar.listPackage(join(resources, 'app.asar'));
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/node_modules/better-sqlite3/lib/index.js', '/node_modules/ssh2/lib/client.js']));
    // Neither the Node CLI bundle, source maps, nor any Node-ABI native build ride along.
    expect(files.filter((f) => f.startsWith('/dist/node') || f.endsWith('.map') || f.endsWith('.node'))).toEqual([]);
    expect(existsSync(join(resources, 'app.asar.unpacked'))).toBe(false);
    expect(readFileSync(join(resources, 'native', 'better_sqlite3.node'))).toEqual(readFileSync(join(project, 'native', nativeDirName({ electronVersion, sqliteVersion, platform: 'linux', arch: 'x64' }), 'better_sqlite3.node')));
    const wire = await getCurrentFuseWire(join(unpacked, 'tminus'));
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode!]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(off);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges!]).toBe(off);
    expect(wire[FuseV1Options.EnableCookieEncryption!]).toBe(on);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(on);
    // The packaged executable is the stand-in, and says so.
    const ran = spawnSync(join(unpacked, 'tminus'), { encoding: 'utf8' });
    expect(ran.stderr).toMatch(/stand-in/);
  }, 600_000);

  it('stops with the reason, and packs nothing, when the engine for the target cannot be built', async () => {
    const project = stageProject('without-engine', false);
    const run = await electronBuilder(project, standInElectronDist());
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/T-Minus was not packaged: the database engine for this package .* linux-x64 — is missing and could not be built/);
    expect(existsSync(join(project, 'release', 'linux-unpacked', 'resources', 'app.asar'))).toBe(false);
  }, 600_000);
});
