// The plan as a graph in the run view: at T+25 with nothing run, the forecast moves every step
// behind the first, the critical path is named and drawn, and the strip carries the dependencies.
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
