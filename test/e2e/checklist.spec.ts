import { expect, openConsole, test } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { SessionsPage } from './pages/sessionsPage';

test('items ticked with notes by a named actor survive a reload with their history', async ({ app, consoleServer }) => {
  await new SessionsPage(app).createSession({ name: 'Rehearsal', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', actorRole: 'Incident Commander' });
  const checklist = new ChecklistPage(app);
  await checklist.tick('API keys rotated and secured');
  await checklist.addNote('API keys rotated and secured', 'rotated in vault at 09:10');
  await checklist.signOff('CTO approval', 'Grace Hopper');
  await expect(checklist.row('Security Audit')).toContainText('1/7');

  // Someone else takes the keyboard: the change is recorded and their ticks carry their name.
  await app.getByRole('button', { name: /At the keyboard: Ada/ }).click();
  await checklist.identify('Bob', 'Database Admin');
  await checklist.tick('Database credentials secured in vault');
  await checklist.untick('API keys rotated and secured', 'vault audit not finished');

  await app.reload();
  await expect(app.locator('html[data-app-ready="true"]')).toBeAttached();
  await checklist.identify('Bob', 'Database Admin');
  await expect(checklist.checkbox('API keys rotated and secured')).not.toBeChecked();
  await expect(checklist.checkbox('Database credentials secured in vault')).toBeChecked();
  await expect(checklist.row('Database credentials secured in vault')).toContainText('Bob');
  await expect(checklist.row('CTO approval')).toContainText('approved by Grace Hopper');

  const history = await checklist.history('API keys rotated and secured');
  expect(history).toHaveLength(3);
  expect(history[0]).toMatch(/Ada \(Incident Commander\) ticked it/);
  expect(history[1]).toMatch(/Ada \(Incident Commander\) noted “rotated in vault at 09:10”|noted.*rotated in vault at 09:10/);
  expect(history[2]).toMatch(/Bob \(Database Admin\) unticked it.*vault audit not finished/);
  expect(consoleServer.output()).not.toMatch(/Error|failed/);
});

test('a sign-off cannot be ticked without naming the approver', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Launch', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const checklist = new ChecklistPage(app);
  await checklist.checkbox('VP Engineering approval').click();
  const dialog = app.getByRole('dialog', { name: 'Record sign-off' });
  await dialog.getByRole('button', { name: 'Record sign-off' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(checklist.checkbox('VP Engineering approval')).not.toBeChecked();
});

test('filters, search and the keyboard reach every item', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Launch', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const checklist = new ChecklistPage(app);
  await app.keyboard.press('/');
  await app.keyboard.type('backup');
  await expect(checklist.checkbox('API keys rotated and secured')).toHaveCount(0);
  await expect(checklist.checkbox('Database backups verified (test restore)')).toBeVisible();
  for (const name of await checklist.list.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? b.closest('label')?.textContent ?? ''))) {
    expect(name.toLowerCase()).toMatch(/backup|infrastructure|final verification|final testing|preparation|database admin|first 24 hours|go-live|phase/);
  }
  await app.getByRole('searchbox').fill('');
  await app.getByRole('searchbox').press('Escape');

  await checklist.checkbox('API keys rotated and secured').focus();
  await app.keyboard.press('j');
  await expect(checklist.checkbox('SSL certificates valid and installed')).toBeFocused();
  await app.keyboard.press(' ');
  await expect(checklist.checkbox('SSL certificates valid and installed')).toBeChecked();
  await app.keyboard.press('k');
  await expect(checklist.checkbox('API keys rotated and secured')).toBeFocused();
  await app.keyboard.press('n');
  await expect(app.getByRole('dialog', { name: 'Add note' })).toBeVisible();
  await app.keyboard.press('Escape');

  await app.getByLabel('Open items only').check();
  await expect(checklist.checkbox('SSL certificates valid and installed')).toHaveCount(0);
  await app.getByLabel('Role').selectOption('Database Admin');
  await expect(checklist.checkbox('Migrations tested')).toBeVisible();
  await expect(checklist.checkbox('Containers built and tested')).toHaveCount(0);
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /72 Hours Before Go-Live/ }).click();
  await expect(app.getByText('No items match.')).toBeVisible();
});

test('a session opened read-only offers no way to change it', async ({ app, consoleServer, page }) => {
  await new SessionsPage(app).createSession({ name: 'Last week', environment: 'staging', t0: '2025-10-14T12:00', actorName: 'Ada' });
  const checklist = new ChecklistPage(app);
  await checklist.tick('API keys rotated and secured');
  await app.getByRole('link', { name: 'Open read-only' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'READ-ONLY' })).toBeVisible();
  const boxes = checklist.list.getByRole('checkbox');
  expect(await boxes.count()).toBeGreaterThan(100);
  for (const box of await boxes.all()) await expect(box).toBeDisabled();
  await expect(checklist.checkbox('API keys rotated and secured')).toBeChecked();
  await expect(app.getByRole('button', { name: /^Add note/ })).toHaveCount(0);
  await expect(app.getByRole('button', { name: /At the keyboard/ })).toHaveCount(0);
  // History stays readable.
  expect(await checklist.history('API keys rotated and secured')).toHaveLength(1);
  void consoleServer;
  void page;
  void openConsole;
});
