import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/consoleServer';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { SEED_RUNBOOK, SessionsPage } from './pages/sessionsPage';

const BROKEN = join(REPO_ROOT, 'test', 'e2e', 'data', 'broken-runbook.md');

test('importing a runbook shows its summary and every warning with file:line:column', async ({ app }) => {
  await app.getByRole('button', { name: 'New session' }).click();
  await new SessionsPage(app).chooseRunbook(BROKEN);
  const warnings = app.getByRole('list', { name: 'Import warnings' }).getByRole('listitem');
  await expect(warnings.first()).toBeVisible();
  const texts = await warnings.allInnerTexts();
  expect(texts.some((t) => /^broken-runbook\.md:3:\d+ .*bogus_key/.test(t))).toBe(true);
  expect(texts.some((t) => /^broken-runbook\.md:14:\d+ /.test(t))).toBe(true);
  expect(texts.some((t) => /^broken-runbook\.md:16:\d+ .*(fence|closed)/i.test(t))).toBe(true);
  // Prefilled from the runbook: name from its title, environment from its front matter.
  await expect(app.getByLabel('Session name')).toHaveValue('Broken launch');
  await expect(app.getByRole('radio', { name: 'Production' })).toBeChecked();
});

test('a runbook dropped on the form is imported like a chosen one', async ({ app }) => {
  await app.getByRole('button', { name: 'New session' }).click();
  const content = readFileSync(SEED_RUNBOOK, 'utf8');
  const drop = app.getByTestId('runbook-drop');
  const dataTransfer = await app.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'GO_LIVE_PROCEDURES.md', { type: 'text/markdown' }));
    return transfer;
  }, content);
  await drop.dispatchEvent('drop', { dataTransfer });
  const summary = app.getByRole('region', { name: 'Import summary' });
  await expect(summary).toContainText('130 checklist items');
  await expect(summary).toContainText('11 steps');
  await expect(summary).toContainText('ADMIN_TOKEN, API_KEY, STATUS_API_KEY');
  await expect(app.getByLabel('T0 (UTC)')).toHaveValue('2025-10-21T12:00');
});

test('the runbook view shows steps with their windows in T-offset and UTC for the session T0', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Launch', environment: 'staging', t0: '2025-11-03T18:30', actorName: 'Ada' });
  await app.getByRole('tab', { name: 'Runbook' }).click();
  const deploy = app.getByRole('article', { name: 'Step: Deploy New Code' });
  await expect(deploy).toContainText('T+5m..T+15m');
  await expect(deploy).toContainText('18:35–18:45 UTC');
  await expect(deploy.getByLabel('Script of Deploy New Code')).toContainText('git checkout origin/production');
  await expect(app.getByRole('article', { name: 'Gate: Go/No-Go Decision' }).first()).toContainText('T+35m');
  const level3 = app.getByRole('article', { name: 'Level 3: Critical Issues', exact: true });
  await expect(level3).toContainText('Immediate Rollback');
  await expect(level3).toContainText('Error rate > 10%');
});

test('re-importing a changed runbook shows the changes before applying, and keeps ticks', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const checklist = new ChecklistPage(app);
  await checklist.tick('API keys rotated and secured');

  const changed = readFileSync(SEED_RUNBOOK, 'utf8')
    .replace('  - [ ] DDoS protection active\n', '  - [ ] DDoS protection active\n  - [ ] WAF rules reviewed\n')
    .replace('  - [ ] Rate limiting enabled\n', '')
    .replace('sleep 30\n', 'sleep 45\n');
  const file = join(tmpdir(), `changed-${Date.now()}.md`);
  writeFileSync(file, changed);

  await app.getByRole('tab', { name: 'Runbook' }).click();
  await app.getByRole('button', { name: 'Re-import runbook…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Re-import runbook' });
  await dialog.getByLabel('Changed runbook file').setInputFiles(file);
  await expect(dialog.getByRole('region', { name: 'Added' })).toContainText('WAF rules reviewed');
  await expect(dialog.getByRole('region', { name: 'Removed' })).toContainText('Rate limiting enabled');
  await expect(dialog.getByRole('region', { name: 'Changed' })).toContainText('Deploy New Code');
  await dialog.getByRole('button', { name: 'Apply to session' }).click();
  await expect(dialog).toBeHidden();

  await app.getByRole('tab', { name: 'Checklist' }).click();
  await expect(checklist.checkbox('WAF rules reviewed')).toBeVisible();
  await expect(checklist.checkbox('Rate limiting enabled')).toHaveCount(0);
  await expect(checklist.checkbox('API keys rotated and secured')).toBeChecked();
});
