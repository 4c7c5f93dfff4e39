// Runbook snapshots, stored by content and model hash. A session references the pair from its
// `session.created` event, so the document it ran is frozen and covered by the hash chain.
import { canonicalJson } from '../../shared/log/canonicalJson';
import type { RunbookRef } from '../../shared/log/sessionEvents';
import type { Db } from './database';
import { sha256Hex } from './eventLog';

export interface StoredRunbook<M> {
  ref: RunbookRef;
  content: string;
  model: M;
}

export class RunbookStore {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): number },
  ) {}

  put<M extends { title: string }>(sourceName: string, content: string, model: M): RunbookRef {
    const modelJson = canonicalJson(model);
    const ref: RunbookRef = {
      title: model.title,
      sourceName,
      contentHash: sha256Hex(content),
      modelHash: sha256Hex(modelJson),
    };
    this.db
      .prepare(
        `INSERT OR IGNORE INTO runbooks (content_hash, model_hash, source_name, content, model_json, stored_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(ref.contentHash, ref.modelHash, sourceName, content, modelJson, new Date(this.clock.now()).toISOString());
    return ref;
  }

  /** The snapshot, or null when missing; a snapshot whose hashes no longer match is reported as tampered. */
  get<M>(ref: Pick<RunbookRef, 'contentHash' | 'modelHash'>): StoredRunbook<M> | null {
    const row = this.db
      .prepare('SELECT source_name, content, model_json FROM runbooks WHERE content_hash = ? AND model_hash = ?')
      .get(ref.contentHash, ref.modelHash) as { source_name: string; content: string; model_json: string } | undefined;
    if (!row) return null;
    if (sha256Hex(row.content) !== ref.contentHash || sha256Hex(row.model_json) !== ref.modelHash) {
      throw new Error(`runbook snapshot ${ref.contentHash.slice(0, 12)} was modified after it was stored`);
    }
    const model = JSON.parse(row.model_json) as M & { title: string };
    return { ref: { title: model.title, sourceName: row.source_name, ...ref }, content: row.content, model };
  }
}
