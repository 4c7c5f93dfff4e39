// The IC corrects what was misread, once: in the import preview before the session exists, and
// in the Runbook tab of a running session, where the correction is logged.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { SEED_RUNBOOK, SessionsPage } from './pages/sessionsPage';

test('a line marked as a threshold in the preview is understood, and a criterion flipped in the Runbook tab is corrected and logged', async ({ app }) => {
  const sessions = new SessionsPage(app);
  await app.getByRole('button', { name: 'New session' }).click();
  await sessions.chooseRunbook(SEED_RUNBOOK);
  const coverage = app.locator('.import-coverage summary');
  await expect(coverage).toContainText('Understood 31 of 32');

  const review = app.getByRole('region', { name: 'Import summary' }).locator('details.corrections-review');
  await review.locator('summary').click();
  await review.getByRole('button', { name: 'Mark line 74…' }).click();
  // The review, open with a mark form, meets WCAG 2.1 AA like every other screen (test/e2e/a11y.spec.ts).
  const axe = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('.corrections-review').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const form = review.getByRole('group', { name: 'Mark line 74' });
  await form.getByLabel('Metric').fill('Load test throughput');
  await form.getByLabel('Comparison').selectOption('>=');
  await form.getByLabel('Value').fill('1000');
  await form.getByLabel('Unit').fill('rps');
  await form.getByRole('button', { name: 'Mark as threshold' }).click();
  await expect(coverage).toContainText('Understood 32 of 32');
  await expect(review.getByRole('region', { name: 'Corrections' })).toContainText('seed.md:74 corrected: threshold Load test throughput >= 1000rps (ok-if)');

  await app.getByLabel('Session name').fill('Launch');
  await app.getByLabel('T0 (UTC)').fill('2025-10-21T12:00');
  await app.getByLabel('Your name').fill('Ada');
  await app.getByRole('button', { name: 'Create session' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Launch' })).toBeVisible();

  await app.getByRole('tab', { name: 'Runbook' }).click();
  const tabReview = app.locator('.runbook-main details.corrections-review');
  await tabReview.locator('summary').click();
  await expect(tabReview.getByRole('region', { name: 'Corrections' })).toContainText('1 applied');
  const meaning = tabReview.getByRole('combobox', { name: /^Meaning of Error rate at line \d+$/ }).first();
  const before = await meaning.inputValue();
  const flipped = before === 'ok-if' ? 'alert-if' : 'ok-if';
  await meaning.selectOption(flipped);
  await expect(tabReview.getByRole('region', { name: 'Corrections' })).toContainText('2 applied');
  await expect(tabReview.getByRole('region', { name: 'Corrections' })).toContainText(`${flipped} instead of ${before}`);
  await expect(meaning).toHaveValue(flipped);
  // Shown as a correction where the threshold is, too.
  await expect(app.locator('.runbook-main .tag-corrected').filter({ hasText: `${flipped} instead of ${before}` }).first()).toBeVisible();

  // Logged like every other change: the audit trail (CSV export, one row per event) names it.
  const sessionId = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(app.url())?.[0];
  expect(sessionId).toBeDefined();
  const csv = await app.evaluate(async (id) => {
    const token = sessionStorage.getItem('tminus.token');
    const response = await fetch('/api/call/exportReport', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ sessionId: id, format: 'csv' }) });
    return ((await response.json()) as { result: { content: string } }).result.content;
  }, sessionId);
  expect(csv).toMatch(/Runbook corrected at line \d+: Error rate .*instead of/);
});
