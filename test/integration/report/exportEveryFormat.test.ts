// A launch scripted end to end on the real parts — the seed runbook, checklist work with notes and
// a sign-off, two steps run on real OpenSSH hosts (one host failing, colour, a hostile line, output
// beyond the report's budget, secrets echoed), metrics from a real Prometheus scraping a test
// service (an alert, the decision level rising and falling), a HOLD then a GO — exported in
// every format and each file checked for what it says: the HTML in Chromium with the network cut
// off, the PDF rendered to an image, the Markdown re-imported, the JSON verified and re-opened,
// the CSV parsed, and no secret value anywhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { CallInput, CallName, CallResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { Runbook } from '../../../shared/runbook/model';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../support/chromium';
import { startMetricsService, type MetricsService } from '../../support/metricsService';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus';
import { waitUntil } from '../../support/promWait';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { parseCsv } from '../../unit/report/rfc4180';
import { QUERIES } from '../metrics/promSetup';
import { reportRunbook, SECRETS } from './reportSession';

const ada = { name: 'Ada Lovelace', role: 'Incident Commander' };
const bob = { name: 'Bob', role: 'Database Admin' };

let metricsService: MetricsService;
let prometheus: PrometheusServer;
let cluster: SshdCluster;
let browser: Browser;
let dataDir: string;
let outDir: string;
let tminus: ConsoleService;
let sessionId: string;
let runbook: Runbook;
const exported = new Map<string, { fileName: string; text: string; bytes: Buffer; headHash: string; eventCount: number }>();

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> {
  const envelope = await tminus.router.dispatch(name, input, { access: 'write' });
  if (!envelope.ok) throw ApiError.from(envelope.error);
  return envelope.result as CallResult<N>;
}

const state = async () => (await call('openSession', { sessionId })).state;
const itemId = (text: string) => runbook.checklistItems.find((i) => i.text === text)!.id;
const stepId = (title: string) => runbook.steps.find((s) => s.title === title)!.id;

async function runStep(title: string, outOfOrderReason: string | null = null) {
  const { runId } = await call('runStep', { sessionId, actor: ada, stepId: stepId(title), outOfOrderReason });
  return waitUntil(async () => {
    const run = (await state()).steps.runs[runId];
    return run && run.status !== 'running' && run;
  }, `"${title}" to finish`, 90_000);
}

