// Live metrics in the browser shell, against a real Prometheus scraping a test service the test
// drives: bindings set in the UI, monitoring started, the level badge, a chart's value and the
// session banner reacting to the error rate and to Prometheus going away, and gates decided again
// (HOLD then GO), by two approvers (one vote recorded for an absent one) and stopped by a ROLLBACK.
import { startMetricsService, type MetricsService } from '../support/metricsService';
import { startPrometheus, type PrometheusServer } from '../support/prometheus';
import { expect, test } from './fixtures';
import { MetricsPage } from './pages/metricsPage';
import { SessionsPage } from './pages/sessionsPage';

const QUERIES = {
  error: '100 * sum(rate(dashboard_errors_total[5s])) / sum(rate(dashboard_requests_total[5s]))',
  p95: 'histogram_quantile(0.95, sum by (le) (rate(dashboard_request_duration_ms_bucket[10s])))',
};

/** `YYYY-MM-DDTHH:MM` in UTC, for the T0 field. */
const utcMinutes = (ms: number) => new Date(ms).toISOString().slice(0, 16);

let service: MetricsService | null = null;
let prometheus: PrometheusServer | null = null;

test.afterEach(async () => {
  await prometheus?.cleanup();
  await service?.stop();
  prometheus = null;
  service = null;
});

