// Cookies ignore ports: a token kept in one would reach every other server on 127.0.0.1 the user
// visits (issue 16, point 4). After opening the tokened link, another local server must see none.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, openConsole, test } from './fixtures';

test('after opening the tokened link, a server on another 127.0.0.1 port receives no token', async ({ consoleServer, page }) => {
  const seen: IncomingHttpHeaders[] = [];
  const other = createServer((request, response) => {
    seen.push(request.headers);
    response.end('<!doctype html><title>other local app</title><img src="/pixel.png">');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherPort = (other.address() as AddressInfo).port;
  try {
    await openConsole(page, consoleServer.url);
    // The link's token is out of the address bar, yet the console keeps working (calls carry it).
    await expect(page).not.toHaveURL(/token=/);
    await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
    expect(await page.context().cookies()).toEqual([]);

    await page.goto(`http://127.0.0.1:${otherPort}/somewhere`);
    await expect(page).toHaveTitle('other local app');
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(2);
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain(consoleServer.token);
    expect(everything).not.toContain(consoleServer.viewerToken);
  } finally {
    await new Promise<void>((resolve) => other.close(() => resolve()));
  }
});

test('the viewer link still opens a read-only console, and a reload keeps it signed in', async ({ consoleServer, page }) => {
  await openConsole(page, consoleServer.viewerUrl);
  await expect(page.getByText('VIEW ONLY')).toBeVisible();
  await page.reload();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  await expect(page.getByText('VIEW ONLY')).toBeVisible();
  await expect(page).not.toHaveURL(/login/);
});