beforeAll(async () => {
  metricsService = await startMetricsService();
  metricsService.startLoad(50);
  metricsService.set({ errorRate: 0, latencyMs: 20 });
  [prometheus, cluster] = await Promise.all([startPrometheus({ targets: [metricsService.target] }), startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }] })]);
  await prometheus.waitForTargets();
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });

  dataDir = mkdtempSync(join(tmpdir(), `tminus-report-it-${process.pid}-`));
  outDir = mkdtempSync(join(tmpdir(), `tminus-report-out-${process.pid}-`));
  const sshConfig = join(cluster.dir, `ssh_config-report-${process.pid}`);
  writeFileSync(sshConfig, cluster.sshConfigText());
  tminus = createConsole({
    dataDir,
    version: '0.0.0-test',
    shell: 'browser',
    validateResults: true,
    metrics: { clearAfterMs: 3000, backfillMs: 60_000 },
    ssh: { configPath: sshConfig, knownHostsFiles: [cluster.writeKnownHosts(cluster.hosts().map((h) => cluster.knownHostsLine(h.name)))], agentSocket: null, homeDir: cluster.dir, cancelGraceMs: 1000, connect: { readyTimeoutMs: 20_000 } },
  });

  // T0 40 minutes ago: the deployment steps run late and both canary gates are due.
  const created = await call('createSession', { name: 'Payments v2 go-live', environment: 'staging', t0: new Date(Date.now() - 40 * 60_000).toISOString(), actor: ada, runbook: { sourceName: 'GO_LIVE_PROCEDURES.md', content: reportRunbook() } });
  sessionId = created.id;
  runbook = (await call('openSession', { sessionId })).runbook!;
  for (const [name, value] of Object.entries(SECRETS)) await call('setSecret', { sessionId, actor: ada, name, value });

  // Checklist work days before: ticks with notes, a sign-off, an untick with its reason.
  await call('checkItem', { sessionId, actor: ada, itemId: itemId('API keys rotated and secured'), note: 'rotated in vault; old keys revoked' });
  await call('checkItem', { sessionId, actor: ada, itemId: itemId('CTO approval'), approver: 'Grace Hopper', note: null });
  await call('checkItem', { sessionId, actor: bob, itemId: itemId('Database backups verified (test restore)'), note: null });
  await call('uncheckItem', { sessionId, actor: bob, itemId: itemId('Database backups verified (test restore)'), reason: 'restore test failed on replica 2' });
  await call('addNote', { sessionId, actor: bob, itemId: itemId('Migrations tested'), text: '</details><script>alert("note")</script> ```bash' });

  // Steps on real hosts: app2 fails the first; the second prints far more than the HTML shows.
  await runStep('Enable Maintenance Mode');
  // The first failed on app2, so the second runs out of order: that needs a reason.
  await runStep('Deploy New Code', 'app2 is taken out of the pool; app1 goes ahead');

  // Metrics: an error burst raises an alert and the level; HOLD at the first gate; recovery; GO at the second.
  const bindings = [
    { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus' as const, query: QUERIES.error_rate, unit: '%' },
    { metricKey: 'p95_latency', name: 'p95 latency', source: 'prometheus' as const, query: QUERIES.p95_latency, unit: 'ms' },
  ];
  await call('setMetricsConfig', { sessionId, actor: ada, config: { sources: { prometheus: { url: prometheus.url }, pollIntervalMs: 1000 }, bindings } });
  await call('startMonitoring', { sessionId, actor: ada });
  await waitUntil(async () => (await call('getMetricsSnapshot', { sessionId })).metrics.every((m) => m.status === 'ok'), 'both metrics with values', 60_000);
  metricsService.set({ errorRate: 0.07 });
  await waitUntil(async () => {
    const s = await state();
    return Object.values(s.metrics.alerts).some((a) => a.metricKey === 'error_rate') && (s.metrics.level?.to ?? 0) >= 2;
  }, 'an error-rate alert and level 2', 90_000);
  await call('decideGate', { sessionId, actor: ada, gateId: runbook.gates[0]!.id, decision: 'HOLD', reason: 'error rate above 5 %: hold the canary' });
  metricsService.set({ errorRate: 0 });
  await waitUntil(async () => {
    const s = await state();
    return Object.keys(s.metrics.alerts).length === 0 && s.metrics.level?.to === 0;
  }, 'alerts cleared and level back to 0', 90_000);
  await call('decideGate', { sessionId, actor: ada, gateId: runbook.gates[1]!.id, decision: 'GO', reason: null });
  await call('stopMonitoring', { sessionId, actor: ada, reason: 'canary at 25 %, metrics green' });

  for (const format of ['html', 'pdf', 'md', 'json', 'csv'] as const) {
    const file = await call('exportReport', { sessionId, format });
    const bytes = Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
    writeFileSync(join(outDir, file.fileName), bytes);
    exported.set(format, { fileName: file.fileName, text: bytes.toString('utf8'), bytes, headHash: file.headHash, eventCount: file.eventCount });
  }
}, 600_000);

