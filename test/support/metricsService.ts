// A small HTTP service for the metrics tests, shaped like the seed's dashboard API: it serves
// `/work` (the traffic), `/health` (the `curl -f` check) and `/metrics` (prom-client), and the test
// controls what it reports — error rate, latency, health, CPU and memory — by direct calls or by
// `POST /control` with a JSON body. A load loop inside the test process sends it real HTTP requests.
//
// Errors are spread evenly and exactly (an error rate of 0.05 fails exactly every 20th request), and
// every request observes the configured latency into the histogram without sleeping, so PromQL
// results are predictable: a latency in the bucket (50, 100] gives a p95 of 50 + 50 × 0.95 = 97.5.
import { createServer, Agent, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import client from 'prom-client';

export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000];

export interface ServiceControls {
  /** Fraction (0–1) of `/work` requests answered 500 and counted as errors. */
  errorRate?: number;
  /** Latency recorded for each request, in ms. */
  latencyMs?: number;
  /** When false, `/health` answers 503. */
  up?: boolean;
  /** Real delay before `/health` answers, in ms. */
  healthDelayMs?: number;
  /** When false, `/metrics` answers 503 (a scrape target that is down). */
  metricsUp?: boolean;
  cpuPercent?: number;
  memoryPercent?: number;
}

export interface MetricsService {
  url: string;
  metricsUrl: string;
  healthUrl: string;
  /** `127.0.0.1:port`, for a Prometheus scrape config. */
  target: string;
  /** Metric name prefix (`dashboard` → `dashboard_requests_total`). */
  prefix: string;
  set(controls: ServiceControls): void;
  controls(): Readonly<Required<ServiceControls>>;
  /** Sends `rps` requests per second to `/work` until `stopLoad`. */
  startLoad(rps?: number): void;
  stopLoad(): Promise<void>;
  served(): number;
  stop(): Promise<void>;
}

export async function startMetricsService(options: { prefix?: string } = {}): Promise<MetricsService> {
  const prefix = options.prefix ?? 'dashboard';
  const registry = new client.Registry();
  const requests = new client.Counter({ name: `${prefix}_requests_total`, help: 'Requests served', labelNames: ['code'], registers: [registry] });
  const errors = new client.Counter({ name: `${prefix}_errors_total`, help: 'Requests that failed', registers: [registry] });
  const latency = new client.Histogram({ name: `${prefix}_request_duration_ms`, help: 'Request latency in ms', buckets: LATENCY_BUCKETS_MS, registers: [registry] });
  const cpu = new client.Gauge({ name: `${prefix}_cpu_usage_percent`, help: 'CPU usage %', registers: [registry] });
  const memory = new client.Gauge({ name: `${prefix}_memory_usage_percent`, help: 'Memory usage %', registers: [registry] });
  // Both codes exist from the start, so rate() over the 500 series has a full window from the first error.
  requests.inc({ code: '200' }, 0);
  requests.inc({ code: '500' }, 0);

  const state: Required<ServiceControls> = { errorRate: 0, latencyMs: 20, up: true, healthDelayMs: 0, metricsUp: true, cpuPercent: 35, memoryPercent: 50 };
  let errorDebt = 0;
  let served = 0;
  const apply = (controls: ServiceControls): void => {
    Object.assign(state, Object.fromEntries(Object.entries(controls).filter(([, v]) => v !== undefined)));
    cpu.set(state.cpuPercent);
    memory.set(state.memoryPercent);
  };
  apply({});

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/work') {
      served++;
      errorDebt += state.errorRate;
      const failed = errorDebt >= 1 - 1e-9;
      if (failed) errorDebt -= 1;
      latency.observe(state.latencyMs);
      requests.inc({ code: failed ? '500' : '200' });
      if (failed) errors.inc();
      res.writeHead(failed ? 500 : 200, { 'content-type': 'text/plain' }).end(failed ? 'error\n' : 'ok\n');
      return;
    }
    if (path === '/health') {
      if (state.healthDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.healthDelayMs));
      res.writeHead(state.up ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: state.up ? 'ok' : 'down' }));
      return;
    }
    if (path === '/metrics') {
      if (!state.metricsUp) {
        res.writeHead(503).end('metrics unavailable\n');
        return;
      }
      res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
      return;
    }
    if (path === '/control' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      apply(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ServiceControls);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state));
      return;
    }
    res.writeHead(404).end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // The load loop: a few keep-alive sockets, requests sent in small batches every 50 ms.
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let loadTimer: NodeJS.Timeout | null = null;
  const inFlight = new Set<Promise<void>>();
  const sendOne = (): void => {
    const done = new Promise<void>((resolve) => {
      const req = request(`${url}/work`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', () => resolve());
      });
      req.on('error', () => resolve());
      req.end();
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const stopLoad = async (): Promise<void> => {
    if (loadTimer) clearInterval(loadTimer);
    loadTimer = null;
    await Promise.all([...inFlight]);
  };

  return {
    url,
    metricsUrl: `${url}/metrics`,
    healthUrl: `${url}/health`,
    target: `127.0.0.1:${port}`,
    prefix,
    set: apply,
    controls: () => ({ ...state }),
    served: () => served,
    startLoad(rps = 50) {
      if (loadTimer) clearInterval(loadTimer);
      let owed = 0;
      loadTimer = setInterval(() => {
        owed += rps / 20;
        // Skip a batch rather than pile requests up when the machine is too busy to keep up.
        while (owed >= 1 && inFlight.size < 64) {
          owed -= 1;
          sendOne();
        }
        owed = Math.min(owed, rps);
      }, 50);
    },
    stopLoad,
    async stop() {
      await stopLoad();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
