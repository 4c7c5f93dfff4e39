// The demo's stand-in for a production service: an HTTP server on 127.0.0.1 (a free port) that
// serves traffic (`/work`), a `curl -f`-style health check (`/health`) and Prometheus text
// (`/metrics`, prom-client), and sends itself a steady trickle of requests so its metrics move on
// their own. "Chaos" knobs make it misbehave on demand — more errors, slower answers, down — so a
// demo user sees thresholds, alerts and the decision level react without a Prometheus or any host.
//
// `POST /rollback` puts it back to normal ("traffic is on the old version again"): the demo
// runbook's rollback steps call it, so rolling back visibly heals the metrics. Everything it does
// is simulated; it touches nothing outside its own process.
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import client from 'prom-client';

/** Histogram buckets in ms, fine enough around the demo runbook's 300 / 800 / 2000 ms thresholds. */
export const DEMO_LATENCY_BUCKETS_MS = [10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 650, 800, 1000, 1250, 1500, 2000, 2500, 3000, 5000];

/** Series names the demo runbook binds (scrape queries read them). */
export const DEMO_SERIES = {
  requests: 'demo_http_requests_total',
  errors: 'demo_http_errors_total',
  latency: 'demo_http_request_duration_ms',
} as const;

/** The release being launched and the one a rollback returns to, as the health check names them. */
export const DEMO_VERSIONS = { release: 'v2.0-demo', previous: 'v1.9-demo' } as const;

export interface ChaosState {
  /** Share of requests that fail, in percent (on top of the service's own ~0.5 %). */
  errorRatePercent: number;
  /** Added to every request's latency, in ms. */
  addedLatencyMs: number;
  /** Down: every request and the health check answer 503; `/metrics` still reports (like a load balancer would). */
  down: boolean;
}

export const NORMAL_CHAOS: Readonly<ChaosState> = Object.freeze({ errorRatePercent: 0, addedLatencyMs: 0, down: false });

export type ChaosListener = (state: ChaosState, cause: 'control' | 'rollback') => void;

export interface DemoServiceOptions {
  /** Requests per second the internal load loop sends; 0 sends none (tests drive `/work` themselves). */
  loadRps?: number;
  /** Randomness for latency jitter (tests pass a seeded one). */
  random?: () => number;
}

export interface DemoService {
  url: string;
  metricsUrl: string;
  healthUrl: string;
  rollbackUrl: string;
  chaos(): ChaosState;
  setChaos(patch: Partial<ChaosState>): ChaosState;
  onChaosChange(listener: ChaosListener): () => void;
  /** Requests `/work` has answered since start. */
  served(): number;
  /** Stops the load loop, pending answers and the server; nothing of it keeps running. */
  stop(): Promise<void>;
}

/** The service's own background error rate, so the chart is not a flat zero. */
const BASELINE_ERROR_RATE = 0.005;
const BASE_LATENCY_MS = { min: 20, spread: 100 };
/** Cap on concurrent load-loop requests: a slow (chaos) service must not make the loop pile up. */
const MAX_IN_FLIGHT = 64;
const LOAD_TICK_MS = 100;

export const CHAOS_LIMITS = { errorRatePercent: 100, addedLatencyMs: 10_000 } as const;

export function clampChaos(state: ChaosState): ChaosState {
  const clamp = (value: number, max: number) => (Number.isFinite(value) ? Math.min(max, Math.max(0, value)) : 0);
  return {
    errorRatePercent: clamp(state.errorRatePercent, CHAOS_LIMITS.errorRatePercent),
    addedLatencyMs: Math.round(clamp(state.addedLatencyMs, CHAOS_LIMITS.addedLatencyMs)),
    down: state.down,
  };
}