afterAll(async () => {
  await tminus?.close();
  await browser?.close();
  await prometheus?.cleanup();
  await metricsService?.stop();
  await cluster?.stop();
  for (const dir of [dataDir, outDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a scripted launch exported in every format', () => {
  it('the HTML, opened in Chromium with every request but the file itself refused, shows the decisions and draws its charts', async () => {
    const html = exported.get('html')!;
    const url = pathToFileURL(join(outDir, html.fileName)).href;
    const page = await browser.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.route('**', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Payments v2 go-live');
    const decisions = page.locator('article.decision');
    await expect(decisions.count()).resolves.toBe(2);
    await expect(decisions.nth(0).textContent()).resolves.toMatch(/HOLD.*Canary: 5% of Traffic.*error rate above 5 %: hold the canary/s);
    await expect(decisions.nth(1).textContent()).resolves.toMatch(/GO.*Canary: 25% of Traffic/s);
    const timeline = await page.locator('svg.timeline-chart').boundingBox();
    expect(timeline!.width).toBeGreaterThan(600);
    const charts = page.locator('svg.metric-chart');
    expect(await charts.count()).toBe(4);
    for (const chart of await charts.all()) expect((await chart.boundingBox())!.height).toBeGreaterThan(80);
    // The evidence charts carry real series (paths) and the gate's thresholds.
    expect(await page.locator('svg.metric-chart path[stroke="#1f3b63"]').count()).toBe(4);
    await expect(page.locator('body').textContent()).resolves.toContain('</details></pre><script>alert("from the host")</script>');
    expect(await page.locator('script').count()).toBe(0);
    expect(requested).toEqual([url]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('the HTML tells the launch: alert and level changes, the failed host, redacted secrets, and output beyond its budget pointed to the session file', () => {
    const html = exported.get('html')!.text;
    const json = exported.get('json')!.fileName;
    expect(/Decision level [01] → <strong>2<\/strong>/.test(html), 'level rose to 2').toBe(true);
    expect(/Decision level [12] → <strong>0<\/strong>/.test(html), 'level back to 0').toBe(true);
    expect(/Alert raised<\/td><td><span class="chip chip-(warning|escalate|page)">[a-z]+<\/span><\/td><td>Error rate/.test(html), 'an error-rate alert raised').toBe(true);
    expect(html.includes('Alert cleared</td>'), 'and cleared').toBe(true);
    expect(/<td class="mono">app2<\/td><td><span class="chip chip-failed">failed<\/span><\/td><td class="num">3<\/td>/.test(html), '/<td class="mono">app2</td><td><span class="chip chip-faile').toBe(true);
    expect(html.includes('Authorization: Bearer [REDACTED:ADMIN_TOKEN]'), 'html.includes(Authorization: Bearer [REDACTED:ADMIN_TOKEN]').toBe(true);
    expect(html.includes(`The complete output is in the session file <a href="${json}">${json}</a>`), 'html.includes(The complete output is in the session file <a').toBe(true);
    expect(html.includes('build step 1\n'), 'html.includes(build step 1n)').toBe(true);
    expect(html.includes('build step 60000\n'), 'html.includes(build step 60000n)').toBe(true);
    expect(html.includes('build step 30000\n'), 'html.includes(build step 30000n)').toBe(false);
    // The gate's criteria with the values the console measured: failing at the HOLD, passing at the GO.
    // Columns: threshold, value, read (ok / stale / no data), gate verdict.
    expect(/<tr><td>Error rate &lt; 1%<\/td><td class="nowrap">[\d.]+%<\/td><td><span class="chip chip-read-ok">read ok<\/span><\/td><td><span class="chip chip-fail">/.test(html), 'criterion failing at HOLD').toBe(true);
    expect(/<tr><td>Error rate &lt; 1%<\/td><td class="nowrap">0%<\/td><td><span class="chip chip-read-ok">read ok<\/span><\/td><td><span class="chip chip-pass">/.test(html), 'criterion passing at GO').toBe(true);
    expect(html.includes('restore test failed on replica 2'), 'html.includes(restore test failed on replica 2)').toBe(true);
    expect(html.includes('approved by <strong>Grace Hopper</strong>'), 'html.includes(approved by <strong>Grace Hopper</strong>)').toBe(true);
  });

  it('the PDF has pages, and its first page rendered to an image is not blank', async () => {
    const pdf = join(outDir, exported.get('pdf')!.fileName);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(3);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, join(outDir, 'first')]);
    const png = readFileSync(join(outDir, 'first-01.png')).toString('base64');
    const page = await browser.newPage();
    await page.route('**', (route) => route.abort());
    // Counted in the page (the test process has no image decoder): share of pixels darker than near-white.
    const inked = (await page.evaluate(`(async () => {
      const image = new Image();
      image.src = 'data:image/png;base64,${png}';
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) dark++;
      return dark / (pixels.length / 4);
    })()`)) as number;
    await page.close();
    expect(inked).toBeGreaterThan(0.03);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Payments v2 go-live');
    expect(text).toContain('HOLD');
  });

  it('the Markdown is the runbook as run and re-imports with the same checklist items', () => {
    const md = exported.get('md')!.text;
    const again = importMarkdown(md, 'GO_LIVE_PROCEDURES.md');
    expect(again.checklistItems.map((i) => [i.id, i.text])).toEqual(runbook.checklistItems.map((i) => [i.id, i.text]));
    expect(again.steps.map((s) => s.id)).toEqual(runbook.steps.map((s) => s.id));
    expect(md).toMatch(/- \[x\] CTO approval\n\n {4}> ✔ \*\*Done\*\* by Ada Lovelace .*approved by \*\*Grace Hopper\*\*/);
    expect(md).toMatch(/> \*\*Decision: HOLD\*\* at “Go\/No-Go Decision — Canary: 5% of Traffic”/);
    expect(md).toMatch(/> - app2: \*\*failed\*\*, exit 3/);
  });

  it('the JSON session file verifies with tminus verify (same head as every export) and re-opens read-only with its output', async () => {
    const json = exported.get('json')!;
    const lines: string[] = [];
    const code = await main(['verify', join(outDir, json.fileName)], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) });
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`ok ${json.eventCount} events`);
    expect(lines.join('\n')).toContain(`head ${json.headHash}`);
    for (const other of exported.values()) expect(other.headHash).toBe(json.headHash);
    expect(exported.get('html')!.text.includes(`content="${json.eventCount}:${json.headHash}"`)).toBe(true);

    const elsewhere = mkdtempSync(join(tmpdir(), `tminus-report-reopen-${process.pid}-`));
    const reviewer = createConsole({ dataDir: elsewhere, version: '0.0.0-test', shell: 'browser', validateResults: true });
    try {
      const imported = await reviewer.router.dispatch('importSessionFile', { fileName: json.fileName, content: json.text }, { access: 'write' });
      expect(imported).toMatchObject({ ok: true, result: { id: sessionId, readOnly: true, origin: 'imported', headHash: json.headHash } });
      const opened = await reviewer.router.dispatch('openSession', { sessionId }, { access: 'read' });
      if (!opened.ok) throw new Error(opened.error.message);
      const deploy = Object.values((opened.result as CallResult<'openSession'>).state.steps.runs).find((r) => r.stepTitle === 'Deploy New Code')!;
      const output = await reviewer.router.dispatch('getRunOutput', { sessionId, runId: deploy.runId, target: 'app1', fromSeq: 0 }, { access: 'read' });
      expect(output.ok && (output.result as CallResult<'getRunOutput'>).chunks.length).toBeGreaterThan(0);
    } finally {
      await reviewer.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('the CSV has one row per event of the log', () => {
    const rows = parseCsv(exported.get('csv')!.text);
    const events = tminus.workspace.log.read(sessionId);
    expect(rows).toHaveLength(events.length + 1);
    expect(rows.slice(1).map((row) => row[7])).toEqual(events.map((e) => e.hash));
    expect(rows.some((row) => row[4] === 'metrics.alertRaised')).toBe(true);
  });

  it('no secret value appears in any export (the PDF read as text)', () => {
    const texts = [...exported.entries()].map(([format, file]) => [format, format === 'pdf' ? execFileSync('pdftotext', [join(outDir, file.fileName), '-'], { encoding: 'utf8' }) : file.text] as const);
    for (const [format, text] of texts) {
      for (const [name, value] of Object.entries(SECRETS)) expect(text.includes(value), `${name} in ${format}`).toBe(false);
    }
    // They were echoed: what stands in their place is the redaction marker.
    expect(exported.get('json')!.text).toContain('[REDACTED:API_KEY]');
  });
});
