// The append-only, hash-chained session log. An append returns only after its transaction has
// committed (WAL, synchronous=FULL), so whatever the UI is told has happened survives a crash.
import { hash } from 'node:crypto';
import type { Actor } from '../../shared/log/actor';
import { verifyChain, type ChainRow, type ChainVerdict } from '../../shared/log/chain';
import { canonicalJson } from '../../shared/log/canonicalJson';
import { eventPayloads, GENESIS_HASH, isEventType, type EventType, type LoggedEvent } from '../../shared/log/eventTypes';
import type { z } from 'zod';
import type { Db } from './database';
import type { Head } from './headsFile';

/** One-shot digest: for the short texts of the chain it costs about half of createHash(). */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

export interface AppendRequest<T extends EventType = EventType> {
  sessionId: string;
  actor: Actor;
  type: T;
  payload: z.input<(typeof eventPayloads)[T]>;
}

interface EventRow {
  session_id: string;
  seq: number;
  at_utc: string;
  actor_json: string;
  type: string;
  payload_json: string;
  prev_hash: string;
  hash: string;
}

/** seq, at_utc, actor_json, type, payload_json, prev_hash, hash */
type ColumnsRow = [number, string, string, string, string, string, string];

export class UnknownEventTypeError extends Error {}

export interface EventLogOptions {
  clock: { now(): number };
  /** Called after each committed append with the new events, in order. */
  onCommitted?: (events: LoggedEvent[]) => void;
}

export class EventLog {
  private readonly heads = new Map<string, Head>();
  /** The canonical JSON of the last actor seen: a batch (and a session) is mostly one person. */
  private lastActor: { name: string; role: string | null; json: string } | null = null;
  private readonly insert;
  private readonly selectHead;
  private readonly selectFrom;
  private readonly selectColumnsFrom;

