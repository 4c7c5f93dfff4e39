// What scripts/electron-native.mjs runs, as data, so it can be unit-tested for every platform
// (test/unit/packaging/nativeBuildPlan.test.ts). Pure: no file system, no process state.
//
// Tools are started as `node <their JS entry>` with no shell. Spawning node_modules/.bin/*.cmd
// without a shell fails on Windows since Node 20.12.2 (EINVAL, the CVE-2024-27980 fix), and a
// shell would bring quoting rules of its own; the JS entry runs the same on every platform.

export const NATIVE_ARCHES = ['x64', 'arm64', 'ia32', 'armv7l'];
export const NATIVE_PLATFORMS = ['linux', 'darwin', 'win32'];

/**
 * The folder of one Electron-ABI build of better-sqlite3. Keyed by both versions: upgrading either
 * Electron or better-sqlite3 must build anew, never reuse a binary made for the other version.
 * electron/app/nativeBinding.ts computes the same name at run time (a unit test keeps them equal).
 */
export function nativeDirName({ electronVersion, sqliteVersion, platform, arch }) {
  return `electron-${electronVersion}-better-sqlite3-${sqliteVersion}-${platform}-${arch}`;
}

export function toolCommand({ nodePath, script, args, cwd, env }) {
  return { command: nodePath, args: [script, ...args], options: { cwd, env, shell: false, windowsHide: true } };
}

/**
 * The attempts, in order, to get better-sqlite3 for Electron: a prebuilt binary (any platform —
 * prebuild-install downloads it), else a compile with node-gyp (only for the platform we are on:
 * node-gyp does not cross-compile between operating systems).
 */
export function nativeBuildSteps({ nodePath, hostPlatform, platform, arch, electronVersion, tools, cwd, env }) {
  if (!NATIVE_PLATFORMS.includes(platform)) throw new Error(`unknown platform "${platform}" (expected ${NATIVE_PLATFORMS.join(', ')})`);
  if (!NATIVE_ARCHES.includes(arch)) throw new Error(`unknown architecture "${arch}" (expected ${NATIVE_ARCHES.join(', ')})`);
  // npm's nodedir setting makes node-gyp build against Node's headers while reporting success;
  // clear it so the Electron headers named below are the ones used.
  const buildEnv = { ...env, npm_config_nodedir: '', npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_arch: arch, npm_config_target_arch: arch };
  const steps = [
    {
      name: 'prebuilt',
      ...toolCommand({
        nodePath,
        script: tools.prebuildInstall,
        args: ['--runtime=electron', `--target=${electronVersion}`, `--platform=${platform}`, `--arch=${arch}`],
        cwd,
        env: buildEnv,
      }),
    },
  ];
  if (platform === hostPlatform && tools.nodeGyp) {
    steps.push({
      name: 'compile',
      ...toolCommand({
        nodePath,
        script: tools.nodeGyp,
        args: ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
        cwd,
        env: buildEnv,
      }),
    });
  }
  return steps;
}

/** electron-builder's Arch enum value (context.arch in beforePack) → the name Node and node-gyp use. */
export function archName(builderArch) {
  const names = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64' };
  const name = names[builderArch];
  if (!name) throw new Error(`cannot build the database engine for electron-builder arch ${builderArch} (universal is packed as x64 and arm64, each built separately)`);
  return name;
}
