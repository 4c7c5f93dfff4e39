// Every end-to-end test gets its own running console (own data dir, own port) and a page that
// is already signed in with its token and waiting on the app-ready marker.
import { test as base, expect, type Page } from '@playwright/test';
import { startConsole, type RunningConsole } from '../support/consoleServer';

export interface ConsoleFixtures {
  consoleServer: RunningConsole;
  app: Page;
}

export const test = base.extend<ConsoleFixtures>({
  // eslint-disable-next-line no-empty-pattern
  consoleServer: async ({}, use) => {
    const running = await startConsole();
    await use(running);
    await running.stop();
  },
  app: async ({ page, consoleServer }, use) => {
    await openConsole(page, consoleServer.url);
    await use(page);
  },
});

export async function openConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
}

export { expect };
