// `npm start`: the desktop app. Where the Electron binary was not downloaded (offline install,
// ELECTRON_SKIP_BINARY_DOWNLOAD), say so in one line and point to the browser shell.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'T-Minus desktop: the Electron binary is not installed (offline install or ELECTRON_SKIP_BINARY_DOWNLOAD); run the same console in your browser with: npm run serve',
  );
  process.exit(1);
}

const run = (script, args = []) => {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(join(root, 'dist', 'electron', 'main.cjs')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) run('build.mjs');
run('electron-native.mjs', ['--if-missing']);

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
