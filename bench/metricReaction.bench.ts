// Reaction time of the level badge (issue 19): the error rate of a real service crosses the seed's
// decision-level bounds (1 %, 3 %, 10 %) as Prometheus computes it; each figure is from the moment
// Prometheus itself answers the crossing value (the bench asks it every 100 ms) to the moment the
// session banner shows that level in Chromium — at default settings (5 s poll). Anchor: a bare
// client polling the same query at the same 5 s, started in the same run (what the console did
// before the fast poll near thresholds, shared/metrics/pollUrgency.ts).
//
//   npm run bench -- metric-reaction [--trials=3]
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { callConsole, startConsole } from '../test/support/consoleServer';
import { startMetricsService } from '../test/support/metricsService';
import { startPrometheus } from '../test/support/prometheus';
import { openRunTab } from './benchPage';
import { median, percentile, result, type Benchmark } from './harness';

const ERROR_QUERY = '100 * sum(rate(dashboard_errors_total[5s])) / sum(rate(dashboard_requests_total[5s]))';
/** Error rate (fraction) set on the service, and the level the seed's decision tree gives it. */
const STEPS: Array<{ errorRate: number; level: number; bound: number }> = [
  { errorRate: 0.02, level: 1, bound: 1 },
  { errorRate: 0.06, level: 2, bound: 3 },
  { errorRate: 0.2, level: 3, bound: 10 },
];
const DEFAULT_POLL_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Installed in the page: when each "LEVEL N" first shows in the banner (wall clock, ms). */
const OBSERVE_IN_PAGE = `(() => {
  const seen = {};
  const check = () => { for (const el of document.querySelectorAll('[data-testid="banner-level"]')) { const m = /LEVEL (\\d)/.exec(el.textContent || ''); if (m && !(m[1] in seen)) seen[m[1]] = Date.now(); } };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__levels = seen;
  window.__resetLevels = () => { for (const k of Object.keys(seen)) delete seen[k]; };
})()`;

const benchmark: Benchmark = {
  name: 'metric-reaction',
  async run({ args, log }) {
    const trials = Number(args.find((a) => a.startsWith('--trials='))?.slice(9) ?? 3);
    const service = await startMetricsService();
    service.startLoad(40);
    const prometheus = await startPrometheus({ targets: [service.target] });
    const running = await startConsole();
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    try {
      await prometheus.waitForTargets();
      const actor = { name: 'Bench', role: 'Incident Commander' };
      const seed = readFileSync(new URL('../test/fixtures/runbooks/seed.md', import.meta.url), 'utf8');
      const session = await callConsole<{ id: string }>(running, 'createSession', { name: 'Badge', environment: 'staging', t0: new Date().toISOString(), actor, runbook: { sourceName: 'seed.md', content: seed } });
      const config = await callConsole<{ draft: { sources: Record<string, unknown>; bindings: Array<Record<string, unknown>> } }>(running, 'getMetricsConfig', { sessionId: session.id });
      const errorBinding = { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: ERROR_QUERY, unit: '%', url: null };
      await callConsole(running, 'setMetricsConfig', { sessionId: session.id, actor, config: { sources: { ...config.draft.sources, prometheus: { url: prometheus.url } }, bindings: [errorBinding] } });
      await callConsole(running, 'startMonitoring', { sessionId: session.id, actor });

      const page = await openRunTab(browser, running, session.id);
      await page.evaluate(OBSERVE_IN_PAGE);

      const ours: number[] = [];
      const bare: number[] = [];
      for (let trial = 0; trial < trials; trial++) {
        service.set({ errorRate: 0 });
        while (((await prometheus.queryValue(ERROR_QUERY)) ?? 0) > 0.01) await sleep(200);
        await sleep(36_000); // alerts clear after 30 s back within bounds: the banner is calm again
        await page.evaluate('window.__resetLevels()');
        // A bare client polling every 5 s, phase chosen by when the trial starts (as the console's is).
        const bareSeen: Record<number, number> = {};
        let polling = true;
        const barePoller = (async () => {
          while (polling) {
            const value = await prometheus.queryValue(ERROR_QUERY);
            for (const step of STEPS) if (value !== null && value >= step.bound && !(step.level in bareSeen)) bareSeen[step.level] = Date.now();
            await sleep(DEFAULT_POLL_MS);
          }
        })();
        const promSeen: Record<number, number> = {};
        for (const step of STEPS) {
          service.set({ errorRate: step.errorRate });
          const deadline = Date.now() + 60_000;
          while (!(step.level in promSeen) && Date.now() < deadline) {
            const value = await prometheus.queryValue(ERROR_QUERY);
            for (const s of STEPS) if (value !== null && value >= s.bound && !(s.level in promSeen)) promSeen[s.level] = Date.now();
            await sleep(100);
          }
          await sleep(DEFAULT_POLL_MS + 2_000); // time for both pollers to see it
        }
        polling = false;
        await barePoller;
        const shown = (await page.evaluate('window.__levels')) as Record<string, number>;
        for (const step of STEPS) {
          const at = promSeen[step.level];
          if (at === undefined) continue;
          if (shown[step.level] !== undefined) ours.push(Math.max(0, shown[step.level]! - at));
          if (bareSeen[step.level] !== undefined) bare.push(Math.max(0, bareSeen[step.level]! - at));
        }
        log(`trial ${trial + 1}: badge ${STEPS.map((s) => (shown[s.level] && promSeen[s.level] ? shown[s.level]! - promSeen[s.level]! : '?')).join(' / ')} ms; bare 5 s poll ${STEPS.map((s) => (bareSeen[s.level] && promSeen[s.level] ? bareSeen[s.level]! - promSeen[s.level]! : '?')).join(' / ')} ms`);
      }
      if (ours.length === 0) throw new Error('the level badge never changed');
      return [
        result('a metric crossing a threshold → the level badge, p95 (default 5 s poll)', percentile(ours, 95), 'ms', 'bare client polling the same query every 5 s, p95', percentile(bare, 95), {
          goal: '≤ 1000 ms',
          extra: { medianMs: median(ours), anchorMedianMs: median(bare), crossings: ours.length },
        }),
      ];
    } finally {
      await browser.close();
      await running.stop();
      await prometheus.cleanup();
      await service.stopLoad();
      await service.stop();
    }
  },
};

export default benchmark;
