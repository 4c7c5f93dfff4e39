// The session file (`.tminus.json`): one session, whole, for review on another machine without
// network — the runbook snapshots it ran, every event in order, and the chain's head. The file
// proves itself: the events re-hash to the declared head, and each runbook snapshot to the hashes
// its events name. Nothing in it is trusted before that check (electron/report/sessionFile.ts).
import { z } from 'zod';
import { sessionSummarySchema } from '../api/sessions';

export const SESSION_FILE_FORMAT = 'tminus-session';
/** Bump when the file's structure changes in a way an older T-Minus cannot read. */
export const SESSION_FILE_VERSION = 1;
export const SESSION_FILE_EXTENSION = '.tminus.json';
/** How `chain.headHash` is computed, written into each file so a reader outside T-Minus can check it. */
export const CHAIN_ALGORITHM =
  'hash = sha256_hex(prevHash + canonicalJson({actor, at, payload, seq, sessionId, type})); canonicalJson = JSON with object keys sorted, no white space; first prevHash = genesis';

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest');

/**
 * The first two fields, read on their own: a file from a newer T-Minus is refused by its version
 * before its (possibly different) body is judged.
 */
export const sessionFileHeaderSchema = z.object({
  format: z.literal(SESSION_FILE_FORMAT),
  formatVersion: z.number().int().positive(),
});

export const sessionFileRunbookSchema = z.object({
  contentHash: sha256HexSchema,
  modelHash: sha256HexSchema,
  sourceName: z.string(),
  /** The runbook file as imported (sha256 = contentHash). */
  content: z.string(),
  /** The parsed model (sha256 of its canonical JSON = modelHash). */
  model: z.record(z.string(), z.unknown()),
});
export type SessionFileRunbook = z.infer<typeof sessionFileRunbookSchema>;

/**
 * One logged event as written. Actor and payload are kept exactly as found (unknown keys
 * included): they are hashed as they are, so a change to them shows as a chain break at its seq
 * rather than disappearing in parsing. Whether the types are known to this T-Minus is a separate
 * question, asked on import.
 */
export const sessionFileEventSchema = z.object({
  sessionId: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.looseObject({ name: z.string(), role: z.string().nullable() }),
  type: z.string(),
  payload: z.unknown(),
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});
export type SessionFileEvent = z.infer<typeof sessionFileEventSchema>;

export const sessionFileChainSchema = z.object({
  algorithm: z.string(),
  /** prevHash of event 1. */
  genesis: sha256HexSchema,
  /** The last event's seq and hash: a file cut short of it is detected. */
  headSeq: z.number().int().nonnegative(),
  headHash: sha256HexSchema,
});

/** One host's output in one run, chunks in seq order (0, 1, 2 …). */
export const sessionFileOutputSchema = z.object({
  runId: z.string(),
  target: z.string(),
  chunks: z.array(
    z.object({
      seq: z.number().int().nonnegative(),
      stream: z.enum(['stdout', 'stderr']),
      at: z.string(),
      text: z.string(),
    }),
  ),
});
export type SessionFileOutput = z.infer<typeof sessionFileOutputSchema>;

export const sessionFileSchema = z.object({
  format: z.literal(SESSION_FILE_FORMAT),
  formatVersion: z.literal(SESSION_FILE_VERSION),
  exportedAt: z.string(),
  appVersion: z.string(),
  /** The session as the exporting workspace listed it (informative; the events are the truth). */
  session: sessionSummarySchema,
  /** Every runbook snapshot the events reference (session.created, runbook replacements …). */
  runbooks: z.array(sessionFileRunbookSchema),
  /** All events of the session, seq 1 to chain.headSeq, in order. */
  events: z.array(sessionFileEventSchema),
  chain: sessionFileChainSchema,
  /**
   * Step output: each host's stored (redacted) chunks, for every `step.hostFinished` event that
   * recorded output. Output lives outside the events; each finish event carries the sha256 of its
   * host's chunk texts in seq order, which a reader checks. Absent in files without step output.
   */
  outputs: z.array(sessionFileOutputSchema).optional(),
  /**
   * The exporting workspace's Ed25519 signature over the session id and the chain's head, with the
   * public key that checks it and its fingerprint (`SHA256:…`, as ssh-keygen shows keys). Recomputed
   * hashes after an edit no longer match it; importing refuses a file without one.
   */
  signature: z
    .object({
      algorithm: z.literal('ed25519'),
      publicKey: z.string(),
      fingerprint: z.string(),
      value: z.string(),
    })
    .optional(),
});
export type SessionFile = z.infer<typeof sessionFileSchema>;

/** Runbook references (`{contentHash, modelHash, …}`) anywhere in an event payload. */
export function runbookRefsIn(payload: unknown): Array<{ contentHash: string; modelHash: string }> {
  const found: Array<{ contentHash: string; modelHash: string }> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.contentHash === 'string' && typeof record.modelHash === 'string') {
      found.push({ contentHash: record.contentHash, modelHash: record.modelHash });
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(payload);
  return found;
}

/** `<slug of the session name>-<yyyymmdd of its T0>.tminus.json`. */
export function sessionFileName(name: string, t0: string): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'session';
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(t0);
  return `${slug}${date ? `-${date[1]}${date[2]}${date[3]}` : ''}${SESSION_FILE_EXTENSION}`;
}
