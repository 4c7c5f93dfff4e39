// Live metrics in the browser shell, against a real Prometheus scraping a test service the test
// drives: bindings set in the UI, monitoring started, the level badge, a chart's value and the
// alert banner reacting to the error rate, and a NO-GO recorded at a gate with its evidence.
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

test('bindings set in the UI, the level badge, a chart and the alert banner follow the error rate; NO-GO is recorded with its evidence', async ({ app, consoleServer }, testInfo) => {
  test.setTimeout(240_000);
  service = await startMetricsService();
  service.startLoad(40);
  prometheus = await startPrometheus({ targets: [service.target] });
  await prometheus.waitForTargets();

  // T0 forty minutes ago: the 5 % canary's gate (T+35m) is due now.
  await new SessionsPage(app).createSession({ name: 'Canary', environment: 'staging', t0: utcMinutes(Date.now() - 40 * 60_000), actorName: 'Ada', actorRole: 'Incident Commander' });
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
  // A metric its query cannot answer says so; it is never shown as 0 or as a pass.
  await expect(metrics.status('p99 latency')).toHaveText('NO DATA');
  await expect(metrics.value('p99 latency')).toHaveText('no data');
  // Nothing about the error rate yet (the seed's 100–500 req/s target may warn: the load is lighter).
  await expect(metrics.alertBanner.filter({ hasText: 'Error rate' })).toHaveCount(0);

  service.set({ errorRate: 0.2 });
  await expect(metrics.levelBadge).toHaveText('LEVEL 3', { timeout: 60_000 });
  await expect(metrics.decision.getByRole('heading', { name: 'Critical Issues: Immediate Rollback' })).toBeVisible();
  await expect(metrics.decision.getByRole('list', { name: 'Why this level' })).toContainText(QUERIES.error);
  await expect(metrics.decision.getByRole('button', { name: /Go to rollback step: Level 3/ })).toBeVisible();
  await expect(metrics.status('Error rate')).toHaveText('BREACH');
  await expect(metrics.card('Error rate')).toContainText('Crossing: Error rate > 10% (page)');
  await expect(metrics.value('Error rate')).not.toHaveText('0%');
  await expect(metrics.alertBanner).toContainText('LEVEL 3');
  await expect(metrics.alertBanner).toContainText(/PAGE Error rate > 10% \(paging\) — Error rate was \d+(\.\d)?%/);
  // Hovering the chart shows the value and its UTC time.
  const plot = metrics.card('Error rate').locator('.u-over');
  const box = (await plot.boundingBox())!;
  await plot.hover({ position: { x: box.width - 3, y: box.height / 2 } });
  await expect(metrics.card('Error rate').locator('.u-legend')).toContainText(/\d\d:\d\d:\d\d UTC/);
  await expect(metrics.card('Error rate').locator('.u-legend')).toContainText(/Error rate\s*\d+(\.\d+)?%/);
  await app.screenshot({ path: testInfo.outputPath('metrics-level-3.png'), fullPage: true });

  // The gate's prompt is a panel on the page, with each criterion live.
  const prompt = metrics.gatePrompt(/^Go \/ No-Go: Go\/No-Go Decision — Canary: 5% of Traffic/);
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('table', { name: 'Gate criteria, live' })).toContainText('FAIL');
  await prompt.getByRole('button', { name: /Record NO-GO/ }).click();
  await expect(prompt.getByRole('alert')).toContainText('A NO-GO needs a reason');
  await prompt.getByLabel('Reason (required for NO-GO)').fill('Error rate at 20 % on the canary');
  await prompt.getByRole('button', { name: /Record NO-GO/ }).click();
  await expect(prompt).toBeHidden();

  const gate = metrics.gate('Go/No-Go Decision — Canary: 5% of Traffic');
  await expect(gate.getByTestId('gate-decision')).toContainText('NO-GO by Ada (Incident Commander)');
  await expect(gate).toContainText('Error rate at 20 % on the canary');
  await gate.getByText(/^Evidence taken/).click();
  await expect(gate.getByRole('table', { name: 'Gate criteria at the decision' })).toContainText('FAIL');
  await expect(gate.getByRole('table', { name: 'Metrics at the decision' })).toContainText(QUERIES.error);
  await app.screenshot({ path: testInfo.outputPath('metrics-decided.png'), fullPage: true });

  // The level's rollback step is one click away (running it asks for its own confirmation there).
  await metrics.decision.getByRole('button', { name: /Go to rollback step: Level 3/ }).click();
  await expect(app.getByRole('tab', { name: 'Steps', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByRole('region', { name: 'Step: Level 3: Critical Issues' })).toBeVisible();
  expect(consoleServer.output()).not.toMatch(/failed|Error:/);
});
