// How the Electron-ABI database engine is built, as the commands really started — for each OS —
// and where it lives, as the build script and the app compute it.
import { describe, expect, it } from 'vitest';
import { electronNativeDirName } from '../../../electron/app/nativeBinding';
import { archName, nativeBuildSteps, nativeDirName } from '../../../scripts/desktopBuild/nativeBuildPlan.mjs';

const tools = { prebuildInstall: '/p/node_modules/prebuild-install/bin.js', nodeGyp: '/p/node_modules/node-gyp/bin/node-gyp.js' };
const plan = (hostPlatform: string, platform = hostPlatform, arch = 'x64') =>
  nativeBuildSteps({ nodePath: '/usr/bin/node', hostPlatform, platform, arch, electronVersion: '40.10.2', tools, cwd: '/tmp/w', env: { PATH: '/bin', npm_config_nodedir: '/usr' } });

describe('native engine build commands', () => {
  for (const platform of ['win32', 'darwin', 'linux']) {
    it(`on ${platform}: tools run as "node <JS entry>" without a shell (no .cmd shim, which spawn refuses on Windows)`, () => {
      const steps = plan(platform);
      expect(steps.map((step) => step.name)).toEqual(['prebuilt', 'compile']);
      for (const step of steps) {
        expect(step.command).toBe('/usr/bin/node');
        expect(step.args[0]).toMatch(/\.js$/);
        expect(step.options.shell).toBe(false);
        expect(JSON.stringify(step)).not.toMatch(/\.cmd|node_modules[\\/]\.bin/);
        // npm's nodedir would silently build against Node's headers.
        expect(step.options.env).toMatchObject({ npm_config_nodedir: '', npm_config_runtime: 'electron', npm_config_target: '40.10.2' });
      }
      expect(steps[0]!.args).toEqual([tools.prebuildInstall, '--runtime=electron', '--target=40.10.2', `--platform=${platform}`, '--arch=x64']);
      expect(steps[1]!.args).toContain('--arch=x64');
    });
  }

  it('builds for the target architecture, and compiles only for the platform it runs on', () => {
    const arm = plan('darwin', 'darwin', 'arm64');
    expect(arm.every((step) => step.args.includes('--arch=arm64'))).toBe(true);
    expect(arm[0]!.options.env).toMatchObject({ npm_config_arch: 'arm64', npm_config_target_arch: 'arm64' });
    const crossOs = plan('linux', 'win32', 'x64');
    expect(crossOs.map((step) => step.name)).toEqual(['prebuilt']);
  });

  it('refuses an unknown platform or architecture instead of building something else', () => {
    expect(() => plan('linux', 'linux', 'universal')).toThrow(/unknown architecture "universal"/);
    expect(() => plan('linux', 'freebsd')).toThrow(/unknown platform "freebsd"/);
  });

  it("maps electron-builder's Arch values; universal is refused (it is packed per architecture)", () => {
    expect([0, 1, 2, 3].map(archName)).toEqual(['ia32', 'x64', 'armv7l', 'arm64']);
    expect(() => archName(4)).toThrow(/universal is packed as x64 and arm64/);
  });

  it('keys the engine folder by Electron and better-sqlite3 versions, the same in the script and the app', () => {
    const build = { electronVersion: '40.10.2', sqliteVersion: '12.11.1', platform: 'linux', arch: 'arm64' };
    expect(nativeDirName(build)).toBe('electron-40.10.2-better-sqlite3-12.11.1-linux-arm64');
    expect(electronNativeDirName(build)).toBe(nativeDirName(build));
    expect(nativeDirName({ ...build, sqliteVersion: '12.12.0' })).not.toBe(nativeDirName(build));
  });
});
