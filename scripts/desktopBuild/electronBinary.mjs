// Electron's binary, fetched by us rather than by the electron package's own postinstall (denied
// in package.json's allowScripts): that postinstall fails `npm install` outright on a machine that
// cannot download the binary. We run the same installer (node_modules/electron/install.js) and
// turn a failure into one line, so the install — and the app's build in `prepare` — go on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinaryPath(root) {
  const require = createRequire(join(root, 'package.json'));
  try {
    const resolved = require.resolve('electron');
    // A fresh require each time: the binary may have arrived since the last look.
    delete require.cache[resolved];
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Why there is no binary, in a few words, from the installer's error output. */
export function downloadFailureReason(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = lines.find((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|HTTPError|certificate|checksum/i.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0];
  return line ? line.replace(/^(Request)?Error:\s*/, '').slice(0, 160) : 'no reason given';
}

/** @returns {{ ok: true, path: string } | { ok: false, reason: string }} */
export function fetchElectronBinary(root) {
  const existing = electronBinaryPath(root);
  if (existing) return { ok: true, path: existing };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  let installer;
  try {
    installer = join(dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json')), 'install.js');
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const result = spawnSync(process.execPath, [installer], { cwd: dirname(installer), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 });
  const path = electronBinaryPath(root);
  if (result.status === 0 && path) return { ok: true, path };
  return { ok: false, reason: downloadFailureReason(`${result.stderr ?? ''}\n${result.stdout ?? ''}`) };
}
