// The event log's cost. Appends: durable (WAL, synchronous=FULL) events per second through
// EventLog — validation, canonical JSON, sha256 chain, heads side file — single events (one commit
// each) and batches of 100 (one commit per batch), each against the same rows inserted by bare
// better-sqlite3 into the same schema with the same durability, interleaved in the same run.
// Rebuild: folding a 100,000-event session into its state, against reading the same rows with
// bare better-sqlite3 and JSON.parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../electron/store/database';
import type { AppendRequest } from '../electron/store/eventLog';
import { openWorkspace, type Workspace } from '../electron/store/workspace';
import { canonicalJson } from '../shared/log/canonicalJson';
import { importMarkdown } from '../shared/runbook/importMarkdown';
import { foldSessionState } from '../shared/session/sessionState';
import { median, result, type Benchmark, type BenchResult } from './harness';

// Many short ours/bare pairs, in alternating order, so that the machine's drift (other processes,
// disk flushes) hits both sides alike; the overhead is the median of the per-pair ratios.
const PAIRS = 12;
const SINGLES_PER_PAIR = 250;
const BATCHES_PER_PAIR = 10;
const BATCH = 100;
const REBUILD_EVENTS = 100_000;

const actor = { name: 'Ada Lovelace', role: 'Incident Commander' };
const seedRunbook = importMarkdown(readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8'), 'seed.md');
const itemIds = seedRunbook.checklistItems.map((item) => item.id);

/** A realistic mix: ticks with and without notes, unticks with reasons, notes. */
function workEvent(sessionId: string, i: number): AppendRequest {
  const itemId = itemIds[i % itemIds.length]!;
  switch (i % 4) {
    case 0:
      return { sessionId, actor, type: 'checklist.checked', payload: { itemId, note: i % 8 === 0 ? `verified on dashboard, run ${i}` : null, approver: null } };
    case 1:
      return { sessionId, actor, type: 'checklist.noted', payload: { itemId, text: `Checked with the on-call SRE at 09:${String(i % 60).padStart(2, '0')}; no errors in the logs.` } };
    case 2:
      return { sessionId, actor, type: 'checklist.unchecked', payload: { itemId, reason: 'redo after config change' } };
    default:
      return { sessionId, actor, type: 'checklist.noted', payload: { itemId, text: `note ${i}` } };
  }
}

function createSession(workspace: Workspace, sessionId: string): void {
  workspace.log.append({ sessionId, actor, type: 'session.created', payload: { name: 'Bench', environment: 'staging', t0: '2025-10-21T12:00:00.000Z', runbook: null } });
}

/** The rows EventLog would write, built before the clock starts: the anchor only inserts. */
function bareRows(sessionId: string, count: number, firstSeq: number): unknown[][] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const event = workEvent(sessionId, i);
    const hash = (firstSeq + i).toString(16).padStart(64, '0');
    return [sessionId, firstSeq + i, at, canonicalJson(event.actor), event.type, canonicalJson(event.payload), hash, hash];
  });
}

