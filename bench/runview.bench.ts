// The run view under launch load, in Chromium: a 500-item runbook, 3 steps streaming output and
// 20 live metric charts, for 60 s — p95 frame time and the longest main-thread task. Anchor: the
// same measurement on the idle sessions list of the same console, in the same run.
//
//   npx tsx bench/run.ts runview [--seconds=60]
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { callConsole, startConsole } from '../test/support/consoleServer';
import { startMetricsService } from '../test/support/metricsService';
import { percentile, result, type Benchmark } from './harness';

const METRICS = 20;
const QUERIES = ['rate(dashboard_requests_total[10s])', 'dashboard_cpu_usage_percent', 'dashboard_memory_usage_percent', 'quantile(0.95, dashboard_request_duration_ms_bucket[30s])'];

function loadRunbook(metricsUrl: string): string {
  const metrics = Array.from({ length: METRICS }, (_, i) => `  Metric ${i + 1}:\n    source: scrape\n    query: ${QUERIES[i % QUERIES.length]}\n    url: ${metricsUrl}\n    unit: count`).join('\n');
  const stream = (name: string) =>
    `### ${name} (5 min)\n\n**Target**: T+0 to T+5\n\n\`\`\`bash\nfor i in $(seq 1 40000); do printf '\\033[32m${name}\\033[0m line %d %s\\n' "$i" "$(date +%s%N)"; sleep 0.004; done\n\`\`\`\n`;
  const sections = Array.from({ length: 10 }, (_, s) => {
    const items = Array.from({ length: 10 }, (_, p) => `- [ ] **Area ${s}.${p}**\n${Array.from({ length: 4 }, (_, c) => `  - [ ] Check ${s}.${p}.${c} done`).join('\n')}`).join('\n');
    return `### Checks ${s}\n\n${items}\n`;
  }).join('\n');
  return [
    '---',
    'title: Load launch',
    `targets:\n  Stream A: local\n  Stream B: local\n  Stream C: local`,
    `metrics:\n${metrics}`,
    '---',
    '# Load launch',
    '',
    '## Phase 1: Deployment (T+0 to T+30 min)',
    '',
    sections,
    stream('Stream A'),
    stream('Stream B'),
    stream('Stream C'),
    '## Escalation Criteria',
    '',
    ...Array.from({ length: METRICS }, (_, i) => `- Metric ${i + 1} > ${1000 + i} count → Escalation`),
    '',
  ].join('\n');
}

/**
 * Frame deltas from requestAnimationFrame and long tasks from PerformanceObserver, for `seconds`.
 * Passed as source text: tsx's name-keeping helpers do not exist inside the page.
 */
export const MEASURE_IN_PAGE = `async (ms) => {
  const frames = [];
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  await new Promise((resolve) => {
    let last = performance.now();
    const end = last + ms;
    const tick = (now) => { frames.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else resolve(); };
    requestAnimationFrame(tick);
  });
  observer.disconnect();
  return { frames, longest: Math.max(0, ...tasks), longTasks: tasks.length };
}`;

export async function measure(page: Page, seconds: number): Promise<{ frames: number[]; longest: number; longTasks: number }> {
  return page.evaluate(`(${MEASURE_IN_PAGE})(${seconds * 1000})`);
}

const benchmark: Benchmark = {
  name: 'runview',
  async run({ args, log }) {
    const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 60);
    const service = await startMetricsService();
    service.startLoad(20);
    const running = await startConsole({ env: { TMINUS_CLOCK: new Date(Date.now() + 0).toISOString() } });
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    try {
      const call = (name: string, input: unknown) => callConsole<Record<string, unknown>>(running, name, input);
      const actor = { name: 'Bench', role: 'Incident Commander' };
      const t0 = new Date(Date.now() - 60_000).toISOString();
      const session = await call('createSession', { name: 'Load launch', environment: 'staging', t0, actor, runbook: { sourceName: 'load.md', content: loadRunbook(service.metricsUrl) } });
      const sessionId = session.id as string;
      const config = (await call('getMetricsConfig', { sessionId })) as { draft: { sources: Record<string, unknown>; bindings: Array<{ source: string }> } };
      const bindings = config.draft.bindings.filter((binding) => binding.source === 'scrape');
      await call('setMetricsConfig', { sessionId, actor, config: { sources: { ...config.draft.sources, pollIntervalMs: 1000 }, bindings } });
      await call('startMonitoring', { sessionId, actor });

      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(running.url);
      await page.waitForSelector('html[data-app-ready="true"]', { state: 'attached' });
      const anchor = await measure(page, Math.min(20, seconds));

      await page.evaluate(`location.hash = '#/sessions/${sessionId}'`);
      await page.getByLabel('Your name').fill('Bench');
      await page.getByRole('button', { name: 'Start working' }).click();
      await page.getByRole('tab', { name: 'Run', exact: true }).click();
      const opened = (await call('openSession', { sessionId })) as { runbook: { steps: Array<{ id: string; title: string }>; checklistItems: unknown[] } };
      // Every step at once, so out of order by design: the reason says so.
      for (const step of opened.runbook.steps) await call('runStep', { sessionId, actor, stepId: step.id, outOfOrderReason: 'benchmark: every step at once' });
      await page.waitForSelector('.glance-chart canvas', { timeout: 30_000 });
      const charts = await page.locator('.glance-chart canvas').count();
      await page.waitForSelector('.running-outputs .output-line', { timeout: 30_000 });
      if (process.env.TMINUS_BENCH_SHOT) await page.screenshot({ path: process.env.TMINUS_BENCH_SHOT });
      // TMINUS_BENCH_TRACE=FILE records a Chrome trace of the measured window (DevTools' Performance
      // panel opens it): what the long tasks were made of.
      const tracePath = process.env.TMINUS_BENCH_TRACE;
      if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
      const loaded = await measure(page, seconds);
      if (tracePath) await browser.stopTracing();
      const p95 = percentile(loaded.frames, 95);
      log(`items ${opened.runbook.checklistItems.length}, steps streaming ${opened.runbook.steps.length}, charts on screen ${charts}; frames ${loaded.frames.length}, long tasks ${loaded.longTasks}`);
      return [
        result('run view frame time p95 (500 items, 3 streams, 20 charts)', p95, 'ms', 'idle sessions list, same console', percentile(anchor.frames, 95), {
          goal: '≤ 16.7 ms',
          extra: { seconds, charts, items: opened.runbook.checklistItems.length, frames: loaded.frames.length },
        }),
        result('run view longest main-thread task', loaded.longest, 'ms', 'idle sessions list, same console', anchor.longest, { goal: '≤ 50 ms', extra: { longTasks: loaded.longTasks } }),
      ];
    } finally {
      await browser.close();
      await running.stop();
      await service.stopLoad();
      await service.stop();
    }
  },
};

export default benchmark;
