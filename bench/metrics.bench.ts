// Poller cost: 20 PromQL queries every 2 s against a real Prometheus, evaluated against the
// runbook's thresholds and decision tree after every poll, as the console runs it. Figures: CPU %
// and heap / RSS growth of that Node process, each next to an idle Node process (same modules
// loaded, same GC regime) running over the same period on the same machine.
//
//   npx tsx bench/run.ts metrics                   10 minutes (the figure)
//   npx tsx bench/run.ts metrics --duration=90s    a shorter run; the duration used is reported
//
// Both measured processes are children of this one, started together; the test service, its load
// loop and Prometheus run in this process and Prometheus' own, so neither child pays for them.
// Growth is measured after a warm-up (JIT, first backfill, buffers filling), from the first to the
// last forced-GC heap reading, and as a least-squares slope over all readings after warm-up.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MetricSourceSettingsSchema } from '../shared/metrics/bindings';
import type { MetricBinding } from '../shared/runbook/model';
import { parseDuration } from '../shared/metrics/scrapeQuery';
import { MetricsMonitor } from '../electron/metrics/monitor';
import { MetricsPoller } from '../electron/metrics/poller';
import { startMetricsService } from '../test/support/metricsService';
import { startPrometheus } from '../test/support/prometheus';
import { seedLikeGate, seedLikeLevels, seedLikeThresholds } from '../test/support/promFixtures';
import { result, type Benchmark } from './harness';

const ROLE_ENV = 'TMINUS_METRICS_BENCH_ROLE';
const POLL_INTERVAL_MS = 2_000;
const DEFAULT_DURATION_MS = 10 * 60_000;

interface Reading {
  at: number;
  heapMB: number;
  rssMB: number;
}

interface ChildReport {
  role: 'poller' | 'idle';
  /** CPU time (user + system) and wall time after warm-up. */
  cpuMs: number;
  wallMs: number;
  readings: Reading[];
  polls: number;
  pollErrors: number;
  queries: number;
  okStates: number;
}

/** 20 queries of the kinds a go-live watches: ratios of rates, quantiles, rates and gauges. */
function benchBindings(): MetricBinding[] {
  const promql: Array<[string, string, string]> = [];
  for (const window of ['5s', '10s', '30s', '1m']) {
    promql.push([`error_rate_${window}`, `100 * sum(rate(dashboard_errors_total[${window}])) / sum(rate(dashboard_requests_total[${window}]))`, '%']);
    promql.push([`request_rate_${window}`, `sum(rate(dashboard_requests_total[${window}]))`, 'rps']);
    promql.push([`p95_${window}`, `histogram_quantile(0.95, sum by (le) (rate(dashboard_request_duration_ms_bucket[${window}])))`, 'ms']);
    promql.push([`p99_${window}`, `histogram_quantile(0.99, sum by (le) (rate(dashboard_request_duration_ms_bucket[${window}])))`, 'ms']);
  }
  promql.push(['cpu_usage', 'max(dashboard_cpu_usage_percent)', '%']);
  promql.push(['memory_usage', 'max(dashboard_memory_usage_percent)', '%']);
  promql.push(['server_errors', 'sum(rate(dashboard_requests_total{code="500"}[30s]))', 'rps']);
  promql.push(['up', 'min(up{job="svc"})', 'count']);
  const bindings = promql.map(([key, query, unit]): MetricBinding => ({ metricKey: key, name: key, source: 'prometheus', query, unit, url: null }));
  // The runbook's thresholds read these keys.
  bindings[0] = { ...bindings[0]!, metricKey: 'error_rate' };
  bindings[2] = { ...bindings[2]!, metricKey: 'p95_latency' };
  return bindings;
}