const INSERT = `INSERT INTO events (session_id, seq, at_utc, actor_json, type, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

interface Pair {
  ours: number[];
  bare: number[];
  /** bare rate / our rate, per pair. */
  overhead: number[];
}

/** Events per second of `fn` appending `events` events. */
function rate(events: number, fn: () => void): number {
  const start = performance.now();
  fn();
  return events / ((performance.now() - start) / 1000);
}

function measurePair(pair: Pair, index: number, events: number, ours: () => void, bare: () => void): void {
  let oursRate: number;
  let bareRate: number;
  if (index % 2 === 0) {
    oursRate = rate(events, ours);
    bareRate = rate(events, bare);
  } else {
    bareRate = rate(events, bare);
    oursRate = rate(events, ours);
  }
  // Pair 0 warms up both sides and is not counted.
  if (index === 0) return;
  pair.ours.push(oursRate);
  pair.bare.push(bareRate);
  pair.overhead.push(bareRate / oursRate);
}

function benchAppends(workspace: Workspace, bare: Db): { singles: Pair; batches: Pair } {
  const singles: Pair = { ours: [], bare: [], overhead: [] };
  const batches: Pair = { ours: [], bare: [], overhead: [] };
  const insert = bare.prepare(INSERT);
  const insertBatch = bare.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(...row);
  });
  let bareSeq = 1;
  for (let index = 0; index <= PAIRS; index++) {
    const sessionId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    createSession(workspace, sessionId);
    const requests = Array.from({ length: SINGLES_PER_PAIR }, (_, i) => workEvent(sessionId, i));
    const rows = bareRows(sessionId, SINGLES_PER_PAIR, bareSeq);
    bareSeq += SINGLES_PER_PAIR;
    const batchRequests = Array.from({ length: BATCHES_PER_PAIR }, (_, b) => Array.from({ length: BATCH }, (_, i) => workEvent(sessionId, b * BATCH + i)));
    const batchRows = Array.from({ length: BATCHES_PER_PAIR }, (_, b) => bareRows(sessionId, BATCH, bareSeq + b * BATCH));
    bareSeq += BATCHES_PER_PAIR * BATCH;

    measurePair(singles, index, SINGLES_PER_PAIR, () => requests.forEach((request) => workspace.log.append(request)), () => rows.forEach((row) => insert.run(...row)));
    measurePair(batches, index, BATCHES_PER_PAIR * BATCH, () => batchRequests.forEach((batch) => workspace.log.appendMany(batch)), () => batchRows.forEach((batch) => insertBatch(batch)));
  }
  return { singles, batches };
}

function benchRebuild(workspace: Workspace): { ours: number; bare: number; headSeq: number } {
  const sessionId = 'ffffffff-0000-4000-8000-000000000000';
  createSession(workspace, sessionId);
  for (let done = 1; done < REBUILD_EVENTS; done += 1000) {
    const size = Math.min(1000, REBUILD_EVENTS - done);
    workspace.log.appendMany(Array.from({ length: size }, (_, i) => workEvent(sessionId, done + i)));
  }
  const read = workspace.db.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq');
  const ours: number[] = [];
  const bare: number[] = [];
  let headSeq = 0;
  for (let run = 0; run < 4; run++) {
    let start = performance.now();
    const state = foldSessionState(workspace.log.iterate(sessionId));
    const oursMs = performance.now() - start;
    headSeq = state?.headSeq ?? 0;
    start = performance.now();
    let parsed = 0;
    for (const row of read.iterate(sessionId) as IterableIterator<{ actor_json: string; payload_json: string }>) {
      JSON.parse(row.actor_json);
      JSON.parse(row.payload_json);
      parsed++;
    }
    const bareMs = performance.now() - start;
    if (parsed !== REBUILD_EVENTS) throw new Error(`read ${parsed} rows, expected ${REBUILD_EVENTS}`);
    if (run > 0) {
      ours.push(oursMs);
      bare.push(bareMs);
    }
  }
  return { ours: median(ours), bare: median(bare), headSeq };
}

const benchmark: Benchmark = {
  name: 'log',
  async run({ tmpDir, log }) {
    const workspace = openWorkspace({ dataDir: join(tmpDir, 'ours'), clock: { now: () => Date.now() } });
    // Same schema, triggers and pragmas (WAL, synchronous=FULL) as the workspace, written bare.
    const bare = openDatabase({ file: join(tmpDir, 'bare.db') });
    if (bare.pragma('synchronous', { simple: true }) !== 2) throw new Error('anchor database is not synchronous=FULL');
    try {
      const { singles, batches } = benchAppends(workspace, bare);
      for (const [label, pair] of [['single', singles], [`batch of ${BATCH}`, batches]] as const) {
        log(`${label}: ours ${pair.ours.map(Math.round).join(', ')} /s; bare ${pair.bare.map(Math.round).join(', ')} /s; overhead per pair ${pair.overhead.map((o) => o.toFixed(2)).join(', ')}`);
        log(`${label}: median overhead (bare/ours) ${median(pair.overhead).toFixed(2)}×`);
      }
      const rebuild = benchRebuild(workspace);
      if (rebuild.headSeq !== REBUILD_EVENTS) throw new Error(`fold ended at ${rebuild.headSeq}`);
      const results: BenchResult[] = [];
      for (const [label, pair] of [
        ['durable single appends (1 commit each)', singles],
        [`durable appends in batches of ${BATCH}`, batches],
      ] as const) {
        const ours = median(pair.ours);
        const anchor = median(pair.bare);
        results.push(
          result(`${label}, events/s (ratio < 1 = slower)`, ours, 'events/s', 'bare better-sqlite3 inserts, same schema, FULL', anchor, {
            goal: label.startsWith('durable single') ? 'overhead ≤ 1.5× and ≥ 5,000 events/s' : 'overhead ≤ 1.5×',
            extra: { overhead: Number(median(pair.overhead).toFixed(3)), pairs: PAIRS },
          }),
        );
      }
      results.push(
        result('projection rebuild of a 100,000-event session', rebuild.ours, 'ms', 'bare better-sqlite3 read + JSON.parse of the same rows', rebuild.bare, {
          goal: '< 1000 ms',
        }),
      );
      return results;
    } finally {
      workspace.close();
      bare.close();
    }
  },
};

export default benchmark;

