// A whole session in memory for the report builders' unit tests: the seed runbook, ticks with notes
// and a sign-off, an untick with its reason, a T0 move, two step runs (one host failing, hostile
// and coloured output), monitoring with an alert and level changes, a NO-GO then a GO with their
// evidence. Events are built through the real payload schemas and hash chain, so the builders see
// exactly what a log holds; only the database is left out (fake: in memory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionSummary } from '../../../shared/api/sessions';
import type { Actor } from '../../../shared/log/actor';
import { canonicalJson } from '../../../shared/log/canonicalJson';
import { hashEvent } from '../../../shared/log/chain';
import { eventPayloads, GENESIS_HASH, type EventType, type LoggedEvent } from '../../../shared/log/eventTypes';
import { CHAIN_ALGORITHM, sessionFileName } from '../../../shared/log/sessionFile';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { EvidenceSnapshot } from '../../../shared/metrics/evidence';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { Runbook } from '../../../shared/runbook/model';
import type { OutputChunk, OutputSource } from '../../../shared/report/output';
import { buildReportModel, type ReportModel } from '../../../shared/report/reportModel';
import { sha256Hex } from '../../../electron/store/eventLog';
import type { z } from 'zod';

export const SESSION_ID = '6f1c1d2e-1111-4222-8333-944455556666';
export const ada: Actor = { name: 'Ada Lovelace', role: 'Incident Commander' };
export const bob: Actor = { name: 'Bob <b>Tables</b>', role: 'Database Admin' };
export const HOSTILE = '</details></pre><script>alert("pwned")</script><img src="https://evil.example/x.png">';

export function seedContent(): string {
  return readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'runbooks', 'seed.md'), 'utf8');
}

export interface FixtureSession {
  runbook: Runbook;
  content: string;
  events: LoggedEvent[];
  outputs: OutputSource & { all: Map<string, OutputChunk[]> };
  summary: SessionSummary;
  model: ReportModel;
}

export class EventBuilder {
  readonly events: LoggedEvent[] = [];
  private clock: number;

  constructor(start: string) {
    this.clock = Date.parse(start);
  }

  at(iso: string): this {
    this.clock = Date.parse(iso);
    return this;
  }

  add<T extends EventType>(actor: Actor, type: T, payload: z.input<(typeof eventPayloads)[T]>, stepMs = 1000): LoggedEvent {
    const parsed = eventPayloads[type].parse(payload);
    const prev = this.events.at(-1);
    const fields = { sessionId: SESSION_ID, seq: this.events.length + 1, at: new Date(this.clock).toISOString(), actor, type, payload: parsed };
    const prevHash = prev?.hash ?? GENESIS_HASH;
    const event = { ...fields, prevHash, hash: hashEvent(sha256Hex, prevHash, fields) } as LoggedEvent;
    this.events.push(event);
    this.clock += stepMs;
    return event;
  }
}

export function evidence(takenAt: number, errorRate: number, p95: number, verdict: 'pass' | 'fail'): EvidenceSnapshot {
  const series = (base: number, jitter: number) =>
    Array.from({ length: 90 }, (_, i) => [takenAt - (89 - i) * 10_000, i === 40 ? null : Math.max(0, base + Math.sin(i / 5) * jitter)] as [number, number | null]);
  return {
    version: 1,
    takenAt,
    windowMs: 15 * 60_000,
    metrics: [
      { metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: '100 * sum(rate(errors[5s])) / sum(rate(requests[5s]))', unit: '%', status: 'ok', value: errorRate, at: takenAt, ageMs: 400, message: null, series: series(errorRate, 0.3) },
      { metricKey: 'p95_latency', name: 'p95 latency', source: 'prometheus', query: 'histogram_quantile(0.95, sum by (le) (rate(latency_bucket[10s])))', unit: 's', status: 'ok', value: p95 / 1000, at: takenAt, ageMs: 400, message: null, series: series(p95 / 1000, 0.05) },
    ],
    gate: {
      gateId: 'placeholder',
      title: 'placeholder',
      verdict,
      criteria: [
        { thresholdId: 'th_ntfmduba3b', metric: 'Error rate', threshold: 'Error rate < 1%', value: errorRate, unit: '%', query: 'q1', verdict: errorRate < 1 ? 'pass' : 'fail', reason: `Error rate ${errorRate}% vs < 1%` },
        { thresholdId: 'th_k3fwnrk2nl', metric: 'p95 latency', threshold: 'p95 latency < 500 ms', value: p95, unit: 'ms', query: 'q2', verdict: p95 < 500 ? 'pass' : 'fail', reason: `p95 ${p95} ms vs < 500 ms` },
      ],
    },
    decision: { level: verdict === 'fail' ? 1 : 0, certain: true, title: verdict === 'fail' ? 'Minor Issues' : null, why: [], unknown: [] },
  };
}