test('bindings set in the UI, the level badge, a chart and the banner follow the error rate; blind while Prometheus is stopped; gates held then passed, two approvers and a ROLLBACK vote, overdue on the wall', async ({ app, consoleServer }, testInfo) => {
  test.setTimeout(420_000);
  service = await startMetricsService();
  service.startLoad(40);
  prometheus = await startPrometheus({ targets: [service.target] });
  await prometheus.waitForTargets();

  // T0 fifty minutes ago: both canary gates (T+35m, T+45m) are due, and past their time.
  await new SessionsPage(app).createSession({ name: 'Canary', environment: 'staging', t0: utcMinutes(Date.now() - 50 * 60_000), actorName: 'Ada', actorRole: 'Incident Commander' });
  const sessionId = /#\/sessions\/([0-9a-f-]{36})/.exec(app.url())![1]!;
  const metrics = new MetricsPage(app);
  await metrics.open();
  // The seed's own series names are suggested; the test service is scraped every second, so the
  // rate windows are shortened to 5 s and the p95 read from the histogram.
  await expect(metrics.settings.getByLabel('Query for Error rate', { exact: true })).toHaveValue(/dashboard_errors_total/);
  await metrics.configure({ prometheusUrl: prometheus.url, pollSeconds: '1', queries: { 'Error rate': QUERIES.error, 'p95 latency': QUERIES.p95 } });
  await metrics.startMonitoring();

  await expect(metrics.status('Error rate')).toHaveText('OK', { timeout: 30_000 });
  await expect(metrics.value('Error rate')).toHaveText('0%');
  await expect(metrics.levelBadge).toHaveText('LEVEL 0');
  // A metric its query cannot answer says so; it is never shown as 0 or as a pass — and the banner
  // says the console cannot see it, on every tab.
  await expect(metrics.status('p99 latency')).toHaveText('NO DATA');
  await expect(metrics.value('p99 latency')).toHaveText('no data');
  await expect(metrics.alertBanner.getByTestId('banner-blind')).toContainText(/p99 latency NO DATA since \d\d:\d\d:\d\d/);
  await expect(metrics.alertBanner.filter({ hasText: 'Error rate >' })).toHaveCount(0);

  // The war-room display, as a second screen.
  const wall = await app.context().newPage();
  // The token belongs to one tab (sessionStorage): a second screen opens from the link, as a person would.
  await wall.goto(`${consoleServer.url}#/sessions/${sessionId}/wall`);
  await expect(wall.getByRole('main', { name: 'War-room display' })).toBeVisible();
  // Gates past their time with nothing decided are overdue there too.
  await expect(wall.getByRole('region', { name: 'Gates waiting for a decision' })).toContainText(/Canary: 5% of Traffic NOT DECIDED OVERDUE 1\d min/);

  // Prometheus stopped: within two poll intervals (plus the stale rule's own two) every tab and the
  // wall say which metrics are blind and since when; no green level anywhere.
  await prometheus.stop();
  const blind = metrics.alertBanner.getByTestId('banner-blind');
  await expect(blind).toContainText(/Error rate STALE since \d\d:\d\d:\d\d/, { timeout: 20_000 });
  await expect(metrics.alertBanner.getByTestId('banner-level')).toHaveText('LEVEL 0');
  await expect(metrics.alertBanner).toContainText('NOT CERTAIN');
  await expect(metrics.decision).toContainText('NOT CERTAIN');
  for (const tab of ['Run', 'Checklist', 'Steps', 'Runbook']) {
    await app.getByRole('tab', { name: tab, exact: true }).click();
    await expect(blind, `blind on the ${tab} tab`).toContainText('Error rate STALE');
  }
  await expect(wall.getByRole('region', { name: 'Session banner' }).getByTestId('banner-blind')).toContainText(/Error rate STALE since/);
  await expect(wall.getByTestId('wall-level')).toContainText('NOT CERTAIN');
  await expect(wall.getByTestId('wall-level')).not.toHaveClass(/wall-level-0/);
  await wall.screenshot({ path: testInfo.outputPath('wall-blind.png') });
  await app.screenshot({ path: testInfo.outputPath('banner-blind.png') });
  await prometheus.start();
  await expect(blind).not.toContainText('Error rate', { timeout: 90_000 });
  await expect(wall.getByRole('region', { name: 'Session banner' })).not.toContainText('Error rate STALE');
  await metrics.open();

  service.set({ errorRate: 0.2 });
  await expect(metrics.levelBadge).toHaveText('LEVEL 3', { timeout: 60_000 });
  await expect(metrics.decision.getByRole('heading', { name: 'Critical Issues: Immediate Rollback' })).toBeVisible();
  await expect(metrics.decision.getByRole('list', { name: 'Why this level' })).toContainText(QUERIES.error);
  await expect(metrics.decision.getByRole('button', { name: /Go to rollback step: Level 3/ })).toBeVisible();
  await expect(metrics.status('Error rate')).toHaveText('BREACH');
  await expect(metrics.card('Error rate')).toContainText('Crossing: Error rate > 10% (page)');
  await expect(metrics.alertBanner).toContainText('LEVEL 3');
  // One line per threshold, the value now rounded to the unit, and the value when raised.
  const pageLine = metrics.alertBanner.getByRole('listitem').filter({ hasText: 'Error rate > 10%' });
  await expect(pageLine).toHaveCount(1);
  await expect(pageLine).toContainText(/^PAGE Error rate > 10% \(paging\) — now \d+\.\d % · \d+\.\d % when raised/);
  // At level 3 the banner stays short on a 1440×900 screen until expanded.
  await app.setViewportSize({ width: 1440, height: 900 });
  await metrics.alertBanner.screenshot({ path: testInfo.outputPath('banner-level-3.png') });
  const bannerBox = (await metrics.alertBanner.boundingBox())!;
  expect(bannerBox.height).toBeLessThanOrEqual(900 / 5 + 20);
  await app.screenshot({ path: testInfo.outputPath('metrics-level-3.png') });

  // Gate 1: HOLD (reason required), then GO once re-evaluated; the whole sequence stays readable.
  const first = metrics.gatePrompt('Go/No-Go Decision — Canary: 5% of Traffic');
  await expect(first).toBeVisible();
  await expect(first.getByTestId('gate-overdue')).toHaveText(/OVERDUE 1\d min/);
  await expect(first.getByRole('table', { name: 'Gate criteria, live' })).toContainText('FAIL');
  await first.getByRole('button', { name: 'Record HOLD' }).click();
  await expect(first.getByRole('alert')).toContainText('A HOLD needs a reason');
  await first.getByLabel(/^Reason \(required for HOLD/).fill('Error rate at 20 % on the canary');
  await first.getByRole('button', { name: 'Record HOLD' }).click();
  await expect(first.getByTestId('gate-outcome')).toHaveText('ON HOLD');
  await expect(first.getByTestId('gate-overdue')).toHaveCount(0);
  await expect(first.getByTestId('gate-history')).toContainText(/HOLD \d\d:\d\d by Ada — Error rate \d+\.\d %/);
  service.set({ errorRate: 0 });
  await first.getByRole('button', { name: 'Record GO' }).click();
  await expect(first).toBeHidden();
  const gate = metrics.gate('Go/No-Go Decision — Canary: 5% of Traffic');
  await expect(gate.getByTestId('gate-history')).toContainText(/HOLD \d\d:\d\d by Ada — .+ → GO \d\d:\d\d by Ada/);
  await expect(gate.getByTestId('gate-decision')).toHaveCount(2);
  await expect(gate).toContainText('Error rate at 20 % on the canary');
  await gate.getByText(/^Evidence taken/).last().click();
  await expect(gate.getByRole('table', { name: 'Gate criteria at the decision' })).toContainText('FAIL');

  // Gate 2: two approvers set in the console (logged). Ada votes for an absent Engineering Lead
  // (a reason is required and the vote says so); the gate waits for the Product Owner, whose
  // ROLLBACK stops it.
  const second = metrics.gate('Go/No-Go Decision — Canary: 25% of Traffic');
  await second.getByRole('button', { name: 'Set approvers…' }).click();
  await second.getByLabel(/^Approver roles/).fill('Engineering Lead, Product Owner');
  await second.getByRole('button', { name: 'Save approvers' }).click();
  await expect(second).toContainText('Decided by Engineering Lead, Product Owner');
  const prompt2 = metrics.gatePrompt('Go/No-Go Decision — Canary: 25% of Traffic');
  await prompt2.getByLabel('Vote for').selectOption('Engineering Lead');
  await expect(prompt2.getByTestId('on-behalf-note')).toBeVisible();
  await prompt2.getByRole('button', { name: 'Record GO' }).click();
  await expect(prompt2.getByRole('alert')).toContainText("Recording Engineering Lead's vote for them needs a reason");
  await prompt2.getByLabel(/^Reason/).fill('Engineering Lead agreed on the bridge call');
  await prompt2.getByRole('button', { name: 'Record GO' }).click();
  await expect(prompt2.getByTestId('gate-outcome')).toHaveText('WAITING FOR VOTES');
  const votes = prompt2.getByRole('table', { name: 'Votes by approver' });
  await expect(votes.getByRole('row', { name: /Engineering Lead/ })).toContainText('GO');
  await expect(votes.getByRole('row', { name: /Engineering Lead/ })).toContainText('recorded for the absent approver');
  await expect(votes.getByRole('row', { name: /Product Owner/ })).toContainText('no vote yet');
  await app.screenshot({ path: testInfo.outputPath('gate-two-approvers.png') });
  await prompt2.getByLabel('Vote for').selectOption('Product Owner');
  await prompt2.getByLabel(/^Reason/).fill('Support queue doubled since the 5 % canary');
  await prompt2.getByRole('button', { name: 'Record ROLLBACK' }).click();
  await expect(prompt2.getByTestId('gate-outcome')).toHaveText('ROLLBACK');
  await expect(wall.getByRole('region', { name: 'Gates waiting for a decision' })).toContainText(/Canary: 25% of Traffic ROLLBACK/);
  await expect(wall.getByRole('region', { name: 'Gates waiting for a decision' })).toContainText('Engineering Lead: GO · Product Owner: ROLLBACK');
  await prompt2.screenshot({ path: testInfo.outputPath('gate-panel-rollback.png') });
  await wall.screenshot({ path: testInfo.outputPath('wall-gates.png') });

  // The level's rollback step is one click away (running it asks for its own confirmation there).
  await metrics.decision.getByRole('button', { name: /Go to rollback step: Level 3/ }).click();
  await expect(app.getByRole('tab', { name: 'Steps', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByRole('region', { name: 'Step: Level 3: Critical Issues' })).toBeVisible();
  expect(consoleServer.output()).not.toMatch(/failed|Error:/);
});
