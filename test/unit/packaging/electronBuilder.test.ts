// electron-builder cannot run here (it downloads Electron), so its configuration is checked
// against electron-builder's own schema and validator instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  directories: { output: string };
  beforePack: string;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
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
