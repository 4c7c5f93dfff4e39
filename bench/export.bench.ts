// Export of a large session: 100,000 events and 50 MB of step output in a real workspace, exported
// in every format the way `tminus export` does (workspace opened read-only, log verified, output
// read and checked against its digests). Each format's time and file size; the anchor is a bare
// JSON.stringify of the same events, measured in the same run. Goals (issue 8): HTML in < 3 s and
// < 20 MB, with output beyond the per-step limit shown as first and last lines and linked to the
// session file.
//
// The session: the seed runbook, 10,000 checklist events, 60 step runs on 50 hosts each (3,000 host
// outputs of ~17 KB, 50 MB in all, stored in 4 KB chunks), 4 gate decisions each with 15 minutes of
// evidence for 4 metrics, and the rest — about 83,000 events — alert transitions and decision-level
// changes of a metric flapping around its thresholds for hours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionSummary } from '../shared/api/sessions';
import { SYSTEM_ACTOR } from '../shared/log/actor';
import type { EvidenceSnapshot } from '../shared/metrics/evidence';
import { REPORT_FORMATS, type ReportFormat } from '../shared/report/formats';
import { importMarkdown } from '../shared/runbook/importMarkdown';
import { exportSessionReport } from '../electron/report/exportReport';
import { SessionRegistry } from '../electron/sessions/sessionRegistry';
import { OutputDigester, OutputStore, type StoredChunk } from '../electron/steps/outputStore';
import type { AppendRequest } from '../electron/store/eventLog';
import { openWorkspace, openWorkspaceReadOnly } from '../electron/store/workspace';
import { median, result, type Benchmark, type BenchResult } from './harness';

const EVENTS = 100_000;
const OUTPUT_BYTES = 50 * 1024 * 1024;
const RUNS = 60;
const HOSTS = 50;
const CHUNK = 4096;
const SESSION_ID = '0b5e4a6c-7d8e-4f90-a1b2-c3d4e5f60718';
const ada = { name: 'Ada Lovelace', role: 'Incident Commander' };
const T0 = Date.parse('2025-10-21T12:00:00.000Z');

function evidence(takenAt: number): EvidenceSnapshot {
  const series = (base: number) => Array.from({ length: 900 }, (_, i) => [takenAt - (899 - i) * 1000, base + Math.sin(i / 40) * base * 0.3] as [number, number]);
  const metric = (metricKey: string, name: string, unit: string, base: number) => ({ metricKey, name, source: 'prometheus' as const, query: `q_${metricKey}`, unit, status: 'ok' as const, value: base, at: takenAt, ageMs: 500, message: null, series: series(base) });
  return {
    version: 1,
    takenAt,
    windowMs: 900_000,
    metrics: [metric('error_rate', 'Error rate', '%', 0.6), metric('p95_latency', 'p95 latency', 'ms', 240), metric('p99_latency', 'p99 latency', 'ms', 610), metric('cpu_usage', 'CPU usage', '%', 55)],
    gate: null,
    decision: { level: 0, certain: true, title: null, why: [], unknown: [] },
  };
}