export async function startDemoService(options: DemoServiceOptions = {}): Promise<DemoService> {
  const random = options.random ?? Math.random;
  const registry = new client.Registry();
  const requests = new client.Counter({ name: DEMO_SERIES.requests, help: 'Requests answered', labelNames: ['code'], registers: [registry] });
  const errors = new client.Counter({ name: DEMO_SERIES.errors, help: 'Requests that failed', registers: [registry] });
  const latency = new client.Histogram({ name: DEMO_SERIES.latency, help: 'Request latency in ms', buckets: DEMO_LATENCY_BUCKETS_MS, registers: [registry] });
  const upGauge = new client.Gauge({ name: 'demo_service_up', help: '1 when the service answers its health check', registers: [registry] });
  // Every code exists from the first scrape, so a rate over the 500s has a full window from the first error.
  for (const code of ['200', '500', '503']) requests.inc({ code }, 0);
  errors.inc(0);
  upGauge.set(1);

  let chaos: ChaosState = { ...NORMAL_CHAOS };
  // What /health reports: the new release until a rollback step switches "traffic" back.
  let version: string = DEMO_VERSIONS.release;
  const listeners = new Set<ChaosListener>();
  const change = (next: ChaosState, cause: 'control' | 'rollback'): ChaosState => {
    chaos = clampChaos(next);
    upGauge.set(chaos.down ? 0 : 1);
    for (const listener of [...listeners]) listener({ ...chaos }, cause);
    return { ...chaos };
  };

  // Errors are spread evenly (5 % fails every 20th request) rather than drawn at random, so a short
  // rate window reads the rate that was set and the decision level does not flicker between two.
  let errorDebt = 0;
  let served = 0;
  const pendingAnswers = new Set<NodeJS.Timeout>();
  let stopping = false;

  const answerWork = (res: ServerResponse): void => {
    served++;
    errorDebt += BASELINE_ERROR_RATE + chaos.errorRatePercent / 100;
    const failed = chaos.down || errorDebt >= 1 - 1e-9;
    if (failed && !chaos.down) errorDebt -= 1;
    const tookMs = BASE_LATENCY_MS.min + random() * BASE_LATENCY_MS.spread + chaos.addedLatencyMs;
    const code = chaos.down ? 503 : failed ? 500 : 200;
    // The answer really waits, so slowness also shows in what the load loop manages to send.
    const timer = setTimeout(() => {
      pendingAnswers.delete(timer);
      latency.observe(tookMs);
      requests.inc({ code: String(code) });
      if (failed) errors.inc();
      if (!res.destroyed) res.writeHead(code, { 'content-type': 'text/plain' }).end(failed ? 'error\n' : 'ok\n');
    }, tookMs);
    pendingAnswers.add(timer);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/work') return answerWork(res);
    if (path === '/health') {
      const body = JSON.stringify({ status: chaos.down ? 'down' : 'ok', version: chaos.down ? null : version });
      res.writeHead(chaos.down ? 503 : 200, { 'content-type': 'application/json' }).end(`${body}\n`);
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
      return;
    }
    if (path === '/rollback' && req.method === 'POST') {
      req.resume();
      version = DEMO_VERSIONS.previous;
      const state = change({ ...NORMAL_CHAOS }, 'rollback');
      res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify({ rolledBack: true, version, chaos: state })}\n`);
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('T-Minus demo service: /work, /health, /metrics, POST /rollback. Simulated; touches nothing.\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  let inFlight = 0;
  const sendOne = (): void => {
    inFlight++;
    const done = () => {
      inFlight--;
    };
    const req = request(`${url}/work`, { agent }, (res) => {
      res.resume();
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', done);
    req.end();
  };

  let loadTimer: NodeJS.Timeout | null = null;
  const rps = options.loadRps ?? 20;
  if (rps > 0) {
    let owed = 0;
    let tick = 0;
    loadTimer = setInterval(() => {
      if (stopping) return;
      tick++;
      // A slow swell (±25 % over a minute) so req/s looks like traffic rather than a ruler line.
      const swell = 1 + 0.25 * Math.sin((tick * LOAD_TICK_MS * 2 * Math.PI) / 60_000);
      owed += (rps * swell * LOAD_TICK_MS) / 1000;
      while (owed >= 1 && inFlight < MAX_IN_FLIGHT) {
        owed -= 1;
        sendOne();
      }
      // Skip what could not be sent rather than burst later.
      owed = Math.min(owed, 1);
    }, LOAD_TICK_MS);
  }

  let stopped: Promise<void> | null = null;
  return {
    url,
    metricsUrl: `${url}/metrics`,
    healthUrl: `${url}/health`,
    rollbackUrl: `${url}/rollback`,
    chaos: () => ({ ...chaos }),
    setChaos: (patch) => change({ ...chaos, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) }, 'control'),
    onChaosChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    served: () => served,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (loadTimer) clearInterval(loadTimer);
        for (const timer of pendingAnswers) clearTimeout(timer);
        pendingAnswers.clear();
        listeners.clear();
        agent.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return stopped;
    },
  };
}
