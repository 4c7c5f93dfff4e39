import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole } from '../support/consoleServer';
import { expect, openConsole, test } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { SessionsPage } from './pages/sessionsPage';

test('an exported session file opens read-only in a fresh workspace, ticks and history intact', async ({ app, consoleServer, browser }) => {
  await new SessionsPage(app).createSession({ name: 'Rehearsal 3', environment: 'staging', t0: '2025-10-14T12:00', actorName: 'Ada', actorRole: 'Incident Commander' });
  const checklist = new ChecklistPage(app);
  await checklist.tick('API keys rotated and secured');
  await checklist.addNote('API keys rotated and secured', 'rotated by vault job #4411');
  const sessionId = /#\/sessions\/([0-9a-f-]{36})/.exec(app.url())![1]!;

  const exported = await app.request.post(`${consoleServer.base}api/call/exportSessionFile`, {
    headers: { Authorization: `Bearer ${consoleServer.token}` },
    data: { sessionId },
  });
  expect(exported.status()).toBe(200);
  const { fileName, content } = (await exported.json()).result as { fileName: string; content: string };
  expect(fileName).toMatch(/^rehearsal-3-20251014\.tminus\.json$/);
  const file = join(tmpdir(), `${Date.now()}-${fileName}`);
  writeFileSync(file, content);

  const elsewhere = await startConsole();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openConsole(page, elsewhere.url);
    await page.getByLabel('Open session file').setInputFiles(file);
    await expect(page.getByRole('heading', { level: 1, name: 'Rehearsal 3' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /READ-ONLY —/ })).toContainText('opened from an exported file');
    const imported = new ChecklistPage(page);
    await page.getByRole('tab', { name: 'Checklist' }).click();
    await expect(imported.checkbox('API keys rotated and secured')).toBeChecked();
    await expect(imported.checkbox('API keys rotated and secured')).toBeDisabled();
    const history = await imported.history('API keys rotated and secured');
    expect(history.join('\n')).toContain('rotated by vault job #4411');
    await page.goto(`${elsewhere.base}#/`);
    await expect(page.getByRole('row').filter({ hasText: 'Rehearsal 3' })).toContainText('imported');
    await context.close();
  } finally {
    await elsewhere.stop();
  }
});
