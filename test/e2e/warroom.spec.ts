// The war room over the LAN listener: `tminus serve --lan --bind 127.0.0.2`, Chromium contexts for
// the IC, the DBA's seat and the wall, all over HTTPS against the generated certificate — pinned
// by its fingerprint (read from the served certificate with node:tls), not merely ignored.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { startConsole, REPO_ROOT, type RunningConsole } from '../support/consoleServer';
import { lanCall, lanLinksOf, plaintextRequest, servedFingerprint, type LanLinks } from '../support/lanConsole';
import { ChecklistPage } from './pages/checklistPage';
import { StepsPage } from './pages/stepsPage';
import { WarRoomPage } from './pages/warRoomPage';

let server: RunningConsole;
let lan: LanLinks;

test.beforeAll(async () => {
  server = await startConsole({ args: ['--lan', '--bind', '127.0.0.2'] });
  lan = lanLinksOf(server);
});
test.afterAll(async () => {
  await server?.stop();
});

async function pagePinned(browser: Browser, url: string): Promise<Page> {
  // The browser is told to accept the self-signed certificate only after the test compared the
  // served certificate's fingerprint with the one the console printed — what a person does.
  expect(await servedFingerprint(lan.host, lan.port)).toBe(lan.fingerprint);
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  return page;
}

test('IC invites a DBA seat over HTTPS; the seat ticks as itself, runs a step only once granted, and is cut off when revoked', async ({ browser }) => {
  test.setTimeout(120_000);
  expect(await plaintextRequest(lan.host, lan.port, `/?token=${server.token}`)).toMatch(/^HTTP\/1\.1 400[\s\S]*HTTPS only/);

  const content = readFileSync(`${REPO_ROOT}/test/e2e/data/warroom-runbook.md`, 'utf8');
  const created = await lanCall(lan, server.token, 'createSession', {
    name: 'Rehearsal',
    environment: 'staging',
    t0: new Date(Date.now() + 3600_000).toISOString(),
    actor: { name: 'Ada', role: 'Incident Commander' },
    runbook: { sourceName: 'warroom-runbook.md', content },
  });
  const sessionId = (created.body.result as { id: string }).id;

  const ic = await pagePinned(browser, `${lan.url}#/sessions/${sessionId}`);
  await new ChecklistPage(ic).identify('Ada', 'Incident Commander');
  const warRoom = new WarRoomPage(ic);
  await warRoom.open();
  const invitation = await warRoom.invite('Dana', ['Database Admin']);
  await expect(invitation).toContainText(lan.fingerprint);
  await expect(invitation.getByRole('img', { name: "QR code of Dana's link" })).toBeVisible();
  const seatLink = await warRoom.linkOf(invitation);
  // The IC's War room tab with an invitation on screen meets WCAG 2.1 AA (as the rest of the app, a11y.spec.ts).
  const axe = await new AxeBuilder({ page: ic }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  expect(seatLink.startsWith(lan.base)).toBe(true);

  const wall = await pagePinned(browser, `${lan.viewerUrl}#/sessions/${sessionId}/wall`);

  // The seat's link opens its session as Dana, with no "who is at the keyboard" question.
  const dba = await pagePinned(browser, seatLink);
  await expect(dba.getByRole('status').filter({ hasText: 'Seat: Dana (Database Admin)' })).toBeVisible();
  await expect(warRoom.seatRow('Dana')).toContainText('Connected (1)');
  await dba.getByRole('tab', { name: 'Checklist', exact: true }).click();
  await dba.getByRole('checkbox', { name: /Mine only/ }).check();
  const checklist = new ChecklistPage(dba);
  await expect(checklist.checkbox('War room open')).toHaveCount(0);
  await checklist.tick('Migrations tested');
  const afterTick = await lanCall(lan, server.token, 'openSession', { sessionId });
  const state = (afterTick.body.result as { state: { checklist: Record<string, { history: Array<{ actor: { name: string; role: string } }> }> } }).state;
  expect(JSON.stringify(state.checklist)).toContain('"name":"Dana","role":"Database Admin"');

  // Running a step is the IC's until granted.
  const steps = new StepsPage(dba);
  await steps.open();
  await steps.startRun('Check the migration');
  await steps.runDialog('Check the migration').getByRole('button', { name: /^Run on \d+ hosts?$/ }).click();
  await expect(dba.getByRole('alert').filter({ hasText: 'Only the Incident Commander may run steps unless they grant it' })).toBeVisible();
  await dba.keyboard.press('Escape');

  await warRoom.grant('run steps', 'Role: Database Admin');
  await steps.startRun('Check the migration');
  await steps.runFromForm('Check the migration');
  await expect(steps.hostRow('local workstation')).toContainText('succeeded', { timeout: 60_000 });

  // The wall follows over the LAN, read-only.
  await expect(wall.getByText('Rehearsal').first()).toBeVisible();

  // Revoked: the open page is sent away at once, and the link no longer opens the console.
  await warRoom.revoke('Dana');
  await expect(dba).toHaveURL(/\/login$/);
  await dba.goto(seatLink);
  await expect(dba.getByRole('heading', { name: 'T-Minus console' })).toBeVisible();
  await expect(dba.getByLabel('Access token')).toBeVisible();
});
