// The plan as a graph in the run view: at T+25 with nothing run, the forecast moves every step
// behind the first, the critical path is named and drawn, and the strip carries the dependencies.
// And keeping the room informed: a target added in the Notifications tab, "Send test" delivered.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startConsole, type RunningConsole } from '../support/consoleServer';
import { expect, openConsole, test } from './fixtures';
import { SessionsPage } from './pages/sessionsPage';

let running: RunningConsole | null = null;
test.afterEach(async () => {
  await running?.stop();
  running = null;
});

test('the run view shows the forecast and the critical path after a late start', async ({ page }) => {
  running = await startConsole({ env: { TMINUS_CLOCK: '2025-10-21T12:25:00.000Z' } });
  await openConsole(page, running.url);
  await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const forecast = page.getByRole('region', { name: 'Forecast' });
  // Nothing ran: maintenance mode starts now at the earliest (12:25), and everything behind it moves.
  const deploy = forecast.getByRole('row', { name: /Deploy New Code/ });
  await expect(deploy).toContainText('12:05–12:15');
  await expect(deploy).toContainText(/12:3\d–12:4\d/);
  await expect(deploy).toContainText('critical');
  await expect(forecast.getByRole('row', { name: /Gate: Go\/No-Go Decision — Canary: 5% of Traffic/ })).toContainText('critical');
  await expect(forecast.getByLabel('Critical path')).toContainText('Enable Maintenance Mode → Deploy New Code');
  await expect(forecast.getByLabel('Critical path')).toContainText('Full Rollout: 100% of Traffic');
  // The strip names it too, and draws the dependency arrows.
  await expect(page.getByRole('group', { name: 'Timeline strip' }).getByRole('button', { name: /Deploy New Code.*forecast.*on the critical path/ })).toBeVisible();
  expect(await page.locator('.strip-dep.is-critical').count()).toBeGreaterThan(3);
  await page.screenshot({ path: test.info().outputPath('forecast.png'), fullPage: true });
});

test('a notification target is added and "Send test" reaches a receiver on 127.0.0.1', async ({ page }) => {
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    running = await startConsole();
    await openConsole(page, running.url);
    await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const form = page.getByRole('form', { name: 'New notification target' });
    await form.getByLabel('Name').fill('War room');
    await form.getByLabel(/Webhook URL/).fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await form.getByRole('button', { name: 'Add target' }).click();
    const target = page.getByRole('form', { name: 'Target War room' });
    await expect(target.getByRole('checkbox', { name: 'Decision level changes' })).toBeChecked();
    await target.getByRole('button', { name: 'Send test' }).click();
    const row = page.getByRole('table', { name: 'Notification deliveries' }).getByRole('row', { name: /War room/ });
    await expect(row).toContainText('sent');
    await expect(row).toContainText('200');
    expect(received.some((b) => b.includes('test message from T-Minus'))).toBe(true);
    await page.screenshot({ path: test.info().outputPath('notify.png'), fullPage: true });
  } finally {
    receiver.close();
  }
});

test('a notification that cannot be delivered shows in the session banner on every tab until one goes out again', async ({ page }) => {
  let answer = 503;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    running = await startConsole();
    await openConsole(page, running.url);
    await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const form = page.getByRole('form', { name: 'New notification target' });
    await form.getByLabel('Name').fill('War room');
    await form.getByLabel(/Webhook URL/).fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await form.getByRole('button', { name: 'Add target' }).click();
    const target = page.getByRole('form', { name: 'Target War room' });
    await target.getByRole('button', { name: 'Send test' }).click();

    // Retried with backoff (2 s, 4 s, 8 s), then given up: the banner says so above every tab.
    const banner = page.getByRole('region', { name: 'Session banner' });
    await expect(banner.getByTestId('banner-notify')).toContainText('War room — 1 message not delivered, last HTTP 503', { timeout: 10_000 });
    await expect(banner.getByTestId('banner-notify')).toContainText('(gave up after 4 attempts)', { timeout: 40_000 });
    for (const tab of ['Run', 'Checklist', 'Steps', 'Runbook', 'Metrics']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(banner.getByTestId('banner-notify')).toContainText('NOT DELIVERED');
    }

    answer = 200;
    await page.getByRole('tab', { name: 'Notifications' }).click();
    await target.getByRole('button', { name: 'Send test' }).click();
    await expect(banner.getByTestId('banner-notify')).toHaveCount(0);
  } finally {
    receiver.close();
  }
});
