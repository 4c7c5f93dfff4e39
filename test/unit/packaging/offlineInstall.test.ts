// A machine that cannot download Electron's binary: `npm install` goes on (one line), `npm start`
// names what is missing in one line and points to the browser shell. Run in a temp project whose
// node_modules/electron is a stand-in whose downloader fails as offline machines fail (the real
// installer would download ~100 MB where the network is open). The real, fresh `npm install` with
// no environment variable is recorded in the issue-13 closing note.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tminus-offline-'));
  cpSync('scripts', join(root, 'scripts'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"tminus-stand-in","type":"module"}');
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), '{"name":"electron","version":"40.10.2","main":"index.js"}');
  // As electron's index.js does when the binary never arrived.
  writeFileSync(join(electron, 'index.js'), "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');\n");
  writeFileSync(join(electron, 'install.js'), "console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (got/index.js:1:1)');\nprocess.exit(1);\n");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (script: string) => {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(root, 'scripts', script)], { cwd: root, env, encoding: 'utf8' });
  const lines = `${result.stdout}${result.stderr}`.trim().split('\n').filter(Boolean);
  return { status: result.status, lines };
};

describe('install and start where Electron cannot be downloaded (stand-in electron package)', () => {
  it("package.json runs Electron's downloader from our postinstall, not from the electron package's own (denied)", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts: Record<string, boolean>; scripts: Record<string, string> };
    expect(pkg.allowScripts.electron).toBe(false);
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
    expect(pkg.allowScripts['better-sqlite3']).toBe(true);
  });

  it('postinstall succeeds with one line naming the reason and the browser shell', () => {
    const { status, lines } = run('postinstall.mjs');
    expect(status).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no Electron binary \(getaddrinfo ENOTFOUND github\.com\)/);
    expect(lines[0]).toMatch(/npm run demo and npm run serve work without it/);
  });

  it('npm start tries the download again, then says in one line what is missing and what to run instead', () => {
    const { status, lines } = run('start-electron.mjs');
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron's binary is missing and could not be fetched \(getaddrinfo ENOTFOUND github\.com\)/);
    expect(lines[0]).toMatch(/npm run demo .* npm run serve/);
  });
});
