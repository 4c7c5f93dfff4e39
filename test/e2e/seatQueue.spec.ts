// A seat's queued (offline) actions arriving at the console: signed in the seat's key, merged by
// submitQueuedActions over the LAN listener (HTTPS), and what the IC then sees in Chromium — the
// item both changed shown as a conflict until Resolve, which is logged. The seat's own browser
// queue is not built yet: the queued actions are signed here as its WebCrypto would sign them.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { startConsole, REPO_ROOT, type RunningConsole } from '../support/consoleServer';
import { lanCall, lanLinksOf, type LanLinks } from '../support/lanConsole';
import { makeSeatKey } from '../support/seatSigning';
import { ChecklistPage } from './pages/checklistPage';

let server: RunningConsole;
let lan: LanLinks;
const ic = { name: 'Ada', role: 'Incident Commander' };

test.beforeAll(async () => {
  server = await startConsole({ args: ['--lan', '--bind', '127.0.0.2'] });
  lan = lanLinksOf(server);
});
test.afterAll(async () => {
  await server?.stop();
});

test('a seat reconnects with queued actions: the item the IC changed meanwhile shows a conflict until Resolve', async ({ browser }) => {
  test.setTimeout(90_000);
  const call = async <T>(token: string, name: string, input: unknown): Promise<T> => {
    const { body } = await lanCall(lan, token, name, input);
    expect(body.error?.message ?? null).toBeNull();
    return body.result as T;
  };
  const content = readFileSync(`${REPO_ROOT}/test/e2e/data/warroom-runbook.md`, 'utf8');
  const { id: sessionId } = await call<{ id: string }>(server.token, 'createSession', { name: 'Rehearsal', environment: 'staging', t0: new Date(Date.now() + 3600_000).toISOString(), actor: ic, runbook: { sourceName: 'warroom-runbook.md', content } });
  const invitation = await call<{ seatId: string; url: string }>(server.token, 'createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
  const seatToken = new URL(invitation.url).searchParams.get('token')!;
  const key = await makeSeatKey();
  await call(seatToken, 'registerSeatKey', { sessionId, actor: ic, publicKey: key.publicKey });
  const opened = await call<{ runbook: { checklistItems: Array<{ id: string; text: string }> }; state: { headSeq: number } }>(server.token, 'openSession', { sessionId });
  const itemId = (text: string) => opened.runbook.checklistItems.find((item) => item.text === text)!.id;

  // The seat last saw the log here; then the IC ticks "Migrations tested" while the seat, offline, notes it.
  const lastSeenSeq = opened.state.headSeq;
  await call(server.token, 'checkItem', { sessionId, itemId: itemId('Migrations tested'), actor: ic, note: null, approver: null });
  const sign = (seq: number, item: string, action: 'check' | 'note', note: string | null) => key.sign({ seat: invitation.seatId, session: sessionId, item, action, note, seatTime: new Date(Date.now() - 60_000 + seq).toISOString(), seq });
  const result = await call<{ results: Array<{ outcome: string }> }>(seatToken, 'submitQueuedActions', {
    sessionId,
    actor: ic,
    lastSeenSeq,
    actions: [await sign(0, itemId('Migrations tested'), 'note', 'ran at 11:58'), await sign(1, itemId('Backups verified'), 'check', null)],
  });
  expect(result.results.map((entry) => entry.outcome)).toEqual(['conflict', 'applied']);

  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${lan.url}#/sessions/${sessionId}`);
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  await new ChecklistPage(page).identify('Ada', 'Incident Commander');
  await page.getByRole('tab', { name: 'Checklist', exact: true }).click();
  const row = page.locator('li[data-item-id]').filter({ hasText: 'Migrations tested' });
  await expect(row).toContainText('conflict: changed by two people');
  await expect(page.locator('li[data-item-id]').filter({ hasText: 'Backups verified' })).toContainText('Dana');
  await page.getByRole('button', { name: 'Resolve the conflict on Migrations tested' }).click();
  await expect(row).not.toContainText('conflict');
  // The state the console folds from its log no longer holds the conflict (seat.conflictResolved was logged).
  const after = await call<{ state: { warRoom: { conflicts: Record<string, unknown> } } }>(server.token, 'openSession', { sessionId });
  expect(after.state.warRoom.conflicts).toEqual({});
  await context.close();
});
