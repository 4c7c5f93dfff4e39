// Notifications against a real HTTP receiver on 127.0.0.1 (node:http), through the real console on
// a temp SQLite file. The level change comes from the log as the metrics monitor writes it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { CallInput, CallName, CallResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { NOTIFY_RULES, type NotifyRule } from '../../../shared/log/notifyEvents';

const ada = { name: 'Ada', role: 'Incident Commander' };
const RUNBOOK = '# Launch\n\n## Phase 1: Release (T+0 to T+30 min)\n\n### Step 1: Deploy (10 min)\n```bash\necho ok\n```\n';
const allRules = (on: NotifyRule[]) => Object.fromEntries(NOTIFY_RULES.map((r) => [r, on.includes(r)])) as Record<NotifyRule, boolean>;

interface Received {
  path: string;
  body: Record<string, unknown>;
}

async function startReceiver(answer: () => number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
      res.statusCode = answer();
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/B000/secretpart`, received };
}

let dir: string;
let service: ConsoleService;
const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
  const envelope = await service.router.dispatch(name, input, { access: 'write' });
  if (!envelope.ok) throw ApiError.from(envelope.error);
  return envelope.result as CallResult<N>;
};
const newSession = async () =>
  (await call('createSession', { name: 'Payments go-live', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'r.md', content: RUNBOOK } })).id;

/** What the metrics monitor writes when the level goes up (the notifier follows the log, not the monitor). */
function levelChanged(sessionId: string) {
  return service.workspace.log.appendMany([
    {
      sessionId,
      actor: SYSTEM_ACTOR,
      type: 'metrics.levelChanged',
      payload: {
        from: 0,
        to: 2,
        fromCertain: true,
        toCertain: true,
        reason: 'Error rate 7% > 5%',
        title: 'Major Issues',
        verdict: 'Prepare Rollback',
        actions: ['Page the on-call engineer'],
        stepIds: [],
        why: [{ level: 2, text: 'Error rate > 5% (now 7%)', thresholdId: 'th_1', state: 'holds', metric: 'Error rate', value: 7, unit: '%', threshold: '> 5%', query: 'rate(errors[1m])', reason: 'Error rate 7% > 5%' }],
        unknown: [],
      },
    },
  ]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-notify-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, notify: { retryBaseMs: 20, maxAttempts: 3, timeoutMs: 2000 } });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notifications to a webhook receiver on 127.0.0.1', () => {
  it('sends one Slack-style message for a level change, with the level and its reasons, and logs it without the URL', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const sessionId = await newSession();
      await call('saveNotifyTarget', { sessionId, actor: ada, target: { name: 'War room', kind: 'slack', rules: allRules(['levelChanged']) }, url: receiver.url });
      levelChanged(sessionId);
      await service.notificationsSettled();
      expect(receiver.received).toHaveLength(1);
      const text = String(receiver.received[0]!.body.text);
      expect(text).toContain('decision level 0 → 2 Major Issues (Prepare Rollback)');
      expect(text).toContain('Error rate > 5% (now 7%)');
      const { state } = await call('openSession', { sessionId });
      expect(state.notify.deliveries).toEqual([expect.objectContaining({ targetName: 'War room', rule: 'levelChanged', attempts: 1, status: 200, outcome: 'sent' })]);
      const events = service.workspace.log.read(sessionId);
      expect(JSON.stringify(events)).not.toContain('secretpart');
      expect((await call('getNotifySettings', { sessionId })).targets[0]).toMatchObject({ name: 'War room', urlSet: true });
      expect(JSON.stringify(await call('getNotifySettings', { sessionId }))).not.toContain('secretpart');
    } finally {
      receiver.server.close();
    }
  });

  it('retries a receiver that answers 503, then shows the failure; the launch goes on', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const sessionId = await newSession();
      await call('saveNotifyTarget', { sessionId, actor: ada, target: { name: 'Status', kind: 'webhook', rules: allRules(['levelChanged']) }, url: receiver.url });
      levelChanged(sessionId);
      // The console answers while the notification is being retried.
      await call('moveT0', { sessionId, actor: ada, t0: '2025-10-21T12:10:00Z', reason: 'vendor late' });
      await service.notificationsSettled();
      expect(receiver.received.map((r) => r.body.rule)).toEqual(['levelChanged', 'levelChanged', 'levelChanged']);
      expect(receiver.received[0]!.body).toMatchObject({ source: 'T-Minus', sessionId, level: '2' });
      const { state } = await call('openSession', { sessionId });
      expect(state.header.t0).toBe('2025-10-21T12:10:00.000Z');
      expect(state.notify.deliveries).toEqual([expect.objectContaining({ attempts: 3, status: 503, outcome: 'failed', error: 'HTTP 503' })]);
      const attempts = service.workspace.log.read(sessionId).filter((e) => e.type === 'notify.attempted');
      expect(attempts.map((e) => (e.payload as { attempt: number; final: boolean }).attempt)).toEqual([1, 2, 3]);
    } finally {
      receiver.server.close();
    }
  });

  it('retries a receiver that is down (connection refused), then gives up visibly', async () => {
    const receiver = await startReceiver(() => 200);
    const url = receiver.url;
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    const sessionId = await newSession();
    await call('saveNotifyTarget', { sessionId, actor: ada, target: { name: 'Down', kind: 'slack', rules: allRules([]) }, url });
    const { targets } = await call('getNotifySettings', { sessionId });
    await call('sendTestNotification', { sessionId, actor: ada, targetId: targets[0]!.id });
    await service.notificationsSettled();
    const { state } = await call('openSession', { sessionId });
    expect(state.notify.deliveries).toEqual([expect.objectContaining({ rule: 'test', attempts: 3, status: null, outcome: 'failed' })]);
    expect(state.notify.deliveries[0]!.error).not.toContain('secretpart');
  });
});
