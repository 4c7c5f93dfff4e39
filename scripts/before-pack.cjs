// electron-builder hook, run once per packed architecture (a mac universal package is packed as
// x64 and arm64, each with its own call): build the Electron-ABI better-sqlite3 for *that* target
// if needed and stage it as resources/native/better_sqlite3.node — or stop packaging with the
// reason (scripts/desktopBuild/packageEngine.mjs). electron-builder's own in-place rebuild is off
// (npmRebuild: false): it would overwrite the Node build that `npm test` and the CLI use.
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

exports.default = async function beforePack(context) {
  const { archName } = await import('./desktopBuild/nativeBuildPlan.mjs');
  const { stageEngineForPackage } = await import('./desktopBuild/packageEngine.mjs');
  const projectDir = context.packager.projectDir;
  const versionOf = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [projectDir, __dirname] }), 'utf8')).version;
  const staged = stageEngineForPackage({
    projectDir,
    platform: context.electronPlatformName,
    arch: archName(context.arch),
    electronVersion: context.packager.info.framework.version,
    sqliteVersion: versionOf('better-sqlite3'),
    buildEngine: ({ platform, arch }) => {
      const result = spawnSync(process.execPath, [join(__dirname, 'electron-native.mjs'), `--platform=${platform}`, `--arch=${arch}`], {
        cwd: projectDir,
        stdio: ['ignore', 'inherit', 'pipe'],
        encoding: 'utf8',
      });
      const detail = (result.stderr ?? '').trim().split('\n').pop();
      return { ok: result.status === 0, detail: result.status === 0 ? undefined : detail };
    },
  });
  console.log(`  • database engine for ${context.electronPlatformName}-${archName(context.arch)}: ${staged}`);
};
