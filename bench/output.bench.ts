// Step output through the whole console path, on a real sshd host printing 100 MB:
//   engine (SSH channel, UTF-8 decoding, redaction of the session's secrets) → output recorder
//   (groups of ≤ 64 KiB / 100 ms, backpressure) → SQLite (one transaction per group) → pushed
//   `step.output` events → a WebSocket client of the real browser shell (`tminus serve`, built).
// Figures, each next to an anchor measured in the same run:
//   (a) MB/s into the log (until the host's step.hostFinished is committed) and into the client
//       (until the client holds every byte), against the engine alone (the same stream through
//       SshHostRunner into a counting consumer, bench/ssh.bench.ts's approach), alternating;
//   (b) peak renderer JS heap with the UI's output viewer open on that run in Chromium, against
//       the same page's heap before the run; plus the page's longest stall while output flows.
// Needs `npm run build` (tminus serve and the renderer bundle).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { callConsole, startConsole, type RunningConsole } from '../test/support/consoleServer';
import { chromiumExecutable, CHROMIUM_ARGS } from '../test/support/chromium';
import { startSshdCluster, type SshdCluster } from '../test/support/sshd';
import { createTestbed, type Testbed } from '../test/support/sshTestbed';
import { median, result, type Benchmark, type BenchContext, type BenchResult } from './harness';

const BYTES = 100 * 1000 * 1000;
const LINE = 'INFO 2025-06-01T12:05:00Z deploy worker=7 request handled in 12ms path=/api/v1/orders status=200';
const SECRETS = { ADMIN_TOKEN: 'bench-token-3f9a8c7e6d5b', DB_PASSWORD: 'bench-password-correct-horse' };
const ada = { name: 'Bench', role: null };

const RUNBOOK = `---
hosts:
  - name: app1
    groups: [app]
targets:
  Print 100 MB: app1
---

# Output bench

### Print 100 MB

\`\`\`bash
: "$ADMIN_TOKEN"
yes '${LINE}' | head -c ${BYTES}
\`\`\`
`;

const api = callConsole;

interface Watched {
  clientMs: number;
  logMs: number;
  outputBytes: number;
  /** Share of the output that arrived pushed (the rest was read back with getRunOutput, as the UI does after a gap). */
  pushedShare: number;
  closed: string | null;
}

interface Listener {
  socket: WebSocket;
  /** Resolves with (ms to all bytes at the client, ms to the finish event) for a run started at `t0`. */
  watch(runId: () => string | null, t0: number): Promise<Watched>;
}

/**
 * One WebSocket client of the browser shell, holding a run's output as the UI does: pushed chunks
 * by seq, and — where the shell skipped pushes because the client lagged — the missing chunks read
 * back from the log once the host's end is known.
 */
