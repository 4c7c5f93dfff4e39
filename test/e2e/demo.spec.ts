// The demo launch, as a new user meets it: `tminus demo` (with nothing else installed), the banner
// on every screen, the demo IC offered at the keyboard, a ticked item, a local step with its
// output, chaos driving the decision level to 2, a NO-GO recorded with its evidence, and the HTML
// audit report exported from the UI with that decision in it.
import { readFile } from 'node:fs/promises';
import { startConsole, type RunningConsole } from '../support/consoleServer';
import { expect, test as base } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { DemoPage } from './pages/demoPage';
import { MetricsPage } from './pages/metricsPage';
import { StepsPage } from './pages/stepsPage';

const test = base.extend<{ consoleServer: RunningConsole }>({
  // eslint-disable-next-line no-empty-pattern
  consoleServer: async ({}, use) => {
    const running = await startConsole({ command: 'demo' });
    await use(running);
    await running.stop();
  },
});

const NO_GO_REASON = 'Error rate above 3 percent on the canary, decision level 2';

test('the demo launch: banner, a tick, a local step, chaos to level 2, HOLD with evidence, and the HTML report with that decision', async ({ app, consoleServer }, testInfo) => {
  test.setTimeout(240_000);
  expect(consoleServer.output()).toMatch(/Demo data: .* \(emptied on every start/);
  const demo = new DemoPage(app);

  // The sessions list already holds the demo session, under the banner.
  await expect(demo.banner).toContainText('Demo launch — nothing here touches real systems.');
  await expect(demo.banner).toContainText('New session');
  await app.getByRole('link', { name: 'Demo launch' }).click();
  await demo.workAsDemoIc();
  await expect(demo.banner).toBeVisible();
  await expect(app.getByRole('button', { name: /At the keyboard: Demo IC \(Incident Commander\)/ })).toBeVisible();
  await expect(demo.chaosState).toContainText('Normal');
  await app.screenshot({ path: testInfo.outputPath('demo-run-view.png'), fullPage: true });

  // A checklist tick, logged as the demo IC.
  await app.getByRole('tab', { name: 'Checklist', exact: true }).click();
  const checklist = new ChecklistPage(app);
  await checklist.tick('War room open');

  // A local step that curls the demo service: its output arrives in the page.
  const steps = new StepsPage(app);
  await steps.open();
  const dialog = await steps.startRun('Health Check');
  await expect(steps.whereItRuns(dialog)).toContainText('local workstation');
  // The health check comes after the build and the migration: running it first is out of order, with a reason.
  await expect(dialog.getByRole('group', { name: 'Out of order' })).toContainText('This step waits for');
  await dialog.getByLabel('Reason to run it now (logged with the run)').fill('Checking the service before the build');
  await steps.runFromForm('Health Check');
  await expect(steps.hostRow('local workstation')).toContainText('succeeded', { timeout: 60_000 });
  await steps.hostRow('local workstation').getByRole('button', { name: /^Show/ }).click();
  const output = steps.output('local');
  await expect(output).toContainText('"status":"ok"');
  await expect(output).toContainText('All health checks passed');
  await app.screenshot({ path: testInfo.outputPath('demo-step-output.png'), fullPage: true });

  // Metrics come from the demo service with no Prometheus: level 0, then chaos to level 2.
  const metrics = new MetricsPage(app);
  await metrics.open();
  await expect(metrics.status('Error rate')).toHaveText('OK', { timeout: 60_000 });
  await expect(metrics.status('Total requests/sec')).toHaveText('OK');
  await expect(metrics.levelBadge).toHaveText('LEVEL 0');
  await demo.raiseErrorRate(2);
  await demo.raiseErrorRate(6);
  await expect(metrics.levelBadge).toHaveText('LEVEL 2', { timeout: 90_000 });
  await expect(metrics.decision.getByRole('heading', { name: 'Major Issues: Prepare Rollback' })).toBeVisible();
  await expect(metrics.alertBanner).toContainText('Error rate > 5%');
  await app.screenshot({ path: testInfo.outputPath('demo-level-2.png'), fullPage: true });

  // The first gate is minutes away: skipping ahead moves T0 (logged) so it is due now.
  await demo.skipToNextGate();
  const prompt = metrics.gatePrompt('Go/No-Go Decision — Canary: 5% of Traffic');
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('table', { name: 'Gate criteria, live' })).toContainText('FAIL');
  await prompt.getByLabel(/^Reason \(required for HOLD/).fill(NO_GO_REASON);
  await prompt.getByRole('button', { name: /Record HOLD/ }).click();
  // A HOLD is re-evaluated later: the panel stays, saying so.
  await expect(prompt.getByTestId('gate-outcome')).toHaveText('ON HOLD');
  const gate = metrics.gate('Go/No-Go Decision — Canary: 5% of Traffic');
  await expect(gate.getByTestId('gate-decision')).toContainText('HOLD by Demo IC (Incident Commander)');
  await gate.getByText(/^Evidence taken/).click();
  await expect(gate.getByRole('table', { name: 'Gate criteria at the decision' })).toContainText('FAIL');
  await expect(gate.getByRole('table', { name: 'Metrics at the decision' })).toContainText('ratio(demo_http_errors_total');
  await app.screenshot({ path: testInfo.outputPath('demo-no-go.png'), fullPage: true });

  // Back to normal: the panel says so (the level drops on its own after 30 s within bounds).
  await demo.chaosButton('Back to normal').click();
  await expect(demo.chaosState).toContainText('Normal');

  // The HTML report, exported from the UI, holds the decision with its reason and evidence.
  await app.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = app.getByRole('dialog', { name: 'Export the audit report' });
  await exportDialog.getByRole('radio', { name: /HTML report/ }).check();
  const downloading = app.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('<h1>Demo launch</h1>');
  expect(html).toContain(`<strong>Reason:</strong> ${NO_GO_REASON}`);
  expect(html).toMatch(/HOLD/);
  expect(html).toContain('ratio(demo_http_errors_total, demo_http_requests_total[10s])');
  expect(html).toContain('Demo IC');
  expect(consoleServer.output()).not.toMatch(/failed|Error:/);
});

test('outside the demo there is no banner and no chaos panel, and the chaos call is refused', async ({ page }) => {
  const serve = await startConsole();
  try {
    await page.goto(serve.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(new DemoPage(page).banner).toHaveCount(0);
    const answer = await page.evaluate(async () => {
      // The page's own token (its sessionStorage), as the app sends it.
      const token = sessionStorage.getItem('tminus.token');
      const response = await fetch('/api/call/setDemoChaos', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ down: true }) });
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { message: string } } };
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error?.message).toContain('only in the demo launch');
  } finally {
    await serve.stop();
  }
});
