// The desktop shell, driven through Playwright's Electron support. It needs the Electron binary,
// which offline installs (ELECTRON_SKIP_BINARY_DOWNLOAD) do not have: there these tests are
// skipped with that reason, and the browser-shell specs cover the same core and contract.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callNames } from '../../shared/api/contract';
import { REPO_ROOT } from '../support/consoleServer';
import { SessionsPage } from './pages/sessionsPage';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP_REASON = 'Electron binary not installed here (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the desktop shell runs where Electron exists';
if (!binary) console.log(`electron.spec: skipped — ${SKIP_REASON}`);

test.describe('desktop shell', () => {
  test.skip(!binary, SKIP_REASON);

  test('creates a session that survives a restart, in a hardened window', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tminus-electron-'));
    try {
      const launch = () => electron.launch({ executablePath: binary!, args: [REPO_ROOT], env: { ...process.env, TMINUS_DATA_DIR: dataDir } });
      let app = await launch();
      let win = await app.firstWindow();
      await expect(win.locator('html[data-app-ready="true"]')).toBeAttached();
      // No Node in the page, and the bridge offers exactly the contract's calls.
      expect(await win.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      const bridgeKeys = await win.evaluate(() => Object.keys((globalThis as unknown as { tminus: object }).tminus).sort());
      expect(bridgeKeys).toEqual([...callNames, 'onEvent'].sort());
      expect(await win.evaluate(() => { try { globalThis.location.href = 'https://example.com/'; } catch { /* blocked */ } return globalThis.location.origin; })).toBe('app://tminus');
      await new SessionsPage(win).createSession({ name: 'Desktop launch', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
      await app.close();

      app = await launch();
      win = await app.firstWindow();
      await expect(win.getByRole('link', { name: 'Desktop launch' })).toBeVisible();
      await app.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