function slopePerHour(readings: readonly Reading[], pick: (r: Reading) => number): number {
  if (readings.length < 2) return 0;
  const xs = readings.map((r) => r.at / 3_600_000);
  const ys = readings.map(pick);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Runs inside a child process: poll (or idle), sample memory after forced GCs, report on stdout. */
async function child(role: 'poller' | 'idle'): Promise<void> {
  const durationMs = Number(process.env.BENCH_DURATION_MS);
  const warmupMs = Number(process.env.BENCH_WARMUP_MS);
  const sampleEveryMs = Math.max(2_000, Math.min(15_000, durationMs / 60));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');

  let poller: MetricsPoller | null = null;
  let monitor: MetricsMonitor | null = null;
  let polls = 0;
  let pollErrors = 0;
  if (role === 'poller') {
    poller = new MetricsPoller({
      sources: MetricSourceSettingsSchema.parse({ prometheus: { url: process.env.BENCH_PROMETHEUS_URL }, pollIntervalMs: POLL_INTERVAL_MS }),
      bindings: benchBindings(),
    });
    poller.on('poll', () => polls++);
    poller.on('error', () => pollErrors++);
    monitor = new MetricsMonitor({ thresholds: seedLikeThresholds(), decisionLevels: seedLikeLevels(), gates: [seedLikeGate()] }, poller);
    await poller.start();
  }

  const start = Date.now();
  const readings: Reading[] = [];
  let cpuAtWarmup: NodeJS.CpuUsage | null = null;
  let warmedAt = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - start;
      if (cpuAtWarmup === null && elapsed >= warmupMs) {
        cpuAtWarmup = process.cpuUsage();
        warmedAt = Date.now();
      }
      if (cpuAtWarmup !== null) {
        gc();
        const memory = process.memoryUsage();
        readings.push({ at: Date.now(), heapMB: memory.heapUsed / 2 ** 20, rssMB: memory.rss / 2 ** 20 });
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    }, sampleEveryMs);
  });
  const cpu = process.cpuUsage(cpuAtWarmup ?? undefined);
  const okStates = poller?.states().filter((s) => s.status === 'ok').length ?? 0;
  monitor?.dispose();
  poller?.dispose();
  const report: ChildReport = {
    role,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: Date.now() - warmedAt,
    readings,
    polls,
    pollErrors,
    queries: role === 'poller' ? benchBindings().length : 0,
    okStates,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(role: 'poller' | 'idle', env: Record<string, string>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, ...env, [ROLE_ENV]: role },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) reject(new Error(`${role} child exited with ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

function durationFrom(args: readonly string[]): number {
  const flag = args.find((arg) => arg.startsWith('--duration='));
  if (!flag) return DEFAULT_DURATION_MS;
  const text = flag.slice('--duration='.length);
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
  if (!ms) throw new Error(`--duration=${text}: write e.g. --duration=10m, --duration=90s or --duration=600`);
  return ms;
}

const benchmark: Benchmark = {
  name: 'metrics',
  onlyWhenSelected: true,
  async run({ args, log }) {
    const durationMs = durationFrom(args);
    const warmupMs = Math.min(60_000, Math.round(durationMs * 0.2));
    const service = await startMetricsService();
    service.startLoad(50);
    service.set({ errorRate: 0.01, latencyMs: 120 });
    const prometheus = await startPrometheus({ targets: [service.target] });
    try {
      await prometheus.waitForTargets();
      log(`poller and idle processes for ${durationMs / 1000} s (warm-up ${warmupMs / 1000} s), 20 queries every ${POLL_INTERVAL_MS / 1000} s against ${prometheus.url}`);
      const env = { BENCH_DURATION_MS: String(durationMs), BENCH_WARMUP_MS: String(warmupMs), BENCH_PROMETHEUS_URL: prometheus.url };
      const [poller, idle] = await Promise.all([runChild('poller', env), runChild('idle', env)]);

      const cpuPercent = (report: ChildReport) => (100 * report.cpuMs) / report.wallMs;
      const growth = (report: ChildReport, pick: (r: Reading) => number) => pick(report.readings.at(-1)!) - pick(report.readings[0]!);
      const heap = (r: Reading) => r.heapMB;
      const rss = (r: Reading) => r.rssMB;
      const measuredMinutes = poller.wallMs / 60_000;
      log(`poller: ${poller.polls} polls, ${poller.pollErrors} errors, ${poller.okStates}/${poller.queries} metrics ok at the end`);
      const extra = {
        durationS: durationMs / 1000,
        measuredS: Math.round(poller.wallMs / 1000),
        polls: poller.polls,
        pollErrors: poller.pollErrors,
        metricsOkAtEnd: `${poller.okStates}/${poller.queries}`,
      };
      return [
        result(`poller CPU, ${poller.queries} queries / ${POLL_INTERVAL_MS / 1000} s`, cpuPercent(poller), '%', 'idle Node process', cpuPercent(idle), { extra }),
        result(`poller heap growth over ${measuredMinutes.toFixed(1)} min`, growth(poller, heap), 'MB', 'idle Node process', growth(idle, heap), {
          goal: 'no growth',
          extra: { slopeMBPerHour: slopePerHour(poller.readings, heap), idleSlopeMBPerHour: slopePerHour(idle.readings, heap), heapMB: poller.readings.at(-1)!.heapMB, idleHeapMB: idle.readings.at(-1)!.heapMB },
        }),
        result(`poller RSS growth over ${measuredMinutes.toFixed(1)} min`, growth(poller, rss), 'MB', 'idle Node process', growth(idle, rss), {
          goal: 'no growth',
          extra: { slopeMBPerHour: slopePerHour(poller.readings, rss), idleSlopeMBPerHour: slopePerHour(idle.readings, rss), rssMB: poller.readings.at(-1)!.rssMB, idleRssMB: idle.readings.at(-1)!.rssMB },
        }),
      ];
    } finally {
      await prometheus.cleanup();
      await service.stop();
    }
  },
};

export default benchmark;

const role = process.env[ROLE_ENV];
if (role === 'poller' || role === 'idle') {
  child(role).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
