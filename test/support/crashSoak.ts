// Crash soak: the real browser shell (`tminus serve`) appends notes as fast as several HTTP
// clients can ask, and is SIGKILLed at random moments — mostly mid-append, sometimes while it is
// still starting. After every restart, each event the API acknowledged (a 200 answer) must be in
// the database with the hash it was acknowledged with, `PRAGMA integrity_check` must be ok and the
// chain must verify against the heads side file. Used by the crash test and the crash bench.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain, type ChainRow } from '../../shared/log/chain';
import { fromRow, sha256Hex } from '../../electron/store/eventLog';
import { HeadsFile } from '../../electron/store/headsFile';
import { REPO_ROOT, startConsole, type RunningConsole } from './consoleServer';

export interface CrashSoakOptions {
  kills: number;
  seed: number;
  /** Every n-th kill lands while the console is starting rather than mid-append (0: never). */
  startupKillEvery?: number;
  /** Concurrent HTTP clients appending. */
  clients?: number;
  /** Upper bound of the random time appending before a kill. */
  maxAppendMs?: number;
  log?: (line: string) => void;
}

export interface CrashSoakResult {
  kills: number;
  acknowledged: number;
  /** Acknowledged events missing after a restart, or present with another hash. */
  lost: number;
  /** Everything else that went wrong (damaged chain, integrity check, refused calls). */
  problems: string[];
  eventsInLog: number;
  dataDir: string;
}

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function api<T>(running: RunningConsole, name: string, input: unknown): Promise<{ status: number; body: { ok: boolean; result?: T; error?: { message: string } } }> {
  const response = await fetch(`${running.base}api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${running.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; result?: T } };
}

async function kill(running: RunningConsole): Promise<void> {
  await running.stop('SIGKILL');
}

export async function runCrashSoak(options: CrashSoakOptions): Promise<CrashSoakResult> {
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => {});
  const clients = options.clients ?? 4;
  const maxAppendMs = options.maxAppendMs ?? 300;
  const dataDir = mkdtempSync(join(tmpdir(), `tminus-crash-${process.pid}-`));
  const acknowledged = new Map<number, string>();
  const problems: string[] = [];
  let lost = 0;
  let eventsInLog = 0;
  const actor = { name: 'Soak', role: null };

  let running = await startConsole({ dataDir, cleanUp: false });
  try {
    const seed = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8');
    const created = await api<{ id: string; headHash: string }>(running, 'createSession', {
      name: 'Crash soak',
      environment: 'staging',
      t0: '2025-10-21T12:00:00Z',
      actor,
      runbook: { sourceName: 'seed.md', content: seed },
    });
    if (created.status !== 200) throw new Error(`createSession answered ${created.status}: ${JSON.stringify(created.body)}`);
    const sessionId = created.body.result!.id;
    acknowledged.set(1, created.body.result!.headHash);
    const opened = await api<{ runbook: { checklistItems: Array<{ id: string }> } }>(running, 'openSession', { sessionId });
    const itemIds = opened.body.result!.runbook.checklistItems.map((item) => item.id);

    const check = async (after: string) => {
      const listed = await api<Array<{ id: string; readOnly: boolean; eventCount: number }>>(running, 'listSessions', {});
      const session = listed.body.result?.find((s) => s.id === sessionId);
      if (!session) problems.push(`${after}: the session is not listed`);
      else if (session.readOnly) problems.push(`${after}: the session came back read-only (its chain did not verify at open)`);
      const result = inspectDatabase(dataDir, sessionId, acknowledged);
      lost = result.lost;
      eventsInLog = result.count;
      problems.push(...result.problems.map((p) => `${after}: ${p}`));
    };

    let note = 0;
    for (let round = 1; round <= options.kills; round++) {
      const duringStartup = options.startupKillEvery ? round % options.startupKillEvery === 0 : false;
      if (duringStartup) {
        await kill(running);
        await killWhileStarting(dataDir, Math.floor(random() * 400));
        running = await startConsole({ dataDir, cleanUp: false });
        await check(`after start-up kill ${round}`);
        log(`kill ${round} (while starting): ${acknowledged.size} acknowledged, ${eventsInLog} in the log, ${lost} lost`);
        continue;
      }
      let stop = false;
      const appender = async () => {
        while (!stop) {
          const text = `soak note ${++note}`;
          let answer;
          try {
            answer = await api<{ seq: number; hash: string }>(running, 'addNote', { sessionId, itemId: itemIds[note % itemIds.length]!, actor, text });
          } catch {
            return; // the server is gone: this request was never acknowledged
          }
          if (answer.status === 200 && answer.body.result) acknowledged.set(answer.body.result.seq, answer.body.result.hash);
          else if (!stop) problems.push(`round ${round}: addNote answered ${answer.status}: ${answer.body.error?.message ?? ''}`);
        }
      };
      const appenders = Array.from({ length: clients }, appender);
      await new Promise((resolve) => setTimeout(resolve, random() * maxAppendMs));
      await kill(running);
      stop = true;
      await Promise.all(appenders);
      running = await startConsole({ dataDir, cleanUp: false });
      await check(`after kill ${round}`);
      log(`kill ${round}: ${acknowledged.size} acknowledged, ${eventsInLog} in the log, ${lost} lost`);
    }
  } finally {
    await running.stop();
  }
  return { kills: options.kills, acknowledged: acknowledged.size, lost, problems, eventsInLog, dataDir };
}

/** Starts `tminus serve` and SIGKILLs it after `afterMs`, wherever it is (migrating, verifying, listening). */
async function killWhileStarting(dataDir: string, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'tminus.js'), 'serve', '--data', dataDir, '--port', '0'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await exited;
}

/** Reads the database beside the running console, as an auditor would. */
function inspectDatabase(dataDir: string, sessionId: string, acknowledged: Map<number, string>) {
  const problems: string[] = [];
  const db = new Database(join(dataDir, 'tminus.db'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const rows = db.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(sessionId) as Parameters<typeof fromRow>[0][];
    const events = rows.map(fromRow);
    const head = HeadsFile.read(join(dataDir, 'tminus.heads.json'))?.[sessionId] ?? null;
    const verdict = verifyChain(sha256Hex, events as ChainRow[], head);
    if (!verdict.ok) problems.push(`chain breaks at seq ${verdict.seq}: ${verdict.problem}`);
    const stored = new Map(events.map((event) => [event.seq, event.hash]));
    let lost = 0;
    for (const [seq, hash] of acknowledged) {
      if (stored.get(seq) !== hash) lost++;
    }
    if (lost > 0) problems.push(`${lost} acknowledged events missing or changed`);
    return { problems, lost, count: events.length };
  } finally {
    db.close();
  }
}

export function removeSoakDir(result: CrashSoakResult): void {
  rmSync(result.dataDir, { recursive: true, force: true });
}
