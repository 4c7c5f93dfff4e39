// Builds better-sqlite3 for Electron's ABI into native/electron-<version>-<platform>-<arch>/,
// leaving node_modules (Node's ABI, used by `npm test` and the CLI) untouched. The desktop app
// loads it through better-sqlite3's `nativeBinding` option. Runs after `npm install` and before
// `npm start` when missing; see docs/architecture.md.
//
//   node scripts/electron-native.mjs [--if-missing] [--quiet]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ifMissing = process.argv.includes('--if-missing');
const quiet = process.argv.includes('--quiet');
const say = (line) => quiet || console.log(`electron-native: ${line}`);

function findElectronBinary() {
  try {
    return require('electron');
  } catch {
    return null;
  }
}
const electronBinary = findElectronBinary();
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  say('no Electron binary here (offline install) — skipped; the browser shell and CLI use the Node build.');
  process.exit(0);
}

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const targetDir = join(root, 'native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const target = join(targetDir, 'better_sqlite3.node');
if (ifMissing && existsSync(target)) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'tminus-electron-sqlite-'));
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
  // npm's nodedir setting makes node-gyp build against Node's headers while reporting success;
  // clear it so the Electron headers named below are the ones used.
  const env = { ...process.env, npm_config_nodedir: '', npm_config_runtime: 'electron', npm_config_target: electronVersion };
  const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  say(`building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
  const prebuilt = spawnSync(bin('prebuild-install'), ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`], {
    cwd: work,
    env,
    stdio: quiet ? 'ignore' : 'inherit',
  });
  if (prebuilt.status !== 0) {
    const compiled = spawnSync(
      bin('node-gyp'),
      ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, env, stdio: quiet ? 'ignore' : 'inherit' },
    );
    if (compiled.status !== 0) {
      console.error('electron-native: could not build better-sqlite3 for Electron (no prebuilt and no compiler/headers); `npm start` needs it, `npm run serve` does not.');
      process.exit(1);
    }
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  assertNotNodeAbi(built);
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
  console.error('electron-native: the build targets Node\'s ABI, not Electron\'s (check npm\'s nodedir setting); refusing to use it.');
  process.exit(1);
}