/** One host's output: log-like lines, about `bytes` long, in 4 KB chunks. */
function hostOutput(run: number, host: number, bytes: number): StoredChunk[] {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2025-10-21T12:${String(run % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z deploy[${1000 + host}]: step ${i} of run ${run}: copying shard ${i % 97} to /srv/app/releases/${run} (ok)\n`;
    lines.push(line);
    size += line.length;
  }
  const text = lines.join('');
  const chunks: StoredChunk[] = [];
  for (let at = 0, seq = 0; at < text.length; at += CHUNK, seq++) {
    chunks.push({ seq, stream: seq % 7 === 6 ? 'stderr' : 'stdout', at: new Date(T0 + run * 60_000).toISOString(), text: text.slice(at, at + CHUNK) });
  }
  return chunks;
}

function buildSession(dataDir: string): { eventCount: number; outputBytes: number } {
  let clock = T0 - 3 * 86_400_000;
  const workspace = openWorkspace({ dataDir, clock: { now: () => (clock += 250) } });
  try {
    const content = readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8');
    const runbook = importMarkdown(content, 'seed.md');
    const ref = workspace.runbooks.put('seed.md', content, runbook);
    const outputs = new OutputStore(workspace.db);
    const pending: AppendRequest[] = [];
    let written = 0;
    const add = (request: Omit<AppendRequest, 'sessionId'>) => {
      pending.push({ ...request, sessionId: SESSION_ID } as AppendRequest);
      if (pending.length >= 1000) flush();
    };
    const flush = () => {
      if (!pending.length) return;
      written += workspace.log.appendMany(pending.splice(0)).length;
    };
    add({ actor: ada, type: 'session.created', payload: { name: 'Payments v2 go-live (bench)', environment: 'production', t0: new Date(T0).toISOString(), runbook: ref } });
    const hosts = Array.from({ length: HOSTS }, (_, i) => `web-${String(i + 1).padStart(2, '0')}`);
    add({ actor: ada, type: 'hosts.inventorySet', payload: { hosts: hosts.map((name) => ({ name, address: null, port: null, user: 'deploy', groups: ['web'], identityFile: null, proxyJump: null })), source: 'ui' } });
    const items = runbook.checklistItems.map((i) => i.id);
    for (let i = 0; i < 10_000; i++) {
      const itemId = items[i % items.length]!;
      if (i % 4 === 0) add({ actor: ada, type: 'checklist.checked', payload: { itemId, note: i % 8 === 0 ? `verified on the dashboard, pass ${i}` : null, approver: null } });
      else if (i % 4 === 1) add({ actor: ada, type: 'checklist.noted', payload: { itemId, text: `Checked with the on-call SRE (pass ${i}); no errors in the logs.` } });
      else if (i % 4 === 2) add({ actor: ada, type: 'checklist.unchecked', payload: { itemId, reason: 'redo after the config change' } });
      else add({ actor: ada, type: 'checklist.checked', payload: { itemId, note: null, approver: null } });
    }
    clock = T0;
    const perHost = Math.floor(OUTPUT_BYTES / (RUNS * HOSTS));
    let outputBytes = 0;
    const steps = runbook.steps;
    for (let run = 0; run < RUNS; run++) {
      const step = steps[run % steps.length]!;
      const runId = `run-${run}`;
      add({ actor: ada, type: 'step.runStarted', payload: { runId, stepId: step.id, stepTitle: step.title, scriptSha256: '0'.repeat(64), targets: hosts, policy: { kind: 'rolling', batchSize: 10 }, concurrency: 10, timeoutMs: 600_000, secretNames: step.secrets, confirmation: { method: 'typed', text: step.title }, rerunOf: null } });
      for (const [h, target] of hosts.entries()) {
        add({ actor: ada, type: 'step.hostStarted', payload: { runId, target } });
        const chunks = hostOutput(run, h, perHost);
        outputs.write([{ sessionId: SESSION_ID, runId, target, chunks }]);
        const digester = new OutputDigester();
        for (const chunk of chunks) digester.update(chunk.text);
        const digest = digester.digest(chunks.length);
        outputBytes += digest.bytes;
        const failed = run % 9 === 4 && h % 13 === 0;
        add({ actor: SYSTEM_ACTOR, type: 'step.hostFinished', payload: { runId, target, status: failed ? 'failed' : 'succeeded', exitCode: failed ? 2 : 0, signal: null, reason: failed ? 'exit code 2' : null, errorKind: null, durationMs: 20_000 + h * 100, outputBytes: digest.bytes, outputChunks: digest.chunks, outputSha256: digest.sha256, unredactedSecrets: [] } });
      }
      add({ actor: SYSTEM_ACTOR, type: 'step.runFinished', payload: { runId, status: run % 9 === 4 ? 'failed' : 'succeeded', durationMs: 300_000 } });
    }
    add({ actor: ada, type: 'metrics.monitoringStarted', payload: { pollIntervalMs: 1000, metricKeys: ['error_rate', 'p95_latency', 'p99_latency', 'cpu_usage'] } });
    for (const [g, gate] of runbook.gates.entries()) {
      add({ actor: ada, type: 'metrics.gateDecided', payload: { gateId: gate.id, title: gate.title, decision: g === 0 ? 'NO-GO' : 'GO', reason: g === 0 ? 'p99 above target' : null, verdict: 'no-criteria', evidence: evidence(clock) } });
    }
    const alert = { thresholdId: runbook.thresholds[0]!.id, severity: 'warning' as const, metricKey: 'error_rate', metric: 'Error rate', threshold: 'Error rate < 1%', unit: '%', query: 'q_error_rate', since: null, action: null, reason: 'Error rate 1.1% breaks "Error rate < 1%"' };
    for (let i = 0; written + pending.length < EVENTS - 1; i++) {
      if (i % 10 === 9) add({ actor: SYSTEM_ACTOR, type: 'metrics.levelChanged', payload: { from: i % 20 === 9 ? 0 : 1, to: i % 20 === 9 ? 1 : 0, fromCertain: true, toCertain: true, reason: 'Error rate 1.1% in 1-3%', title: 'Minor Issues', verdict: "Don't Rollback", actions: ['Monitor closely'], stepIds: [], why: [], unknown: [] } });
      else add({ actor: SYSTEM_ACTOR, type: i % 2 ? 'metrics.alertCleared' : 'metrics.alertRaised', payload: { ...alert, value: i % 2 ? 0.8 : 1.1 } });
    }
    add({ actor: ada, type: 'metrics.monitoringStopped', payload: { reason: 'launch complete' } });
    flush();
    return { eventCount: written, outputBytes };
  } finally {
    workspace.close();
  }
}

/** As `tminus export` does it: open the workspace read-only (verifying the exported session's chain), then export. */
async function exportOnce(dataDir: string, format: ReportFormat): Promise<{ ms: number; openMs: number; bytes: number }> {
  const start = performance.now();
  const workspace = openWorkspaceReadOnly(dataDir, { verifySessions: [SESSION_ID] });
  const openMs = performance.now() - start;
  try {
    const summary = new SessionRegistry(workspace).summary(SESSION_ID) as SessionSummary;
    const report = await exportSessionReport(
      { workspace, summary, expectedHead: workspace.heads[SESSION_ID], format, verifiedAtOpen: { problem: workspace.damaged.get(SESSION_ID) ?? null } },
      { appVersion: 'bench', now: Date.now() },
    );
    const bytes = typeof report.body === 'string' ? Buffer.byteLength(report.body) : report.body.byteLength;
    return { ms: performance.now() - start, openMs, bytes };
  } finally {
    workspace.close();
  }
}

const benchmark: Benchmark = {
  name: 'export',
  async run({ tmpDir, log }) {
    const built = performance.now();
    const { eventCount, outputBytes } = buildSession(tmpDir);
    log(`session: ${eventCount.toLocaleString('en-US')} events, ${(outputBytes / 1024 / 1024).toFixed(1)} MB of output in ${RUNS * HOSTS} host outputs (built in ${Math.round(performance.now() - built)} ms)`);

    // The anchor: the same events, already in memory, through a bare JSON.stringify.
    const workspace = openWorkspaceReadOnly(tmpDir);
    const events = workspace.log.read(SESSION_ID);
    workspace.close();
    const anchorTimes: number[] = [];
    let anchorBytes = 0;
    const results: BenchResult[] = [];
    const byFormat = new Map<ReportFormat, Array<{ ms: number; openMs: number; bytes: number }>>();
    // Formats and anchor interleaved, so a load burst on the machine hits both alike.
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      anchorBytes = Buffer.byteLength(JSON.stringify(events));
      anchorTimes.push(performance.now() - start);
      for (const format of REPORT_FORMATS) {
        // Printing the PDF is Chromium's work and takes long: once is enough.
        if (format === 'pdf' && round > 0) continue;
        const sample = await exportOnce(tmpDir, format);
        byFormat.set(format, [...(byFormat.get(format) ?? []), sample]);
        log(`round ${round + 1} ${format}: ${Math.round(sample.ms)} ms (opening the workspace ${Math.round(sample.openMs)} ms), ${(sample.bytes / 1024 / 1024).toFixed(2)} MB`);
      }
    }
    const anchorMs = median(anchorTimes);
    const anchorMb = anchorBytes / 1024 / 1024;
    const goals: Partial<Record<ReportFormat, { time?: string; size?: string }>> = { html: { time: '< 3000 ms', size: '< 20 MB' } };
    for (const format of REPORT_FORMATS) {
      const samples = byFormat.get(format)!;
      const ms = median(samples.map((s) => s.ms));
      const mb = samples[0]!.bytes / 1024 / 1024;
      results.push(
        result(`${format} export time (100k events, 50 MB output)`, ms, 'ms', 'JSON.stringify of the same events', anchorMs, {
          goal: goals[format]?.time,
          extra: { runs: samples.length, openWorkspaceMs: Math.round(median(samples.map((s) => s.openMs))), exportAfterOpenMs: Math.round(median(samples.map((s) => s.ms - s.openMs))) },
        }),
        result(`${format} file size`, mb, 'MB', 'JSON.stringify of the same events', anchorMb, { goal: goals[format]?.size }),
      );
    }
    return results;
  },
};

export default benchmark;
