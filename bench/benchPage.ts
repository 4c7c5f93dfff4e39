// A bench's page on a running console: the session opened, a person at the keyboard, the Run tab shown.
import type { Browser, Page } from '@playwright/test';
import type { RunningConsole } from '../test/support/consoleServer';

export async function openRunTab(browser: Browser, running: RunningConsole, sessionId: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(running.url);
  await page.waitForSelector('html[data-app-ready="true"]', { state: 'attached' });
  await page.evaluate(`location.hash = '#/sessions/${sessionId}'`);
  await page.getByLabel('Your name').fill('Bench');
  await page.getByRole('button', { name: 'Start working' }).click();
  await page.getByRole('tab', { name: 'Run', exact: true }).click();
  return page;
}