async function listen(running: RunningConsole, sessionId: string): Promise<Listener> {
  const socket = new WebSocket(`${running.base.replace('http', 'ws')}api/events`, { headers: { Authorization: `Bearer ${running.token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    watch(runIdOf, t0) {
      return new Promise((resolve) => {
        const bySeq = new Map<number, number>();
        let received = 0;
        let pushed = 0;
        let clientMs = 0;
        let logMs = 0;
        let outputBytes = -1;
        let finished = false;
        const done = (closed: string | null) => {
          if (finished) return;
          finished = true;
          socket.off('message', onMessage);
          socket.off('close', onClose);
          resolve({ clientMs, logMs, outputBytes, pushedShare: pushed / BYTES, closed });
        };
        const take = (chunk: { seq: number; text: string }, viaPush: boolean) => {
          if (bySeq.has(chunk.seq)) return;
          bySeq.set(chunk.seq, chunk.text.length);
          received += chunk.text.length;
          if (viaPush) pushed += chunk.text.length;
          if (received >= BYTES && clientMs === 0) clientMs = performance.now() - t0;
        };
        const readBack = async (runId: string) => {
          for (let fromSeq = 0; received < BYTES; ) {
            while (bySeq.has(fromSeq)) fromSeq++;
            const page = await api<{ chunks: Array<{ seq: number; text: string }>; nextSeq: number }>(running, 'getRunOutput', { sessionId, runId, target: 'app1', fromSeq, limit: 5000 });
            if (page.chunks.length === 0) break;
            for (const chunk of page.chunks) take(chunk, false);
            fromSeq = page.nextSeq;
          }
          done(null);
        };
        const onClose = (code: number, reason: Buffer) => done(`socket closed ${code} ${reason.toString()}`);
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(data.toString()) as { event: string; payload: Record<string, unknown> };
          const runId = runIdOf();
          if (message.event === 'step.output' && (runId === null || message.payload.runId === runId)) {
            for (const chunk of message.payload.chunks as Array<{ seq: number; text: string }>) take(chunk, true);
          } else if (message.event === 'log.appended') {
            const event = message.payload.event as { type: string; payload: { runId: string; outputBytes: number } };
            if (event.type === 'step.hostFinished' && event.payload.runId === runId) {
              logMs = performance.now() - t0;
              outputBytes = event.payload.outputBytes;
              void readBack(runId);
            }
          }
        };
        socket.on('message', onMessage);
        socket.on('close', onClose);
      });
    },
  };
}

async function consoleRun(running: RunningConsole, listener: Listener, sessionId: string, stepId: string) {
  let runId: string | null = null;
  const t0 = performance.now();
  const watched = listener.watch(() => runId, t0);
  runId = (await api<{ runId: string }>(running, 'runStep', { sessionId, actor: ada, stepId })).runId;
  const figures = await watched;
  if (figures.closed) throw new Error(`the WebSocket client was dropped: ${figures.closed}`);
  if (figures.outputBytes !== BYTES) throw new Error(`the log recorded ${figures.outputBytes} bytes, not ${BYTES}`);
  return { ...figures, runId };
}

async function engineOnlyMs(bed: Testbed): Promise<number> {
  const runner = bed.runner('app1');
  let received = 0;
  const start = performance.now();
  const r = await runner.run({ script: `yes '${LINE}' | head -c ${BYTES}`, secrets: SECRETS, onOutput: (chunk) => void (received += chunk.text.length) });
  const ms = performance.now() - start;
  if (r.status !== 'succeeded' || received !== BYTES) throw new Error(`engine-only run: ${r.status}, ${received} chars`);
  return ms;
}

function peakRssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

async function setUp(ctx: BenchContext, cluster: SshdCluster) {
  const sshConfig = join(ctx.tmpDir, 'ssh_config');
  writeFileSync(sshConfig, cluster.sshConfigText());
  const knownHosts = join(ctx.tmpDir, 'known_hosts');
  writeFileSync(knownHosts, `${cluster.knownHostsLine('app1')}\n`);
  const running = await startConsole({ env: { TMINUS_SSH_CONFIG: sshConfig, TMINUS_KNOWN_HOSTS: knownHosts, SSH_AUTH_SOCK: '' } });
  const session = await api<{ id: string }>(running, 'createSession', { name: 'Output bench', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'bench.md', content: RUNBOOK } });
  for (const [name, value] of Object.entries(SECRETS)) await api(running, 'setSecret', { sessionId: session.id, actor: ada, name, value });
  const opened = await api<{ runbook: { steps: Array<{ id: string }> } }>(running, 'openSession', { sessionId: session.id });
  return { running, sessionId: session.id, stepId: opened.runbook.steps[0]!.id };
}

const mbps = (ms: number): number => BYTES / 1e6 / (ms / 1000);

async function throughput(ctx: BenchContext): Promise<BenchResult[]> {
  const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  const bed = createTestbed(cluster);
  const { running, sessionId, stepId } = await setUp(ctx, cluster);
  try {
    ctx.log(`(a) sshd mode: ${cluster.mode}`);
    const listener = await listen(running, sessionId);
    const logMs: number[] = [];
    const clientMs: number[] = [];
    const anchorMs: number[] = [];
    await engineOnlyMs(bed);
    const pushedShares: number[] = [];
    for (let round = 0; round < 3; round++) {
      const figures = await consoleRun(running, listener, sessionId, stepId);
      logMs.push(figures.logMs);
      clientMs.push(figures.clientMs);
      pushedShares.push(figures.pushedShare);
      anchorMs.push(await engineOnlyMs(bed));
      ctx.log(
        `round ${round + 1}: log ${mbps(figures.logMs).toFixed(1)} MB/s, client ${mbps(figures.clientMs).toFixed(1)} MB/s (${Math.round(figures.pushedShare * 100)} % pushed), engine alone ${mbps(anchorMs.at(-1)!).toFixed(1)} MB/s`,
      );
    }
    listener.socket.close();
    const serverRss = peakRssMB(running.process.pid!);
    const anchor = mbps(median(anchorMs));
    return [
      result('step output into the log, 100 MB through the console (ratio < 1 = slower)', mbps(median(logMs)), 'MB/s', 'the engine alone on the same stream', anchor, {
        goal: '≥ 20 MB/s',
        extra: { serverPeakRssMB: serverRss },
      }),
      result('step output into a WebSocket client of tminus serve (ratio < 1 = slower)', mbps(median(clientMs)), 'MB/s', 'the engine alone on the same stream', anchor, {
        goal: '≥ 20 MB/s',
        extra: { pushedSharePercent: Math.round(median(pushedShares) * 100) },
      }),
    ];
  } finally {
    await running.stop();
    await bed.close();
    await cluster.stop();
  }
}

async function renderer(ctx: BenchContext): Promise<BenchResult[]> {
  const executablePath = chromiumExecutable();
  if (!executablePath) {
    ctx.log('(b) skipped: no Chromium (set TMINUS_CHROMIUM)');
    return [];
  }
  const { chromium } = await import('playwright');
  const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  const { running, sessionId, stepId } = await setUp(ctx, cluster);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapMB = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
    };
    await page.goto(running.url);
    await page.goto(`${running.base}#/sessions/${sessionId}/review`);
    await page.getByRole('tab', { name: 'Steps', exact: true }).first().click();
    await page.waitForTimeout(500);
    await cdp.send('HeapProfiler.collectGarbage');
    const idle = await heapMB();

    const listener = await listen(running, sessionId);
    let runId: string | null = null;
    const t0 = performance.now();
    const watched = listener.watch(() => runId, t0);
    runId = (await api<{ runId: string }>(running, 'runStep', { sessionId, actor: ada, stepId })).runId;
    // Open the running host's output as a user would, then sample the page while output flows.
    await page.getByRole('button', { name: 'app1', exact: true }).first().click({ timeout: 10_000 }).catch(() => undefined);
    let peak = idle;
    let longestStallMs = 0;
    let finished = false;
    void watched.then(() => (finished = true));
    while (!finished) {
      const asked = performance.now();
      await page.evaluate(() => 0);
      longestStallMs = Math.max(longestStallMs, performance.now() - asked);
      peak = Math.max(peak, await heapMB());
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const figures = await watched;
    // The viewer catches up with every line (its footer counts them); keep sampling until it does.
    // Whole lines plus the cut-off last one.
    const expectedLines = Math.ceil(BYTES / (LINE.length + 1));
    // The footer reads "480,928 lines · first 550,000 lines not kept here (they are in the log)".
    const shownLines = async (): Promise<number> => {
      const footer = await page.locator('.output-status').first().textContent({ timeout: 1_000 }).catch(() => null);
      const match = footer ? /^([\d,]+) lines(?: · first ([\d,]+) lines not kept)?/.exec(footer) : null;
      const count = (text: string | undefined): number => Number((text ?? '0').replace(/,/g, ''));
      return match ? count(match[1]) + count(match[2]) : 0;
    };
    const deadline = performance.now() + 180_000;
    let lines = await shownLines();
    while (performance.now() < deadline && lines < expectedLines) {
      peak = Math.max(peak, await heapMB());
      await new Promise((resolve) => setTimeout(resolve, 250));
      lines = await shownLines();
    }
    const caughtUpMs = performance.now() - t0;
    peak = Math.max(peak, await heapMB());
    // TMINUS_BENCH_SCREENSHOT=<file.png> keeps a picture of the page at the end, to see what was measured.
    if (process.env.TMINUS_BENCH_SCREENSHOT) await page.screenshot({ path: process.env.TMINUS_BENCH_SCREENSHOT, fullPage: true });
    listener.socket.close();
    ctx.log(
      `(b) idle ${idle.toFixed(1)} MB, peak ${peak.toFixed(1)} MB JS heap; longest page stall ${Math.round(longestStallMs)} ms; log ${mbps(figures.logMs).toFixed(1)} MB/s with the page open; ` +
        `viewer showed ${lines} of ${expectedLines} lines ${(caughtUpMs / 1000).toFixed(1)} s after the start (log complete at ${(figures.logMs / 1000).toFixed(1)} s)`,
    );
    return [
      result('peak renderer JS heap, output viewer open on a 100 MB run', peak, 'MB', 'the same page before the run', idle, {
        extra: {
          longestPageStallMs: Math.round(longestStallMs),
          logMBpsWithPageOpen: Math.round(mbps(figures.logMs) * 10) / 10,
          viewerLines: lines,
          expectedLines,
          viewerCaughtUpS: Math.round(caughtUpMs / 100) / 10,
          logCompleteS: Math.round(figures.logMs / 100) / 10,
        },
      }),
    ];
  } finally {
    await browser.close();
    await running.stop();
    await cluster.stop();
  }
}

const PARTS: Record<string, (ctx: BenchContext) => Promise<BenchResult[]>> = { a: throughput, b: renderer };

const benchmark: Benchmark = {
  name: 'output',
  // `npx tsx bench/run.ts output b` runs only part (b).
  run: async (ctx) => {
    const chosen = ctx.args.filter((arg) => arg in PARTS);
    const results: BenchResult[] = [];
    for (const part of chosen.length ? chosen : Object.keys(PARTS)) results.push(...(await PARTS[part]!(ctx)));
    return results;
  },
};

export default benchmark;
