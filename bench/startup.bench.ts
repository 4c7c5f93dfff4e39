// Browser-shell cold start: from spawning `tminus serve` to the console's app-ready marker in an
// already running Chromium. Anchor: a bare Node HTTP server process serving a one-line page that
// sets the same marker, measured the same way in the same run.
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { startConsole } from '../test/support/consoleServer';
import { median, result, type Benchmark } from './harness';

const RUNS = 5;

const bareServer = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/html');
  res.end('<!doctype html><html data-app-ready="false"><body><script>document.documentElement.dataset.appReady="true"</script></body></html>');
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));
`;

async function timeBare(browser: Browser): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['-e', bareServer], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-app-ready="true"]', { state: 'attached' });
  const elapsed = performance.now() - start;
  await page.close();
  child.kill();
  return elapsed;
}

async function timeConsole(browser: Browser): Promise<number> {
  const start = performance.now();
  const running = await startConsole();
  const page = await browser.newPage();
  await page.goto(running.url);
  await page.waitForSelector('html[data-app-ready="true"]', { state: 'attached' });
  const elapsed = performance.now() - start;
  await page.close();
  await running.stop();
  return elapsed;
}

const benchmark: Benchmark = {
  name: 'startup',
  async run({ log }) {
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    try {
      await timeConsole(browser);
      const ours: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bare.push(await timeBare(browser));
        ours.push(await timeConsole(browser));
      }
      log(`console runs (ms): ${ours.map((t) => t.toFixed(0)).join(', ')}; bare: ${bare.map((t) => t.toFixed(0)).join(', ')}`);
      return [result('browser-shell cold start to app-ready (median of 5)', median(ours), 'ms', 'bare node http server to marker', median(bare))];
    } finally {
      await browser.close();
    }
  },
};

export default benchmark;
