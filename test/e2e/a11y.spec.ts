// WCAG 2.1 AA (axe-core: wcag2a, wcag2aa, wcag21a, wcag21aa) on every screen of the browser shell,
// walked in one session as an IC would: the sessions list, the new-session form with its import
// preview, every tab (run view, checklist with a note and history, steps, hosts, secrets, runbook,
// metrics and their settings, notifications, war room), the export dialog, the person at the
// keyboard, the gate decision prompt, a production run's typed confirmation, and the wall.
// Every violation of every screen is collected, so one run lists all of them.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole, type RunningConsole } from '../support/consoleServer';
import { expect, openConsole, test } from './fixtures';
import { SEED_RUNBOOK, SessionsPage } from './pages/sessionsPage';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PRODUCTION_RUNBOOK = `---
title: Production step
hosts:
  - name: app1
targets:
  Restart: app1
---

# Production step

## Deployment

### Restart

\`\`\`bash
systemctl restart api
\`\`\`
`;

let running: RunningConsole | null = null;
let dir: string | null = null;
test.afterEach(async () => {
  await running?.stop();
  running = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every screen of the browser shell meets WCAG 2.1 AA', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  const violations: string[] = [];
  const audit = async (on: Page, screen: string, shot = false) => {
    const result = await new AxeBuilder({ page: on }).withTags(TAGS).analyze();
    for (const v of result.violations) {
      violations.push(`${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1, 2).join('')}]` : ''}`).join(' | ')}`);
    }
    if (shot) await on.screenshot({ path: testInfo.outputPath(`${screen.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
  };
  const tab = async (name: string) => {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  };

  // 12:40: the 12:35 gate is due and undecided, so its decision prompt is up on every tab.
  running = await startConsole({ env: { TMINUS_CLOCK: '2025-10-21T12:40:00.000Z' } });
  await openConsole(page, running.url);
  await audit(page, 'sessions list (empty)');

  const sessions = new SessionsPage(page);
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByLabel('Runbook (markdown)').setInputFiles(SEED_RUNBOOK);
  // The seed is a long runbook; on a loaded machine its import takes a while.
  await expect(page.getByRole('region', { name: 'Import summary' })).toBeVisible({ timeout: 60_000 });
  await audit(page, 'new session form with import preview', true);
  await page.getByLabel('Session name').fill('Go-live');
  await page.getByRole('radio', { name: 'Staging (rehearsal)' }).check();
  await page.getByLabel('T0 (UTC)').fill('2025-10-21T12:00');
  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'Create session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Go-live' })).toBeVisible();
  const sessionUrl = page.url();

  await tab('Run');
  await audit(page, 'run view with the gate prompt', true);
  await tab('Checklist');
  await page.getByRole('button', { name: /^Add note to/ }).first().click();
  const note = page.getByRole('dialog', { name: 'Add note' });
  await note.getByLabel('Note').fill('Backups checked by Ada');
  await audit(page, 'add note dialog');
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(note).toBeHidden();
  await audit(page, 'checklist with a note', true);
  await page.getByRole('button', { name: /^History of/ }).first().click();
  await audit(page, 'checklist item history');
  await page.getByRole('dialog', { name: 'Item history' }).getByRole('button', { name: 'Close' }).click();
  await tab('Steps');
  await audit(page, 'steps and runs');
  await page.getByRole('tab', { name: /^Hosts/ }).click();
  await audit(page, 'hosts');
  await page.getByRole('tab', { name: /Secrets/ }).click();
  await audit(page, 'secrets');
  await tab('Runbook');
  await audit(page, 'runbook');
  await tab('Metrics');
  await audit(page, 'metrics with settings', true);
  await tab('Notifications');
  await audit(page, 'notifications');
  // Keyboard-first: the tab list moves with the arrow keys.
  await page.getByRole('tab', { name: 'Notifications', exact: true }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'War room', exact: true })).toHaveAttribute('aria-selected', 'true');
  await audit(page, 'war room settings');

  // The gate decision: HOLD asks for a reason.
  await tab('Run');
  const prompt = page.getByRole('region', { name: /^Gate: Go\/No-Go Decision — Canary: 5% of Traffic/ });
  await prompt.getByRole('button', { name: 'Record HOLD' }).click();
  await audit(page, 'gate decision (HOLD with reason)');

  await page.getByRole('button', { name: 'Export…' }).click();
  await audit(page, 'export dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^At the keyboard/ }).click();
  await audit(page, 'person at the keyboard');
  await page.keyboard.press('Escape');

  // The wall, as a second screen.
  const wall = await page.context().newPage();
  // The token belongs to one tab: a second screen opens from the console's link, as a person would.
  const sessionId = /#\/sessions\/([^/]+)/.exec(sessionUrl)![1]!;
  await wall.goto(`${running.url}#/sessions/${sessionId}/wall`);
  await expect(wall.getByRole('main', { name: 'War-room display' })).toBeVisible();
  await audit(wall, 'wall', true);
  await wall.close();

  // A production step's typed confirmation.
  dir = mkdtempSync(join(tmpdir(), 'tminus-a11y-'));
  const runbook = join(dir, 'production.md');
  writeFileSync(runbook, PRODUCTION_RUNBOOK);
  await page.getByRole('link', { name: 'T-Minus' }).click();
  await audit(page, 'sessions list');
  await sessions.createSession({ name: 'Production', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada', runbook });
  await tab('Steps');
  await page.getByRole('tab', { name: 'Steps and runs' }).click();
  await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: 'Run', exact: true }).first().click();
  await audit(page, 'production run form');
  await page.getByRole('button', { name: 'Continue to confirmation' }).click();
  await expect(page.getByRole('dialog', { name: 'Confirm production run' })).toBeVisible();
  await audit(page, 'production confirmation', true);

  expect(violations).toEqual([]);
});
