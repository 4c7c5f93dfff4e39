import { request as playwrightRequest } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole, type RunningConsole } from '../support/consoleServer';
import { expect, openConsole, test } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { SessionsPage } from './pages/sessionsPage';
import { StepsPage } from './pages/stepsPage';

// The seed's T0 is 2025-10-21 12:00 UTC; these consoles run their clock from T-00:05:00.
const T_MINUS_5 = '2025-10-21T11:55:00.000Z';

let running: RunningConsole | null = null;
test.afterEach(async () => {
  await running?.stop();
  running = null;
});

test('five minutes before T0 the counter, phase and next milestone are right', async ({ page }) => {
  running = await startConsole({ env: { TMINUS_CLOCK: T_MINUS_5 } });
  await openConsole(page, running.url);
  await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada' });
  await expect(page.getByRole('tab', { name: 'Run', selected: true })).toBeVisible();
  // The clock keeps running while the test reads it: T-00:05:00 or a few seconds less.
  await expect(page.getByTestId('t-counter')).toHaveText(/^T-00:0(5:00|4:[45]\d)$/);
  await expect(page.getByTestId('current-phase')).toHaveText('Phase 1: Preparation (T-30 minutes)');
  // 11:55 "Team briefed" is now (passed); the next is T0 itself, 12:00 "DEPLOYMENT BEGINS".
  await expect(page.getByTestId('next-milestone')).toContainText(/in 00:0[45]:\d\d \(12:00 UTC\)/);
  await expect(page.getByTestId('next-gate')).toContainText(/in 00:(40:00|39:[0-5]\d)/);
  await expect(page.getByTestId('next-gate')).toContainText('(12:35 UTC)');
  await expect(page.getByTestId('latest-safe-rollback')).toContainText('14:45 UTC');
});

