// A checklist of 1,200 items (issue 19): only the rows on screen are in the DOM, yet every item is
// reachable — by keyboard (the focused item is always rendered and scrolled to), by search (an item
// far down is found and shown), and screen readers hear each row's place (aria-posinset/setsize).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { SessionsPage } from './pages/sessionsPage';

const SECTIONS = 40;
const ITEMS = 30;

function largeChecklist(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tminus-windowed-')), 'large.md');
  const sections = Array.from({ length: SECTIONS }, (_, s) =>
    [`## Area ${s + 1} readiness`, '', ...Array.from({ length: ITEMS }, (_, i) => `- [ ] Area ${s + 1} check ${i + 1} confirmed`), ''].join('\n'),
  );
  writeFileSync(file, ['# Large checklist', '', ...sections].join('\n'));
  return file;
}

test('a 1,200-item checklist renders a window of rows, and keyboard and search still reach every item', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Big', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: largeChecklist() });
  await app.getByRole('tab', { name: 'Checklist', exact: true }).click();
  const checklist = new ChecklistPage(app);
  await expect(checklist.checkbox('Area 1 check 1 confirmed')).toBeVisible();
  const rendered = await checklist.list.getByRole('checkbox').count();
  expect(rendered).toBeLessThan(120);
  await expect(checklist.row('Area 1 check 2 confirmed')).toHaveAttribute('aria-posinset', '2');
  await expect(checklist.row('Area 1 check 2 confirmed')).toHaveAttribute('aria-setsize', String(SECTIONS * ITEMS));
  await expect(checklist.checkbox('Area 40 check 30 confirmed')).toHaveCount(0);

  // j past the first screenful: each item is focused in turn, rendered and scrolled into view.
  await checklist.checkbox('Area 1 check 1 confirmed').focus();
  for (let i = 0; i < 75; i++) await app.keyboard.press('j');
  const target = checklist.checkbox('Area 3 check 16 confirmed');
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  await expect(checklist.row('Area 3 check 16 confirmed')).toHaveAttribute('aria-posinset', '76');
  await app.keyboard.press(' ');
  await expect(target).toBeChecked();
  await app.keyboard.press('k');
  await expect(checklist.checkbox('Area 3 check 15 confirmed')).toBeFocused();

  // Search finds the very last item and shows it; clearing the search brings the window back.
  await app.keyboard.press('/');
  await app.keyboard.type('Area 40 check 30');
  await expect(checklist.checkbox('Area 40 check 30 confirmed')).toBeInViewport();
  await checklist.tick('Area 40 check 30 confirmed');
  await app.getByRole('searchbox').fill('');
  await expect(checklist.checkbox('Area 1 check 1 confirmed')).toBeInViewport();
  expect(await checklist.list.getByRole('checkbox').count()).toBeLessThan(120);
});

test('a 100-section runbook view keeps every heading but renders the text of sections near the screen only', async ({ app }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tminus-lazy-')), 'sections.md');
  const sections = Array.from({ length: 100 }, (_, s) => [`## Stage ${s + 1} cutover`, '', `Stage ${s + 1} moves tenant group ${s + 1} to the new cluster.`, ''].join('\n'));
  writeFileSync(file, ['# Many stages', '', ...sections].join('\n'));
  await new SessionsPage(app).createSession({ name: 'Stages', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: file });
  await app.getByRole('tab', { name: 'Runbook', exact: true }).click();
  const main = app.locator('.runbook-main');
  await expect(main.getByText('Stage 1 moves tenant group 1 to the new cluster.')).toBeVisible();
  await expect(main.getByRole('heading', { name: /^Stage \d+ cutover/ })).toHaveCount(100);
  await expect(main.getByText('Stage 100 moves tenant group 100 to the new cluster.')).toHaveCount(0);
  await app.getByRole('navigation', { name: 'Runbook sections' }).getByRole('link', { name: /Stage 100 cutover/ }).click();
  await expect(main.getByText('Stage 100 moves tenant group 100 to the new cluster.')).toBeInViewport();
});
