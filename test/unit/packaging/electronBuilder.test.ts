// electron-builder cannot run here (it downloads Electron), so its configuration is checked
// against electron-builder's own schema and validator instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_USER_MODEL_ID } from '../../../electron/app/appIdentity';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: { getDefaultDepends(target: string): string[] } } };
const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  directories: { output: string };
  beforePack: string;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  deb?: { depends?: string[] };
  electronFuses?: Record<string, unknown>;
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('targets every desktop platform and writes to release/, not the compiler output', () => {
    expect(config.directories.output).toBe('release');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.appId).toBeTruthy();
    expect(config.productName).toBe('T-Minus');
    expect(existsSync(config.beforePack)).toBe(true);
  });

  it('rejects a misspelt option (the validator is really applied)', async () => {
    await expect(validateConfiguration({ ...config, dirctories: {} }, { isEnabled: false, add: () => undefined })).rejects.toThrow(/dirctories/);
  });
});

describe('electron-builder.yml: what the packages carry', () => {
  it("the .deb keeps electron-builder's default dependencies (a `depends` list would replace them)", () => {
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']));
    const depends = config.deb?.depends ?? defaults;
    expect(depends).toEqual(expect.arrayContaining(defaults));
  });

  it('decides every Electron fuse @electron/fuses knows, with the hardened value', () => {
    // electron-builder's option name for each fuse (its generateFuseConfig maps them one to one).
    const optionFor: Record<string, string> = {
      RunAsNode: 'runAsNode',
      EnableCookieEncryption: 'enableCookieEncryption',
      EnableNodeOptionsEnvironmentVariable: 'enableNodeOptionsEnvironmentVariable',
      EnableNodeCliInspectArguments: 'enableNodeCliInspectArguments',
      EnableEmbeddedAsarIntegrityValidation: 'enableEmbeddedAsarIntegrityValidation',
      OnlyLoadAppFromAsar: 'onlyLoadAppFromAsar',
      LoadBrowserProcessSpecificV8Snapshot: 'loadBrowserProcessSpecificV8Snapshot',
      GrantFileProtocolExtraPrivileges: 'grantFileProtocolExtraPrivileges',
    };
    const fuseNames = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    const fuses = config.electronFuses ?? {};
    for (const name of fuseNames) {
      const option = optionFor[name];
      expect(option, `fuse ${name} is new: decide it in electron-builder.yml and name it here`).toBeDefined();
      expect(typeof fuses[option!], `fuse ${name} (${option}) is undecided`).toBe('boolean');
    }
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("ships the engine beforePack staged for the packed architecture, as resources/native/", () => {
    expect(config.extraResources).toEqual([{ from: 'native/.package', to: 'native', filter: ['better_sqlite3.node'] }]);
  });

  it("uses the appId as Windows' AppUserModelID (notifications show only when they match)", () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });
});