test('moving T0 during the launch needs a reason and moves the countdown', async ({ page }) => {
  running = await startConsole({ env: { TMINUS_CLOCK: T_MINUS_5 } });
  await openConsole(page, running.url);
  await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada' });
  await page.getByRole('button', { name: 'Move T0…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move T0' });
  await dialog.getByLabel('New T0 (UTC)').fill('2025-10-21T12:30');
  await expect(dialog.getByLabel(/Reason \(required/)).toBeVisible();
  await dialog.getByLabel(/Reason/).fill('CDN vendor asked for 30 minutes');
  await dialog.getByRole('button', { name: 'Move T0' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('t-counter')).toHaveText(/^T-00:3(5:00|4:[45]\d)$/);
});

test('the viewer link shows the wall display live and every write call is refused', async ({ page, browser }) => {
  running = await startConsole({ env: { TMINUS_CLOCK: T_MINUS_5 } });
  await openConsole(page, running.url);
  await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const sessionId = /#\/sessions\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await page.getByRole('button', { name: 'War-room display…' }).click();
  const link = await page.getByRole('dialog', { name: 'War-room display' }).getByLabel('Read-only link').inputValue();
  expect(link).toContain(running.viewerToken);
  expect(link).toContain(`#/sessions/${sessionId}/wall`);

  const viewer = await browser.newContext();
  const wall = await viewer.newPage();
  await wall.goto(link);
  await expect(wall.getByRole('main', { name: 'War-room display' })).toBeVisible();
  await expect(wall.getByTestId('t-counter')).toHaveText(/^T-00:0[45]:\d\d$/);
  await expect(wall.getByRole('checkbox')).toHaveCount(0);
  await expect(wall.getByRole('button', { name: /Run|Move T0|Tick|Note/ })).toHaveCount(0);

  // Updates reach the wall live: T0 moved by the IC shows within seconds.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Move T0…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move T0' });
  await dialog.getByLabel('New T0 (UTC)').fill('2025-10-21T13:00');
  await dialog.getByLabel(/Reason/).fill('waiting for the vendor');
  await dialog.getByRole('button', { name: 'Move T0' }).click();
  await expect(wall.getByTestId('t-counter')).toHaveText(/^T-01:0[45]:\d\d$/);

  // Every write call answers 403 for the viewer token, whatever the payload.
  const api = await playwrightRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${running.viewerToken}` } });
  const { calls } = await import('../../shared/api/contract');
  for (const [name, spec] of Object.entries(calls)) {
    const response = await api.post(`${running.base}api/call/${name}`, { data: { sessionId } });
    if (spec.access === 'write') {
      expect.soft(response.status(), `${name} must be refused to a viewer`).toBe(403);
    } else {
      expect.soft(response.status(), `${name} is a read call`).not.toBe(403);
    }
  }
  await api.dispose();
  await viewer.close();
  void ChecklistPage;
});

const LOCAL_RUNBOOK = `---
targets:
  Announce maintenance: local
---
# Small launch

## Phase 1: Deployment (T+0 to T+30 min)

### Step 1: Announce maintenance (5 min)

**Target**: T+0 to T+5

\`\`\`bash
echo "maintenance announced"
\`\`\`
`;

test('a step run late is marked late by the right minutes', async ({ page }) => {
  running = await startConsole({ env: { TMINUS_CLOCK: '2025-10-21T12:07:30.000Z' } });
  await openConsole(page, running.url);
  const file = join(tmpdir(), `small-launch-${Date.now()}.md`);
  writeFileSync(file, LOCAL_RUNBOOK);
  await new SessionsPage(page).createSession({ name: 'Small launch', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: file });
  const plan = page.getByRole('table', { name: 'Plan vs actual' });
  await expect(plan.getByRole('row', { name: /Announce maintenance/ })).toContainText('missed');
  await page.getByRole('region', { name: 'Current phase steps' }).getByRole('button', { name: 'Run' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Run/ }).click();
  await expect(plan.getByRole('row', { name: /Announce maintenance/ })).toContainText('7 min late');
  await expect(plan.getByRole('row', { name: /Announce maintenance/ })).toContainText('succeeded');
  await expect(page.getByRole('group', { name: 'Timeline strip' }).getByRole('button', { name: /Announce maintenance.*7 min late/ })).toBeVisible();
});

test('a gate prompt appears at its time without taking focus', async ({ page }) => {
  // Forty seconds before the seed's first Go/No-Go at 12:35 (creating the session takes some).
  running = await startConsole({ env: { TMINUS_CLOCK: '2025-10-21T12:34:20.000Z' } });
  await openConsole(page, running.url);
  await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const prompt = page.getByRole('region', { name: /Go\/No-Go Decision — Canary: 5% of Traffic/ });
  await expect(prompt).toHaveCount(0);
  // The IC is typing somewhere when the gate comes due: the prompt must not steal the caret.
  await page.getByRole('button', { name: 'Move T0…' }).focus();
  await expect(prompt).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Move T0…' })).toBeFocused();
  await expect(prompt.getByRole('button', { name: 'Record HOLD' })).toBeVisible();
});

const TIMED_RUNBOOK = `---
targets:
  Warm caches: local
---
# Timed launch

## Phase 1: Deployment (T+0 to T+30 min)

### Step 1: Warm caches (5 min)

**Target**: T+0 to T+5

\`\`\`bash
sleep 3
echo "caches warm"
\`\`\`
`;

test('a production launch linked to its rehearsal shows, per step, rehearsal duration vs now', async ({ page }) => {
  running = await startConsole({ env: { TMINUS_CLOCK: '2025-10-21T12:01:00.000Z' } });
  await openConsole(page, running.url);
  const file = join(tmpdir(), `timed-launch-${Date.now()}.md`);
  writeFileSync(file, TIMED_RUNBOOK);
  const sessions = new SessionsPage(page);
  const steps = new StepsPage(page);

  // The rehearsal on staging: the step takes about three seconds.
  await sessions.createSession({ name: 'Dress rehearsal', environment: 'staging', t0: '2025-10-20T12:00', actorName: 'Ada', runbook: file });
  await steps.open();
  await steps.startRun('Warm caches');
  await steps.runFromForm('Warm caches');
  await expect(steps.hostRow('local workstation')).toContainText('succeeded', { timeout: 30_000 });

  // The launch on production picks it; before its own run the step shows "not started".
  await page.getByRole('link', { name: 'T-Minus' }).click();
  await sessions.createSession({ name: 'Go-live', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: file });
  const comparison = page.getByRole('region', { name: 'Rehearsal comparison' });
  await comparison.getByLabel('Rehearsal').selectOption({ label: 'Dress rehearsal (2025-10-20)' });
  const row = comparison.getByRole('row', { name: /Warm caches/ });
  // The rehearsal time names the run it comes from: when, on which hosts, with which fan-out.
  await expect(row.getByRole('cell').nth(0)).toHaveText(/^00:00:0[3-9]run \d\d:\d\d UTC on local · all at once, 1 at a time$/);
  await expect(row).toContainText('not started');

  // Its own run, confirmed as production runs are, is measured against the rehearsal.
  await steps.open();
  await steps.startRun('Warm caches');
  await steps.confirmProductionRun('Warm caches');
  await expect(steps.hostRow('local workstation')).toContainText('succeeded', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Run', exact: true }).click();
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^00:00:0[3-9]$/);
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^[+-]?\d+ s/);

  // The link is part of the record, and survives a reload.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Rehearsal comparison' }).getByLabel('Rehearsal')).toHaveValue(/.+/);
  await expect(page.getByRole('region', { name: 'Rehearsal comparison' }).getByRole('row', { name: /Warm caches/ })).toContainText('00:00:0');
});
