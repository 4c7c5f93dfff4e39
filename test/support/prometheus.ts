// A real Prometheus (Debian's /usr/bin/prometheus) for integration tests and benches: a plain child
// process on 127.0.0.1 and a free port, with its own temp config and TSDB, scraping the given
// targets every second. It can be stopped and started again on the same port and data dir (the
// "Prometheus went away" test), and is always killed and its files removed — by `cleanup()`, and
// as a last resort when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export interface PrometheusOptions {
  /** `host:port` targets to scrape (job `svc`). */
  targets: string[];
  scrapeIntervalMs?: number;
}

export interface PrometheusServer {
  url: string;
  port: number;
  dataDir: string;
  /** Whether the process is running. */
  running(): boolean;
  /** Stops the process (SIGTERM, then SIGKILL) and waits for it to exit. Keeps port and data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir, and waits until it is ready. */
  start(): Promise<void>;
  /** Waits until `up` has a value for every target: the first scrapes have landed. */
  waitForTargets(timeoutMs?: number): Promise<void>;
  /** An instant query's single value, or null for an empty result. */
  queryValue(promql: string): Promise<number | null>;
  /** Stops the process and removes its files. Safe to call twice. */
  cleanup(): Promise<void>;
  /** The last lines Prometheus logged (for failure messages). */
  logTail(): string;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusServer> {
  if (!existsSync(PROMETHEUS_BIN)) throw new Error(`${PROMETHEUS_BIN} is missing: apt-get install -y prometheus`);
  installExitHook();
  const root = mkdtempSync(join(tmpdir(), `tminus-prom-${process.pid}-`));
  const dataDir = join(root, 'data');
  const configFile = join(root, 'prometheus.yml');
  const interval = `${(options.scrapeIntervalMs ?? 1000) / 1000}s`;
  writeFileSync(
    configFile,
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  scrape_timeout: ${interval}`,
      `  evaluation_interval: ${interval}`,
      'scrape_configs:',
      '  - job_name: svc',
      '    static_configs:',
      `      - targets: [${options.targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );

  let child: ChildProcess | null = null;
  let port = 0;
  const log: string[] = [];
  const remember = (chunk: Buffer): void => {
    log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (log.length > 40) log.splice(0, log.length - 40);
  };

  const launch = (): ChildProcess => {
    const proc = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-lifecycle',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout?.on('data', remember);
    proc.stderr?.on('data', remember);
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    return proc;
  };

  const url = () => `http://127.0.0.1:${port}`;

  const waitReady = async (proc: ChildProcess, timeoutMs = 60_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`prometheus exited (${proc.exitCode ?? proc.signalCode}):\n${log.join('\n')}`);
      try {
        const response = await fetch(`${url()}/-/ready`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`prometheus not ready within ${timeoutMs} ms:\n${log.join('\n')}`);
  };

  const stopProcess = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!killed) {
      proc.kill('SIGKILL');
      await exited;
    }
  };

  const queryValue = async (promql: string): Promise<number | null> => {
    const response = await fetch(`${url()}/api/v1/query?${new URLSearchParams({ query: promql })}`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { status: string; error?: string; data?: { result: Array<{ value: [number, string] }> } };
    if (body.status !== 'success') throw new Error(`prometheus: ${body.error}`);
    const first = body.data?.result[0];
    return first ? Number(first.value[1]) : null;
  };

  // A free port can be taken between asking and binding: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    child = launch();
    try {
      await waitReady(child);
      break;
    } catch (error) {
      await stopProcess();
      if (attempt >= 2 || !log.join('\n').includes('address already in use')) {
        rmSync(root, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    get url() {
      return url();
    },
    port,
    dataDir,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    stop: stopProcess,
    async start() {
      if (child) return;
      child = launch();
      await waitReady(child);
    },
    async waitForTargets(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        try {
          if ((await queryValue(`count(up{job="svc"} == 1)`)) === options.targets.length) return;
        } catch {
          // not ready to answer queries yet
        }
        await sleep(200);
      }
      throw new Error(`targets ${options.targets.join(', ')} not up within ${timeoutMs} ms:\n${log.join('\n')}`);
    },
    queryValue,
    async cleanup() {
      await stopProcess();
      rmSync(root, { recursive: true, force: true });
    },
    logTail: () => log.join('\n'),
  };
}
