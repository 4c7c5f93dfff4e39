// The runbook's own text in the console: prose, tables and callouts readable in the Runbook tab,
// hostile markup shown as characters, structured elements linked to their source line; and the
// list of lines not understood, shown before a session is created.
import { join } from 'node:path';
import { REPO_ROOT } from '../support/consoleServer';
import { expect, test } from './fixtures';
import { SessionsPage } from './pages/sessionsPage';

const HOSTILE = join(REPO_ROOT, 'test', 'e2e', 'data', 'hostile-runbook.md');
const CORPUS = join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'corpus');

test('the Runbook tab shows the text of a hostile runbook as text: nothing in it runs', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Hostile', environment: 'staging', t0: '2025-11-03T18:30', actorName: 'Ada', runbook: HOSTILE });
  await app.getByRole('tab', { name: 'Runbook' }).click();
  const main = app.locator('.runbook-main');
  // Raw HTML reads as the characters it was written with.
  await expect(main.getByText("<script>window.__pwned = 'inline script'</script>", { exact: false })).toBeVisible();
  await expect(main.getByText('<div onclick="window.__pwned = \'onclick\'">Click the raw HTML</div>')).toBeVisible();
  // The callout and the rollback table are readable.
  const callout = main.getByRole('complementary', { name: 'Warning' });
  await expect(callout).toContainText('Comms template: "We are rolling back <b onmouseover=');
  await expect(main.getByRole('table').getByRole('cell', { name: '> 5% for 15 min' })).toBeVisible();
  // Only the http(s) link is a link; the javascript: one keeps its words, not its address.
  await expect(main.getByRole('link', { name: 'the real one' })).toHaveAttribute('href', 'https://status.example.com');
  await expect(main.getByRole('link', { name: 'Status page' })).toHaveCount(0);
  await main.getByText('Status page').click();
  await main.getByText('Click the raw HTML').click();
  await main.getByText('now', { exact: false }).first().hover();
  const dom = await main.evaluate((root) => ({
    scripts: root.querySelectorAll('script, iframe, img, object, embed').length,
    handlers: [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
    javascriptHrefs: [...root.querySelectorAll('[href], [src]')].filter((el) => /javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? '')).length,
  }));
  expect(dom).toEqual({ scripts: 0, handlers: [], javascriptHrefs: 0 });
  expect(await app.evaluate(() => (window as { __pwned?: string }).__pwned ?? null)).toBeNull();
});

test('a structured element links to its source line, and the link brings that text into view', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Hostile', environment: 'staging', t0: '2025-11-03T18:30', actorName: 'Ada', runbook: HOSTILE });
  await app.getByRole('tab', { name: 'Runbook' }).click();
  const main = app.locator('.runbook-main');
  // The rollback table row (line 17) became a decision level; its link marks the row it came from.
  const level = main.getByRole('article', { name: /^Level \d/ }).first();
  await expect(level).toBeVisible();
  const link = level.locator('header').getByRole('button', { name: /^hostile-runbook\.md:\d+$/ });
  const line = Number((await link.innerText()).split(':')[1]);
  await link.click();
  const target = main.locator('.is-source-target');
  await expect(target).toHaveCount(1);
  await expect(target).toBeFocused();
  const [start, end] = await target.evaluate((el) => [Number((el as HTMLElement).dataset.lineStart), Number((el as HTMLElement).dataset.lineEnd)]);
  expect(start).toBeLessThanOrEqual(line);
  expect(end).toBeGreaterThanOrEqual(line);
  await expect(target).toContainText('Error rate');
});

test('before a session is created, the import preview lists the lines that look like structure but were not understood', async ({ app }) => {
  await app.getByRole('button', { name: 'New session' }).click();
  await new SessionsPage(app).chooseRunbook(join(CORPUS, 'teei-run-of-show.md'));
  const coverage = app.locator('.import-coverage');
  await expect(coverage.locator('summary')).toHaveText(/^Understood \d+ of \d+ lines that look like times, thresholds, gates, roles or sign-offs \(\d+%\)$/);
  const missed = app.getByRole('list', { name: 'Not understood' }).getByRole('listitem');
  await expect(missed.first()).toBeVisible();
  const texts = await missed.allInnerTexts();
  // Each names its file:line:column and what it looked like.
  for (const text of texts) expect(text).toMatch(/^teei-run-of-show\.md:\d+:\d+ \S/);
});
