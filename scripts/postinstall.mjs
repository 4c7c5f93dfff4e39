// After `npm install`: fetch Electron's binary and build the desktop app's database engine where
// possible. Neither may fail the install: a machine that cannot download Electron (offline, CI)
// still gets the CLI, `npm run demo` and `npm run serve`, and `prepare` still builds the app.
// Each problem is one line; `npm start` repeats what is missing when someone asks for the window.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchElectronBinary } from './desktopBuild/electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = fetchElectronBinary(root);
if (!electron.ok) {
  console.warn(`tminus: no Electron binary (${electron.reason}) — the desktop window needs it (npm start tries again); npm run demo and npm run serve work without it.`);
} else {
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs'), '--if-missing', '--quiet', '--only-with-electron'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (native.status !== 0) {
    const reason = (native.stderr ?? '').trim().split('\n').pop() ?? '';
    console.warn(`tminus: the desktop app's database engine was not built (${reason.replace(/^electron-native:\s*/, '')}); npm start tries again; npm run demo and npm run serve do not need it.`);
  }
}
