// Notifications whose words come from the runbook's comms section, and milestones announced from
// the log: the console, on an injected clock and timer, writes `timeline.milestoneReached` when a
// milestone's time comes, and the message to a real HTTP receiver on 127.0.0.1 follows that event.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { CallInput, CallName, CallResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { NOTIFY_RULES, type NotifyRule } from '../../../shared/log/notifyEvents';

const ada = { name: 'Ada', role: 'Incident Commander' };
const allRules = (on: NotifyRule[]) => Object.fromEntries(NOTIFY_RULES.map((r) => [r, on.includes(r)])) as Record<NotifyRule, boolean>;

const RUNBOOK = [
  '---',
  't0: 2025-10-21T12:00:00Z',
  '---',
  '# Payments go-live',
  '',
  '## Timeline',
  '',
  '```',
  '11:30 - Bridge open',
  '12:00 - Deployment begins',
  '12:30 - Canary live',
  '```',
  '',
  '## Phase 1: Release (T+0 to T+30 min)',
  '',
  '### Step 1: Deploy (10 min)',
  '```bash',
  'echo ok',
  '```',
  '',
  '## Comms',
  '',
  '- **T0 moved**: PAYMENTS LAUNCH now at {{to}} UTC{{reason}} (moved by {{by}})',
  '- **Milestone**: Payments launch — {{milestone}} at {{at}}',
  '',
].join('\n');

async function startReceiver(): Promise<{ server: Server; url: string; texts: string[] }> {
  const texts: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      texts.push(String((JSON.parse(body) as { text: unknown }).text));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T1/B1/secretpart`, texts };
}

/** A timer the test fires by hand, on a clock it moves by hand. */
function manualTime(startMs: number) {
  let now = startMs;
  const timers = new Map<number, { fn: () => void; atMs: number }>();
  let next = 1;
  return {
    clock: { now: () => now },
    scheduler: {
      setTimeout: (fn: () => void, ms: number) => {
        timers.set(next, { fn, atMs: now + ms });
        return next++;
      },
      clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    },
    /** Moves the clock and runs every timer due by then. */
    advanceTo(ms: number) {
      now = ms;
      for (const [handle, timer] of [...timers]) {
        if (timer.atMs > now) continue;
        timers.delete(handle);
        timer.fn();
      }
    },
  };
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function open(time: ReturnType<typeof manualTime>): Promise<{ service: ConsoleService; call: <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallResult<N>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tminus-notify-words-'));
  const service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, clock: time.clock, notify: { scheduler: time.scheduler, maxAttempts: 1 } });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => service.close());
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
    const envelope = await service.router.dispatch(name, input, { access: 'write' });
    if (!envelope.ok) throw ApiError.from(envelope.error);
    return envelope.result as CallResult<N>;
  };
  return { service, call };
}

describe('what the room is told', () => {
  it("takes its wording from the runbook's comms section", async () => {
    const time = manualTime(Date.parse('2025-10-21T11:00:00Z'));
    const { service, call } = await open(time);
    const receiver = await startReceiver();
    cleanup.push(() => void receiver.server.close());
    const sessionId = (await call('createSession', { name: 'Payments', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'r.md', content: RUNBOOK } })).id;

    const settings = await call('getNotifySettings', { sessionId });
    expect(settings.commsTemplates).toEqual({
      t0Moved: 'PAYMENTS LAUNCH now at {{to}} UTC{{reason}} (moved by {{by}})',
      milestoneReached: 'Payments launch — {{milestone}} at {{at}}',
    });
    // The target editor starts from these words (TargetEditor.tsx); saved as the target's templates.
    await call('saveNotifyTarget', { sessionId, actor: ada, target: { name: 'Launch channel', kind: 'slack', rules: allRules(['t0Moved']), templates: settings.commsTemplates }, url: receiver.url });
    await call('moveT0', { sessionId, actor: ada, t0: '2025-10-21T12:15:00Z', reason: 'vendor late' });
    await service.notificationsSettled();
    expect(receiver.texts).toEqual(['PAYMENTS LAUNCH now at 2025-10-21 12:15 UTC — vendor late (moved by Ada)']);
  });

  it('announces a milestone once, when the log says it was reached on the console clock — not the ones already past at start', async () => {
    const time = manualTime(Date.parse('2025-10-21T12:10:00Z'));
    const { service, call } = await open(time);
    const receiver = await startReceiver();
    cleanup.push(() => void receiver.server.close());
    const sessionId = (await call('createSession', { name: 'Payments', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'r.md', content: RUNBOOK } })).id;
    await call('saveNotifyTarget', { sessionId, actor: ada, target: { name: 'Launch channel', kind: 'slack', rules: allRules(['milestoneReached']) }, url: receiver.url });
    const reached = () => service.workspace.log.read(sessionId).filter((e) => e.type === 'timeline.milestoneReached');

    time.advanceTo(Date.parse('2025-10-21T12:29:59Z'));
    expect(reached()).toEqual([]);
    time.advanceTo(Date.parse('2025-10-21T12:30:00Z'));
    await service.notificationsSettled();
    expect(reached()).toHaveLength(1);
    const [event] = reached();
    expect(event!.actor).toEqual(SYSTEM_ACTOR);
    expect(event!.payload).toMatchObject({ text: 'Canary live', dueAt: '2025-10-21T12:30:00.000Z' });
    expect(receiver.texts).toEqual(['Payments: milestone reached — Canary live (12:30 UTC)']);
    const attempt = service.workspace.log.read(sessionId).find((e) => e.type === 'notify.attempted')!;
    expect(attempt.payload).toMatchObject({ rule: 'milestoneReached', causeSeq: event!.seq, ok: true });

    // Later checks do not announce it again; the two milestones before the console started never are.
    time.advanceTo(Date.parse('2025-10-21T13:30:00Z'));
    await service.notificationsSettled();
    expect(reached()).toHaveLength(1);
    expect(receiver.texts).toHaveLength(1);
  });
});
