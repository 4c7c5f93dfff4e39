// Builds better-sqlite3 for Electron's ABI into
// native/electron-<v>-better-sqlite3-<v>-<platform>-<arch>/, leaving node_modules (Node's ABI,
// used by `npm test` and the CLI) untouched. The desktop app loads it through better-sqlite3's
// `nativeBinding` option. See docs/architecture.md ("Native module").
//
//   node scripts/electron-native.mjs [--if-missing] [--quiet] [--arch=x64|arm64|ia32|armv7l]
//                                    [--platform=linux|darwin|win32] [--only-with-electron]
//
// --only-with-electron: do nothing where Electron's binary is absent (postinstall: a machine that
// cannot run the desktop app has no use for its engine). Exit 1 with one line on stderr when the
// build fails; callers decide whether that is fatal (dist) or a note (postinstall).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeBuildSteps, nativeDirName } from './desktopBuild/nativeBuildPlan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const argv = process.argv.slice(2);
const option = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const ifMissing = argv.includes('--if-missing');
const quiet = argv.includes('--quiet');
const onlyWithElectron = argv.includes('--only-with-electron');
const arch = option('arch') ?? process.arch;
const platform = option('platform') ?? process.platform;
const say = (line) => quiet || console.log(`electron-native: ${line}`);
const fail = (line) => {
  console.error(`electron-native: ${line}`);
  process.exit(1);
};

function hasElectronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
}
if (onlyWithElectron && !hasElectronBinary()) {
  say('no Electron binary here — skipped; the browser shell and CLI use the Node build.');
  process.exit(0);
}

const versionOf = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
const electronVersion = versionOf('electron');
const sqliteVersion = versionOf('better-sqlite3');
const targetDir = join(root, 'native', nativeDirName({ electronVersion, sqliteVersion, platform, arch }));
const target = join(targetDir, 'better_sqlite3.node');
if (ifMissing && existsSync(target)) process.exit(0);

/** npm hands its own node-gyp to scripts it runs; otherwise use the one installed here. */
function findNodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return resolve(fromNpm);
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'tminus-electron-sqlite-'));
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const steps = nativeBuildSteps({
    nodePath: process.execPath,
    hostPlatform: process.platform,
    platform,
    arch,
    electronVersion,
    tools: { prebuildInstall: require.resolve('prebuild-install/bin.js'), nodeGyp: findNodeGyp() },
    cwd: work,
    env: process.env,
  });
  say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})…`);
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const succeeded = steps.some((step) => {
    const result = spawnSync(step.command, step.args, { ...step.options, stdio: quiet ? 'ignore' : 'inherit' });
    return result.status === 0 && existsSync(built);
  });
  if (!succeeded) {
    fail(`could not build better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}): no prebuilt binary could be fetched and no compile was possible (compiler, or Electron's headers from electronjs.org).`);
  }
  if (platform === process.platform && arch === process.arch) assertNotNodeAbi(built);
  mkdirSync(targetDir, { recursive: true });
  cpSync(built, target);
  say(`ready: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** A build that loads in this Node process was built for Node, not Electron: refuse it. */
function assertNotNodeAbi(file) {
  try {
    process.dlopen({ exports: {} }, file);
  } catch (error) {
    if (String(error).includes('NODE_MODULE_VERSION')) return;
    throw error;
  }
  fail("the build targets Node's ABI, not Electron's (check npm's nodedir setting); refusing to use it.");
}