  constructor(
    private readonly db: Db,
    private readonly options: EventLogOptions,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (session_id, seq, at_utc, actor_json, type, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectHead = db.prepare('SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1');
    this.selectFrom = db.prepare('SELECT * FROM events WHERE session_id = ? AND seq > ? ORDER BY seq');
    // Reading back a whole session (projection rebuild) is the other hot path: rows as arrays,
    // without the session id repeated in each.
    this.selectColumnsFrom = db
      .prepare('SELECT seq, at_utc, actor_json, type, payload_json, prev_hash, hash FROM events WHERE session_id = ? AND seq > ? ORDER BY seq')
      .raw(true);
  }

  append<T extends EventType>(request: AppendRequest<T>): LoggedEvent {
    return this.appendMany([request])[0]!;
  }

  /** Appends in one transaction: all are committed, or none. */
  appendMany(requests: readonly AppendRequest[]): LoggedEvent[] {
    const at = new Date(this.options.clock.now()).toISOString();
    const pending = new Map<string, Head>();
    const written: LoggedEvent[] = [];
    this.db.transaction(() => {
      for (const request of requests) {
        const prev = pending.get(request.sessionId) ?? this.head(request.sessionId) ?? { seq: 0, hash: GENESIS_HASH };
        const { event, actorJson, payloadJson } = this.build(request, prev, at);
        this.insert.run(event.sessionId, event.seq, event.at, actorJson, event.type, payloadJson, event.prevHash, event.hash);
        pending.set(request.sessionId, { seq: event.seq, hash: event.hash });
        written.push(event);
      }
    })();
    for (const [sessionId, head] of pending) this.heads.set(sessionId, head);
    this.options.onCommitted?.(written);
    return written;
  }

  head(sessionId: string): Head | null {
    const cached = this.heads.get(sessionId);
    if (cached) return cached;
    const row = this.selectHead.get(sessionId) as Head | undefined;
    if (!row) return null;
    this.heads.set(sessionId, row);
    return row;
  }

  read(sessionId: string, afterSeq = 0): LoggedEvent[] {
    return [...this.iterate(sessionId, afterSeq)];
  }

  *iterate(sessionId: string, afterSeq = 0): Generator<LoggedEvent> {
    // Consecutive events mostly share one actor: parse its JSON once and share the (read-only) object.
    let actorJson = '';
    let actor: Actor | null = null;
    for (const row of this.selectColumnsFrom.iterate(sessionId, afterSeq) as IterableIterator<ColumnsRow>) {
      if (row[2] !== actorJson || actor === null) {
        actorJson = row[2];
        actor = JSON.parse(actorJson) as Actor;
      }
      yield { sessionId, seq: row[0], at: row[1], actor, type: row[3], payload: JSON.parse(row[4]), prevHash: row[5], hash: row[6] } as LoggedEvent;
    }
  }

  sessionIds(): string[] {
    return (this.db.prepare('SELECT DISTINCT session_id FROM events').all() as Array<{ session_id: string }>).map((r) => r.session_id);
  }

  verify(sessionId: string, expectedHead?: Head | null): ChainVerdict {
    return verifyChain(sha256Hex, iterateChainRows(this.selectFrom.iterate(sessionId, 0) as IterableIterator<EventRow>), expectedHead);
  }

  /**
   * The event, its hash and its stored columns. Actor and payload are serialised once, and the
   * hashed text is composed from those same strings: it is exactly `canonicalJson` of the event's
   * fields (keys in sorted order: actor, at, payload, seq, sessionId, type), as `hashEvent` in
   * shared/log/chain.ts computes it — verification recomputes it that way, so any drift fails.
   */
  private build(request: AppendRequest, prev: Head, at: string): { event: LoggedEvent; actorJson: string; payloadJson: string } {
    if (!isEventType(request.type)) throw new UnknownEventTypeError(`unknown event type ${request.type}`);
    const payload = eventPayloads[request.type].parse(request.payload);
    const payloadJson = canonicalJson(payload);
    const actorJson = this.actorJson(request.actor);
    const seq = prev.seq + 1;
    const text = `{"actor":${actorJson},"at":${JSON.stringify(at)},"payload":${payloadJson},"seq":${seq},"sessionId":${JSON.stringify(request.sessionId)},"type":${JSON.stringify(request.type)}}`;
    const event = { sessionId: request.sessionId, seq, at, actor: request.actor, type: request.type, payload, prevHash: prev.hash, hash: sha256Hex(prev.hash + text) } as LoggedEvent;
    return { event, actorJson, payloadJson };
  }

  /** Compared by content, not identity: a caller may reuse and change one actor object. */
  private actorJson(actor: Actor): string {
    const last = this.lastActor;
    if (last && last.name === actor.name && last.role === actor.role && Object.keys(actor).length === 2) return last.json;
    const json = canonicalJson(actor);
    this.lastActor = { name: actor.name, role: actor.role, json };
    return json;
  }
}

export function fromRow(row: EventRow): LoggedEvent {
  return {
    sessionId: row.session_id,
    seq: row.seq,
    at: row.at_utc,
    actor: JSON.parse(row.actor_json),
    type: row.type,
    payload: JSON.parse(row.payload_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  } as LoggedEvent;
}

/**
 * Rows for verification, hashed from the stored canonical text (actor and payload columns hold
 * canonical JSON): nothing is parsed, so a row whose JSON was mangled fails its hash instead of
 * throwing, and a 100,000-event chain verifies in a fraction of the parse-and-reserialise time.
 */
function* iterateChainRows(rows: IterableIterator<EventRow>): Generator<ChainRow> {
  for (const row of rows) {
    yield {
      sessionId: row.session_id,
      seq: row.seq,
      at: row.at_utc,
      actor: null,
      type: row.type,
      payload: null,
      prevHash: row.prev_hash,
      hash: row.hash,
      canonicalText: `{"actor":${row.actor_json},"at":${JSON.stringify(row.at_utc)},"payload":${row.payload_json},"seq":${row.seq},"sessionId":${JSON.stringify(row.session_id)},"type":${JSON.stringify(row.type)}}`,
    } as unknown as ChainRow;
  }
}
