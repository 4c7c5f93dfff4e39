// Which Chromium the browser tests drive: Debian's (CI and these machines install it with apt),
// or Playwright's own where a developer has one downloaded.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumExecutable(): string | undefined {
  if (process.env.TMINUS_CHROMIUM) return process.env.TMINUS_CHROMIUM;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags that keep a test browser off the network and quiet on a headless CI machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
