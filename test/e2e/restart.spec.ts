// Restarting `tminus serve` on the same data dir (issue 14): the port and tokens are kept, so an
// open console tab and the wall display reconnect by themselves with no new link, and the person
// at the keyboard is offered back for one-press confirmation instead of a blank form.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole, type RunningConsole } from '../support/consoleServer';
import { expect, openConsole, test } from './fixtures';
import { SessionsPage } from './pages/sessionsPage';

const T_MINUS_5 = '2025-10-21T11:55:00.000Z';

test('after a restart on the same data dir the tab and the wall reconnect on their own and the actor is only confirmed', async ({ browser }) => {
  // Two starts of the real server, two browsers: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'tminus-restart-'));
  const start = () => startConsole({ dataDir, port: 'kept', cleanUp: false, env: { TMINUS_CLOCK: T_MINUS_5 } });
  let running: RunningConsole = await start();
  try {
    expect(statSync(join(dataDir, 'tminus.tokens.json')).mode & 0o777).toBe(0o600);
    const console = await (await browser.newContext()).newPage();
    await openConsole(console, running.url);
    await new SessionsPage(console).createSession({ name: 'Cutover', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', actorRole: 'Incident Commander' });
    const sessionId = /#\/sessions\/([0-9a-f-]{36})/.exec(console.url())![1]!;
    const wall = await (await browser.newContext()).newPage();
    await openConsole(wall, `${running.viewerUrl}#/sessions/${sessionId}/wall`);
    await expect(wall.getByTestId('t-counter')).toHaveText(/^T-00:0[45]:\d\d$/);

    const firstLinks = [running.url, running.viewerUrl];
    await running.stop();
    // While it is down, neither screen pretends to be live.
    await expect(console.getByRole('status').filter({ hasText: 'Live updates lost — reconnecting' })).toBeVisible();
    await expect(wall.getByRole('status').filter({ hasText: 'NOT LIVE — reconnecting' })).toBeVisible();

    running = await start();
    expect([running.url, running.viewerUrl]).toEqual(firstLinks);
    await expect.poll(() => running.output()).toContain('Same links as the last run');
    await expect(console.getByRole('status').filter({ hasText: 'Live updates lost' })).toBeHidden();
    await expect(wall.getByRole('status').filter({ hasText: 'NOT LIVE' })).toBeHidden();

    // The reconnected wall is live again: T0 moved from the reconnected tab reaches it.
    await console.getByRole('button', { name: 'Move T0…' }).click();
    const dialog = console.getByRole('dialog', { name: 'Move T0' });
    await dialog.getByLabel('New T0 (UTC)').fill('2025-10-21T13:00');
    await dialog.getByLabel(/Reason/).fill('vendor window moved');
    await dialog.getByRole('button', { name: 'Move T0' }).click();
    await expect(wall.getByTestId('t-counter')).toHaveText(/^T-01:0[45]:\d\d$/);

    // A reload of the tab: still signed in, and the person at the keyboard is one press away.
    await console.reload();
    await expect(console.locator('html[data-app-ready="true"]')).toBeAttached();
    const prompt = console.getByRole('dialog', { name: 'Who is at the keyboard?' });
    await prompt.getByRole('button', { name: 'Continue as Ada (Incident Commander)' }).click();
    await expect(prompt).toBeHidden();
    await expect(console.getByRole('button', { name: 'At the keyboard: Ada (Incident Commander). Change' })).toBeVisible();
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('--new-token replaces the links: the old one gets the login page', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'tminus-rotate-'));
  let running = await startConsole({ dataDir, port: 'kept', cleanUp: false });
  try {
    const old = running.url;
    await running.stop();
    running = await startConsole({ dataDir, port: 'kept', cleanUp: false, args: ['--new-token'] });
    expect(running.url).not.toBe(old);
    expect(new URL(running.url).port).toBe(new URL(old).port);
    await expect.poll(() => running.output()).toContain('New tokens: earlier links and open tabs no longer work.');
    const response = await page.goto(old);
    expect(response?.status()).toBe(401);
    await expect(page.getByLabel('Access token')).toBeVisible();
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
