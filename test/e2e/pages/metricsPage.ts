// Page object for the Metrics tab: settings and bindings, monitoring, metric cards, the decision
// level, the alert banner and gate prompts.
import { expect, type Page } from '@playwright/test';

export interface MetricsSettingsInput {
  prometheusUrl: string;
  pollSeconds?: string;
  /** Query per metric name as the runbook writes it ("Error rate"). */
  queries?: Record<string, string>;
}

export class MetricsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Metrics', exact: true }).click();
    await expect(this.page.getByRole('tab', { name: 'Metrics', exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  get settings() {
    return this.page.getByRole('form', { name: 'Metric sources and bindings' });
  }

  async configure(input: MetricsSettingsInput): Promise<void> {
    const settings = this.settings;
    await expect(settings).toBeVisible();
    await settings.getByLabel('Prometheus URL').fill(input.prometheusUrl);
    if (input.pollSeconds) await settings.getByLabel('Poll interval (seconds)').fill(input.pollSeconds);
    for (const [metric, query] of Object.entries(input.queries ?? {})) await settings.getByLabel(`Query for ${metric}`, { exact: true }).fill(query);
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await expect(settings.getByRole('list', { name: 'Connection test' })).toContainText(/OK · prometheus/);
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();
  }

  async startMonitoring(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start monitoring' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Monitoring:' })).toContainText('ON');
  }

  card(metric: string) {
    return this.page.getByRole('article', { name: `Metric: ${metric}` });
  }

  value(metric: string) {
    return this.card(metric).getByLabel(`${metric} now`);
  }

  status(metric: string) {
    return this.card(metric).getByTestId('metric-status');
  }

  get decision() {
    return this.page.getByRole('region', { name: 'Decision level' });
  }

  get levelBadge() {
    return this.decision.getByTestId('level-badge');
  }

  /** Above every tab: what the console cannot see, the level, the alerts. */
  get alertBanner() {
    return this.page.getByRole('region', { name: 'Session banner' });
  }

  gatePrompt(title: RegExp | string) {
    return this.page.getByRole('region', { name: typeof title === 'string' ? new RegExp(`^Gate: ${title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) : title });
  }

  gate(title: string) {
    return this.page.getByRole('listitem', { name: `Gate: ${title}` });
  }
}
