// The war room under load (issue 18): 20 seats connected to `tminus serve` over the event socket;
// one seat ticks or unticks an item (an HTTP call, committed to the log) and every other seat's
// socket receives the committed event. Figure: p95 of "call sent → event received" over every
// receiver, against a bare `ws` server broadcasting the same payload to 20 clients in this process
// (send → received), plus the console's CPU and memory while the 20 seats are connected.
// Second figure: a seat reconnecting with 500 queued (signed) actions, merged by one
// submitQueuedActions call, against the same 500 actions made live one call at a time.
//
//   npm run bench -- warroom [--actions=40]
import { readFileSync } from 'node:fs';
import { WebSocket, WebSocketServer } from 'ws';
import { callConsole, startConsole } from '../test/support/consoleServer';
import { makeSeatKey } from '../test/support/seatSigning';
import type { QueuedAction } from '../shared/warroom/queuedActions';
import { percentile, result, type Benchmark } from './harness';

const SEATS = 20;
const ic = { name: 'Ada', role: 'Incident Commander' };
const RUNBOOK = '# Load\n\n## Team\n\n### War Room Roles\n\n| Role | Name |\n|---|---|\n| Incident Commander | Ada |\n| Database Admin | Dana |\n\n## Checks\n\n**Database Admin**:\n- [ ] Item one\n- [ ] Item two\n';

function open(url: string, protocols: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.once('message', () => resolve(ws)); // the console's hello (or the bare server's first frame)
    ws.once('error', reject);
  });
}

/** CPU seconds (user + system) the process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function bareBroadcast(actions: number, payload: string): Promise<number[]> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  server.on('connection', (ws) => {
    ws.send('{"event":"hello"}');
    ws.on('message', (data) => {
      for (const client of server.clients) if (client !== ws) client.send(data.toString());
    });
  });
  const port = (server.address() as { port: number }).port;
  const clients = await Promise.all(Array.from({ length: SEATS }, () => open(`ws://127.0.0.1:${port}/`, [])));
  const delays: number[] = [];
  for (let i = 0; i < actions; i++) {
    const sent = performance.now();
    const received = clients.slice(1).map((ws) => new Promise<void>((r) => ws.once('message', () => (delays.push(performance.now() - sent), r()))));
    clients[0]!.send(payload);
    await Promise.all(received);
  }
  for (const ws of clients) ws.close();
  server.close();
  return delays;
}

const QUEUED = 500;

type Running = Awaited<ReturnType<typeof startConsole>>;

async function seatCall(running: Running, token: string, call: string, body: unknown): Promise<void> {
  const response = await fetch(`${running.base}api/call/${call}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const envelope = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${call}: ${envelope.error?.message}`);
}

/** ms to merge QUEUED queued actions in one call, and ms to make the same actions live (anchor). */
async function queuedMerge(running: Running, sessionId: string, itemIds: string[]): Promise<{ merge: number; live: number }> {
  const invitation = await callConsole<{ url: string; seatId: string }>(running, 'createSeat', { sessionId, actor: ic, name: 'Offline seat', roles: ['Database Admin'] });
  const token = new URL(invitation.url).searchParams.get('token')!;
  const key = await makeSeatKey();
  await seatCall(running, token, 'registerSeatKey', { sessionId, actor: ic, publicKey: key.publicKey });
  const kinds: QueuedAction['action'][] = ['check', 'note', 'uncheck'];
  const actions = await Promise.all(
    Array.from({ length: QUEUED }, (_, seq) =>
      key.sign({ seat: invitation.seatId, session: sessionId, item: itemIds[seq % itemIds.length]!, action: kinds[seq % 3]!, note: seq % 3 === 1 ? `note ${seq}` : null, seatTime: new Date(Date.UTC(2030, 0, 1, 0, 0, 0, seq)).toISOString(), seq }),
    ),
  );
  const opened = await callConsole<{ state: { headSeq: number } }>(running, 'openSession', { sessionId });
  const started = performance.now();
  await seatCall(running, token, 'submitQueuedActions', { sessionId, actor: ic, lastSeenSeq: opened.state.headSeq, actions });
  const merge = performance.now() - started;
  const liveStarted = performance.now();
  for (const action of actions) {
    const call = action.action === 'check' ? 'checkItem' : action.action === 'uncheck' ? 'uncheckItem' : 'addNote';
    await seatCall(running, token, call, { sessionId, actor: ic, itemId: action.item, ...(action.action === 'note' ? { text: action.note } : {}) });
  }
  return { merge, live: performance.now() - liveStarted };
}