export function buildFixtureSession(): FixtureSession {
  const content = seedContent();
  const runbook = importMarkdown(content, 'seed.md');
  const item = (text: string) => runbook.checklistItems.find((i) => i.text === text)!.id;
  const step = (title: string) => runbook.steps.find((s) => s.title === title)!;
  const gate = runbook.gates[0]!;
  const ref = { title: runbook.title, sourceName: 'seed.md', contentHash: sha256Hex(content), modelHash: sha256Hex(canonicalJson(runbook)) };
  const b = new EventBuilder('2025-10-18T09:00:00.000Z');

  b.add(ada, 'session.created', { name: 'Go-Live <v2.0> & "friends"', environment: 'production', t0: '2025-10-21T12:00:00.000Z', runbook: ref });
  b.add(ada, 'checklist.checked', { itemId: item('API keys rotated and secured'), note: 'rotated in vault at 09:10', approver: null });
  b.add(ada, 'checklist.checked', { itemId: item('CTO approval'), note: null, approver: 'Grace Hopper' });
  b.add(ada, 'checklist.checked', { itemId: item('SSL certificates valid and installed'), note: null, approver: null });
  b.add(bob, 'checklist.unchecked', { itemId: item('SSL certificates valid and installed'), reason: 'cert for api.example expires in 3 days' });
  b.add(bob, 'checklist.noted', { itemId: item('Database backups verified (test restore)'), text: HOSTILE });
  b.add(bob, 'checklist.noted', { itemId: item('Migrations tested'), text: '```bash\nrm -rf /\n```\n- [ ] fake item\n## Fake heading\n12:00 - fake milestone' });
  b.add(ada, 'session.t0Moved', { from: '2025-10-21T12:00:00.000Z', to: '2025-10-21T12:10:00.000Z', reason: 'waiting for the CDN purge' });
  b.add(ada, 'hosts.inventorySet', { hosts: [{ name: 'web-1', address: '10.0.0.1', port: null, user: 'deploy', groups: ['web'], identityFile: null, proxyJump: null }, { name: 'web-2', address: '10.0.0.2', port: null, user: 'deploy', groups: ['web'], identityFile: null, proxyJump: null }], source: 'ui' });

  const monitorAt = '2025-10-21T12:05:00.000Z';
  b.at(monitorAt).add(ada, 'metrics.monitoringStarted', { pollIntervalMs: 1000, metricKeys: ['error_rate', 'p95_latency'] });

  const maintenance = step('Enable Maintenance Mode');
  b.at('2025-10-21T12:12:30.000Z').add(ada, 'step.runStarted', {
    runId: 'run-1', stepId: maintenance.id, stepTitle: maintenance.title, scriptSha256: sha256Hex(maintenance.script), targets: ['web-1', 'web-2'],
    policy: { kind: 'all' }, concurrency: 10, timeoutMs: 600_000, secretNames: ['ADMIN_TOKEN', 'STATUS_API_KEY'], confirmation: { method: 'typed', text: maintenance.title }, rerunOf: null,
  });
  b.add(ada, 'step.hostStarted', { runId: 'run-1', target: 'web-1' }, 0);
  b.add(ada, 'step.hostStarted', { runId: 'run-1', target: 'web-2' });
  const all = new Map<string, OutputChunk[]>();
  all.set('run-1/web-1', [
    { seq: 0, stream: 'stdout', at: '2025-10-21T12:12:31.000Z', text: '\x1b[32m✅ Maintenance mode enabled\x1b[0m\nAuthorization: Bearer [REDACTED:ADMIN_TOKEN]\n' },
    { seq: 1, stream: 'stdout', at: '2025-10-21T12:12:31.500Z', text: `${HOSTILE}\n` },
  ]);
  all.set('run-1/web-2', [{ seq: 0, stream: 'stderr', at: '2025-10-21T12:12:32.000Z', text: 'curl: (7) Failed to connect to status.company.com port 443\n' }]);
  b.add(SYSTEM_ACTOR, 'step.hostFinished', { runId: 'run-1', target: 'web-1', status: 'succeeded', exitCode: 0, signal: null, reason: null, errorKind: null, durationMs: 1800, outputBytes: 200, outputChunks: 2, outputSha256: 'a'.repeat(64), unredactedSecrets: [] });
  b.add(SYSTEM_ACTOR, 'step.hostFinished', { runId: 'run-1', target: 'web-2', status: 'failed', exitCode: 7, signal: null, reason: 'exit code 7', errorKind: null, durationMs: 2100, outputBytes: 58, outputChunks: 1, outputSha256: 'b'.repeat(64), unredactedSecrets: [] });
  b.add(SYSTEM_ACTOR, 'step.runFinished', { runId: 'run-1', status: 'failed', durationMs: 2200 });

  const alert = { thresholdId: 'th_slylp7dpqb', severity: 'escalate' as const, metricKey: 'error_rate', metric: 'Error rate', threshold: 'Error rate > 5%', value: 6.2, unit: '%', query: 'q1', since: '2025-10-21T12:44:00.000Z', action: 'Immediate escalation', reason: 'Error rate 6.2% matches "Error rate > 5%"' };
  b.at('2025-10-21T12:44:05.000Z').add(SYSTEM_ACTOR, 'metrics.alertRaised', alert);
  b.add(SYSTEM_ACTOR, 'metrics.levelChanged', { from: 0, to: 2, fromCertain: true, toCertain: true, reason: 'Error rate 6.2% in 3-10%', title: 'Major Issues', verdict: 'Prepare Rollback', actions: ['Prepare rollback'], stepIds: [], why: [], unknown: [] });
  const noGoAt = Date.parse('2025-10-21T12:45:30.000Z');
  b.at(new Date(noGoAt).toISOString()).add(ada, 'metrics.gateDecided', { gateId: gate.id, title: gate.title, decision: 'NO-GO', reason: 'error rate above 5% — hold the canary', verdict: 'fail', evidence: evidence(noGoAt, 6.2, 640, 'fail') });
  b.at('2025-10-21T12:50:00.000Z').add(SYSTEM_ACTOR, 'metrics.alertCleared', { ...alert, value: 0.4, since: '2025-10-21T12:49:50.000Z', reason: 'Error rate 0.4% back within bounds' });
  b.add(SYSTEM_ACTOR, 'metrics.levelChanged', { from: 2, to: 0, fromCertain: true, toCertain: true, reason: 'all clear', title: null, verdict: null, actions: [], stepIds: [], why: [], unknown: [] });
  const goAt = Date.parse('2025-10-21T12:52:00.000Z');
  b.at(new Date(goAt).toISOString()).add(ada, 'metrics.gateDecided', { gateId: gate.id, title: gate.title, decision: 'GO', reason: null, verdict: 'pass', evidence: evidence(goAt, 0.4, 210, 'pass') });

  const deploy = step('Deploy New Code');
  b.at('2025-10-21T12:53:00.000Z').add(ada, 'step.runStarted', {
    runId: 'run-2', stepId: deploy.id, stepTitle: deploy.title, scriptSha256: sha256Hex(deploy.script), targets: ['web-1'],
    policy: { kind: 'all' }, concurrency: 10, timeoutMs: null, secretNames: ['API_KEY'], confirmation: { method: 'typed', text: deploy.title }, rerunOf: null,
  });
  b.add(ada, 'step.hostStarted', { runId: 'run-2', target: 'web-1' });
  const long = Array.from({ length: 5000 }, (_, i) => ({ seq: i, stream: 'stdout' as const, at: '2025-10-21T12:53:10.000Z', text: `build line ${i + 1}\n` }));
  all.set('run-2/web-1', long);
  b.at('2025-10-21T13:01:00.000Z').add(SYSTEM_ACTOR, 'step.hostFinished', { runId: 'run-2', target: 'web-1', status: 'succeeded', exitCode: 0, signal: null, reason: null, errorKind: null, durationMs: 480_000, outputBytes: 68_000, outputChunks: 5000, outputSha256: 'c'.repeat(64), unredactedSecrets: [] });
  b.add(SYSTEM_ACTOR, 'step.runFinished', { runId: 'run-2', status: 'succeeded', durationMs: 480_000 });
  b.add(ada, 'checklist.checked', { itemId: item('Incident commander signs off on stability'), note: null, approver: 'Ada Lovelace' });

  const events = b.events;
  const last = events.at(-1)!;
  const summary: SessionSummary = {
    id: SESSION_ID, name: 'Go-Live <v2.0> & "friends"', environment: 'production', t0: '2025-10-21T12:10:00.000Z', createdAt: events[0]!.at, createdBy: ada, runbook: ref,
    readOnly: false, origin: 'local', eventCount: last.seq, headHash: last.hash,
  };
  const outputs = { all, chunks: (runId: string, target: string) => all.get(`${runId}/${target}`) ?? [] };
  const model = buildReportModel({
    session: summary, runbook, events, chain: { algorithm: CHAIN_ALGORITHM, headSeq: last.seq, headHash: last.hash },
    exportedAt: Date.parse('2025-10-22T08:00:00.000Z'), appVersion: '0.0.0-test', sessionFileName: sessionFileName(summary.name, summary.t0),
  });
  return { runbook, content, events, outputs, summary, model };
}

