// `npm start`: the desktop app. Fetches what it can (Electron's binary, the Electron-ABI database
// engine); what it cannot, it names in one line and points to the browser shell.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchElectronBinary } from './desktopBuild/electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const instead = 'run the same console in your browser: npm run demo (a rehearsal launch) or npm run serve';

const electron = fetchElectronBinary(root);
if (!electron.ok) {
  console.error(`T-Minus desktop: Electron's binary is missing and could not be fetched (${electron.reason}); ${instead}.`);
  process.exit(1);
}

if (!existsSync(join(root, 'dist', 'electron', 'main.cjs')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs'), '--if-missing'], { stdio: ['ignore', 'inherit', 'pipe'], cwd: root, encoding: 'utf8' });
if (native.status !== 0) {
  const reason = (native.stderr ?? '').trim().split('\n').pop()?.replace(/^electron-native:\s*/, '') ?? '';
  console.error(`T-Minus desktop: its database engine for Electron is missing (${reason}); ${instead}.`);
  process.exit(1);
}

const child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