const benchmark: Benchmark = {
  name: 'warroom',
  async run({ args, log }) {
    const actions = Number(args.find((a) => a.startsWith('--actions='))?.slice(10) ?? 40);
    const running = await startConsole();
    try {
      const session = await callConsole<{ id: string }>(running, 'createSession', { name: 'Load', environment: 'staging', t0: '2030-01-01T00:00:00Z', actor: ic, runbook: { sourceName: 'load.md', content: RUNBOOK } });
      const opened = await callConsole<{ runbook: { checklistItems: Array<{ id: string }> } }>(running, 'openSession', { sessionId: session.id });
      const itemId = opened.runbook.checklistItems[0]!.id;
      const tokens: string[] = [];
      for (let i = 0; i < SEATS; i++) {
        const invitation = await callConsole<{ url: string }>(running, 'createSeat', { sessionId: session.id, actor: ic, name: `Seat ${i + 1}`, roles: ['Database Admin'] });
        tokens.push(new URL(invitation.url).searchParams.get('token')!);
      }
      const wsUrl = `${running.base.replace('http', 'ws')}api/events`;
      const sockets = await Promise.all(tokens.map((token) => open(wsUrl, ['tminus.v1', `tminus.token.${token}`])));
      const pid = running.process.pid!;
      const rssConnected = rssMb(pid);

      const delays: number[] = [];
      let samplePayload = '';
      const cpuBefore = cpuSeconds(pid);
      const wallBefore = performance.now();
      for (let i = 0; i < actions; i++) {
        const type = i % 2 === 0 ? 'checklist.checked' : 'checklist.unchecked';
        const sent = performance.now();
        const received = sockets.slice(1).map(
          (ws) =>
            new Promise<void>((resolve) => {
              const onMessage = (data: Buffer) => {
                const text = data.toString();
                if (!text.includes(`"type":"${type}"`)) return;
                samplePayload = text;
                delays.push(performance.now() - sent);
                ws.off('message', onMessage);
                resolve();
              };
              ws.on('message', onMessage);
            }),
        );
        const call = i % 2 === 0 ? 'checkItem' : 'uncheckItem';
        await fetch(`${running.base}api/call/${call}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${tokens[0]}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ sessionId: session.id, itemId, actor: ic }),
        });
        await Promise.all(received);
      }
      const cpuShare = (cpuSeconds(pid) - cpuBefore) / ((performance.now() - wallBefore) / 1000);
      const rssAfter = rssMb(pid);
      for (const ws of sockets) ws.close();
      const queued = await queuedMerge(running, session.id, opened.runbook.checklistItems.map((item) => item.id));

      const bare = await bareBroadcast(actions, samplePayload);
      const p95 = percentile(delays, 95);
      const bareP95 = percentile(bare, 95);
      log(`${QUEUED} queued actions merged in ${queued.merge.toFixed(0)} ms (the same ${QUEUED} made live: ${queued.live.toFixed(0)} ms)`);
      log(`${SEATS} seats, ${actions} actions: p95 ${p95.toFixed(1)} ms (bare ws ${bareP95.toFixed(2)} ms); console CPU ${(cpuShare * 100).toFixed(0)} % of a core while acting; RSS ${rssConnected.toFixed(0)} → ${rssAfter.toFixed(0)} MB`);
      return [
        result('warroom: one seat acts → all 19 others have the committed event (p95)', p95, 'ms', `bare ws broadcast of the same payload to ${SEATS} clients (p95)`, bareP95, {
          goal: 'p95 ≤ 250 ms',
          extra: { p50: percentile(delays, 50), max: Math.max(...delays), bareP50: percentile(bare, 50), consoleCpuShareWhileActing: cpuShare, consoleRssMbWith20Seats: rssConnected, consoleRssMbAfterActions: rssAfter },
        }),
        result(`warroom: a reconnecting seat's ${QUEUED} queued actions merged (one submitQueuedActions call)`, queued.merge, 'ms', `the same ${QUEUED} actions made live, one call each`, queued.live, { goal: '≤ 2000 ms' }),
      ];
    } finally {
      await running.stop();
    }
  },
};

export default benchmark;