/** The report model of any event list over a runbook (what the exporter builds from a workspace). */
export function modelOf(runbook: Runbook | null, events: LoggedEvent[], name = 'Fixture session'): ReportModel {
  const last = events.at(-1)!;
  const created = events[0]!;
  const summary: SessionSummary = {
    id: SESSION_ID, name, environment: 'staging', t0: (created.payload as { t0: string }).t0, createdAt: created.at, createdBy: created.actor, runbook: null,
    readOnly: false, origin: 'local', eventCount: last.seq, headHash: last.hash,
  };
  return buildReportModel({
    session: summary, runbook, events, chain: { algorithm: CHAIN_ALGORITHM, headSeq: last.seq, headHash: last.hash },
    exportedAt: Date.parse(last.at) + 60_000, appVersion: '0.0.0-test', sessionFileName: sessionFileName(name, summary.t0),
  });
}

/** A session that touches everything a runbook has: every item ticked (some unticked, some noted), every step run, every gate decided. */
export function exhaustiveSession(runbook: Runbook, t0 = '2025-10-21T12:00:00.000Z'): LoggedEvent[] {
  const b = new EventBuilder('2025-10-20T09:00:00.000Z');
  b.add(ada, 'session.created', { name: 'Exhaustive', environment: 'staging', t0, runbook: null });
  runbook.checklistItems.forEach((item, i) => {
    b.add(ada, 'checklist.checked', { itemId: item.id, note: i % 3 === 0 ? `note ${i}: ${HOSTILE} \`\`\`bash\n- [ ] x` : null, approver: item.signOff ? 'Grace Hopper' : null });
    if (i % 5 === 0) b.add(bob, 'checklist.unchecked', { itemId: item.id, reason: '1. redo\n## not a heading' });
    if (i % 7 === 0) b.add(bob, 'checklist.noted', { itemId: item.id, text: '12:00 - not a milestone\n**Target**: 12:05 - 12:15 PM UTC' });
  });
  runbook.steps.forEach((step, i) => {
    const runId = `run-${i}`;
    b.add(ada, 'step.runStarted', { runId, stepId: step.id, stepTitle: step.title, scriptSha256: sha256Hex(step.script), targets: ['local'], policy: { kind: 'all' }, concurrency: 1, timeoutMs: null, secretNames: [], confirmation: null, rerunOf: null });
    b.add(SYSTEM_ACTOR, 'step.hostFinished', { runId, target: 'local', status: i % 2 ? 'failed' : 'succeeded', exitCode: i % 2, signal: null, reason: null, errorKind: null, durationMs: 1000, outputBytes: 0, outputChunks: 0, outputSha256: sha256Hex(''), unredactedSecrets: [] });
    b.add(SYSTEM_ACTOR, 'step.runFinished', { runId, status: i % 2 ? 'failed' : 'succeeded', durationMs: 1000 });
  });
  runbook.gates.forEach((gate, i) => {
    const at = Date.parse(t0) + 60_000 * (i + 1);
    b.add(ada, 'metrics.gateDecided', { gateId: gate.id, title: gate.title, decision: i % 2 ? 'NO-GO' : 'GO', reason: 'because | *reasons*', verdict: 'no-criteria', evidence: { ...evidence(at, 0.5, 200, 'pass'), gate: null } });
  });
  return b.events;
}
