import { request as playwrightRequest } from '@playwright/test';
import { expect, openConsole, test } from './fixtures';
import { SessionsPage } from './pages/sessionsPage';

test('a created session survives a reload and shows its environment and T0', async ({ app, consoleServer }) => {
  const sessions = new SessionsPage(app);
  await sessions.createSession({ name: 'v2.0 go-live', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada' });
  await expect(app.getByText('2025-10-21 12:00 UTC')).toBeVisible();
  await expect(app.getByTestId('environment-badge').first()).toHaveText('PRODUCTION');

  await app.goto(`${consoleServer.base}#/`);
  await app.reload();
  await expect(app.locator('html[data-app-ready="true"]')).toBeAttached();
  const row = sessions.row('v2.0 go-live');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('environment-badge')).toHaveText('PRODUCTION');
  await expect(row).toContainText('2025-10-21 12:00 UTC');
  await expect(row).toContainText('by Ada');
});

test('requests without the token are refused, with a login page and no data', async ({ consoleServer, page }) => {
  const anonymous = await playwrightRequest.newContext();
  const api = await anonymous.post(`${consoleServer.base}api/call/listSessions`, { data: {} });
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe('unauthorized');
  const wrongLink = await anonymous.get(`${consoleServer.base}?token=not-the-token`);
  expect(wrongLink.status()).toBe(401);
  await anonymous.dispose();

  // The app's files hold no data; without a token the page goes straight to the login form.
  await page.goto(consoleServer.base);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'T-Minus console' })).toBeVisible();
  await expect(page.getByLabel('Access token')).toBeVisible();

  await page.getByLabel('Access token').fill(consoleServer.token);
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  await expect(page).not.toHaveURL(/token=/);
});

test('a wrong token and a foreign origin are refused', async ({ consoleServer }) => {
  const client = await playwrightRequest.newContext();
  const wrong = await client.post(`${consoleServer.base}api/call/listSessions`, {
    data: {},
    headers: { Authorization: 'Bearer not-the-token' },
  });
  expect(wrong.status()).toBe(401);
  const foreign = await client.post(`${consoleServer.base}api/call/listSessions`, {
    data: {},
    headers: { Authorization: `Bearer ${consoleServer.token}`, Origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  await client.dispose();
});

test('an invalid payload names the wrong field and creates nothing', async ({ consoleServer, app }) => {
  const client = await playwrightRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${consoleServer.token}` } });
  const bad = await client.post(`${consoleServer.base}api/call/createSession`, {
    data: {
      name: 'x',
      environment: 'prod',
      t0: '2025-10-21T12:00:00Z',
      actor: { name: 'Ada', role: null },
      runbook: { sourceName: 'r.md', content: '# R\n- [ ] one\n' },
    },
  });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body.error.code).toBe('invalid_input');
  expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['environment']);
  const list = await client.post(`${consoleServer.base}api/call/listSessions`, { data: {} });
  expect((await list.json()).result).toEqual([]);
  await client.dispose();
  await expect(app.getByText('No sessions yet')).toBeVisible();
});

test('the viewer link opens a console that can read but not create', async ({ consoleServer, page, app }) => {
  await new SessionsPage(app).createSession({ name: 'Rehearsal', environment: 'staging', t0: '2025-10-20T12:00', actorName: 'Ada' });
  const viewer = await page.context().browser()!.newContext();
  const viewerPage = await viewer.newPage();
  await openConsole(viewerPage, consoleServer.viewerUrl);
  await expect(viewerPage.getByText('VIEW ONLY')).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'Rehearsal' })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'New session' })).toHaveCount(0);
  const refused = await viewerPage.request.post(`${consoleServer.base}api/call/createSession`, {
    headers: { Authorization: `Bearer ${consoleServer.viewerToken}` },
    data: { name: 'x', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: { name: 'Eve', role: null }, runbook: { sourceName: 'r.md', content: '# R\n' } },
  });
  expect(refused.status()).toBe(403);
  await viewer.close();
});
