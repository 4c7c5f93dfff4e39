// Writing and reading session files (`.tminus.json`). Reading never trusts the file: its
// structure is parsed, its events re-hashed into the declared head, its runbook snapshots checked
// against the hashes the events name. Every problem comes back as a fault that says what and where
// (the event's seq, the JSON path) — never as a thrown stack trace.
import type { z } from 'zod';
import { actorSchema } from '../../shared/log/actor';
import { canonicalJson } from '../../shared/log/canonicalJson';
import { verifyChain, type ChainRow } from '../../shared/log/chain';
import { eventPayloads, GENESIS_HASH, isEventType } from '../../shared/log/eventTypes';
import {
  CHAIN_ALGORITHM,
  runbookRefsIn,
  SESSION_FILE_FORMAT,
  SESSION_FILE_VERSION,
  sessionFileHeaderSchema,
  sessionFileSchema,
  type SessionFile,
  type SessionFileRunbook,
} from '../../shared/log/sessionFile';
import type { SessionSummary } from '../../shared/api/sessions';
import { sha256Hex, type EventLog } from '../store/eventLog';
import { checkOutputs, collectOutputs, type SessionOutputSource } from '../steps/sessionFileOutputs';
import type { RunbookStore } from '../store/runbookStore';
import { fingerprintOf, headSignatureIsValid, type SignerIdentity, type SigningKey } from '../store/signingKey';

export type SessionFileFaultKind =
  /** Not JSON, or JSON that is not a T-Minus session file. */
  | 'unreadable'
  /** Written by a newer T-Minus (formatVersion above ours). */
  | 'newer-version'
  /** A field is missing or of the wrong shape. */
  | 'invalid'
  /** The events do not re-hash into their chain: edited, removed, reordered, cut off. */
  | 'chain'
  /** A runbook snapshot is missing or does not match its hash. */
  | 'runbook'
  /** An event type or payload this T-Minus cannot read (checked on import). */
  | 'unknown-event'
  /** Step output missing, added, or not matching the digest its step.hostFinished event recorded. */
  | 'output'
  /** The head's signature does not verify (or its fingerprint does not match its key). */
  | 'signature';

export interface SessionFileFault {
  kind: SessionFileFaultKind;
  /** One line: what is wrong and where. */
  message: string;
  /** The event where the problem is, when it concerns one. */
  seq?: number;
  /** JSON path inside the file, when it concerns one field. */
  path?: string;
}

export type SessionFileReading =
  | {
      ok: true;
      file: SessionFile;
      sessionId: string;
      eventCount: number;
      headSeq: number;
      headHash: string;
      /** Who signed the head (checked); null for a file without a signature. */
      signer: SignerIdentity | null;
    }
  | { ok: false; fault: SessionFileFault };

/** Why a session cannot be exported (its log does not verify, a snapshot is gone). */
export class SessionExportError extends Error {
  override name = 'SessionExportError';
}

export interface SessionFileSource {
  log: Pick<EventLog, 'read'>;
  runbooks: Pick<RunbookStore, 'get'>;
  summary: SessionSummary;
  /** The head recorded outside the database (heads side file): a cut-off tail is refused too. */
  expectedHead?: { seq: number; hash: string } | null;
  /** Stored step output; each host's chunks are exported and checked against their finish event. */
  outputs?: SessionOutputSource;
}

export interface BuildOptions {
  appVersion: string;
  now: number;
  /** The workspace's key: the head is signed, and the key's identity goes into the file. */
  signingKey: SigningKey | null;
}

/** The session as a file. Refuses a session whose chain does not verify: an export must prove itself. */
export function buildSessionFile(source: SessionFileSource, options: BuildOptions): SessionFile {
  const { summary } = source;
  const events = source.log.read(summary.id);
  const verdict = verifyChain(sha256Hex, events, source.expectedHead);
  if (!verdict.ok) {
    throw new SessionExportError(`Session ${summary.id} cannot be exported: its log does not verify at seq ${verdict.seq} (${verdict.problem}).`);
  }
  const runbooks = new Map<string, SessionFileRunbook>();
  for (const event of events) {
    for (const ref of runbookRefsIn(event.payload)) {
      const key = `${ref.contentHash}:${ref.modelHash}`;
      if (runbooks.has(key)) continue;
      let stored;
      try {
        stored = source.runbooks.get<Record<string, unknown>>(ref);
      } catch (error) {
        throw new SessionExportError(`Session ${summary.id} cannot be exported: ${error instanceof Error ? error.message : String(error)}.`);
      }
      if (!stored) {
        throw new SessionExportError(
          `Session ${summary.id} cannot be exported: the runbook snapshot ${ref.contentHash.slice(0, 12)} named by event ${event.seq} is missing.`,
        );
      }
      runbooks.set(key, { contentHash: ref.contentHash, modelHash: ref.modelHash, sourceName: stored.ref.sourceName, content: stored.content, model: stored.model });
    }
  }
  let outputs: NonNullable<SessionFile['outputs']>;
  try {
    outputs = source.outputs ? collectOutputs(events, source.outputs) : [];
  } catch (error) {
    throw new SessionExportError(`Session ${summary.id} cannot be exported: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return {
    format: SESSION_FILE_FORMAT,
    formatVersion: SESSION_FILE_VERSION,
    exportedAt: new Date(options.now).toISOString(),
    appVersion: options.appVersion,
    session: { ...summary, eventCount: verdict.headSeq, headHash: verdict.headHash },
    runbooks: [...runbooks.values()],
    events,
    chain: { algorithm: CHAIN_ALGORITHM, genesis: GENESIS_HASH, headSeq: verdict.headSeq, headHash: verdict.headHash },
    ...(outputs.length > 0 ? { outputs } : {}),
    ...(options.signingKey ? { signature: signatureOf(options.signingKey, summary.id, verdict.headSeq, verdict.headHash) } : {}),
  };
}

function signatureOf(key: SigningKey, sessionId: string, headSeq: number, headHash: string): NonNullable<SessionFile['signature']> {
  return { algorithm: key.algorithm, publicKey: key.publicKey, fingerprint: key.fingerprint, value: key.signHead(sessionId, { seq: headSeq, hash: headHash }) };
}

/** Checks a file's head signature; null when it holds (or there is none), else the fault. */
function checkSignature(file: SessionFile, sessionId: string): SessionFileFault | null {
  const { signature, chain } = file;
  if (!signature) return null;
  if (fingerprintOf(Buffer.from(signature.publicKey, 'base64')) !== signature.fingerprint) {
    return { kind: 'signature', message: `the signature's fingerprint ${signature.fingerprint} is not that of its public key`, path: 'signature.fingerprint' };
  }
  if (!headSignatureIsValid(signature, sessionId, { seq: chain.headSeq, hash: chain.headHash }, signature.value)) {
    return { kind: 'signature', message: `the head (event ${chain.headSeq}) is not signed by the key ${signature.fingerprint} the file names: it was changed after it was signed`, path: 'signature' };
  }
  return null;
}

/**
 * One top-level field per line and one event (runbook, output) per line: about half the size of
 * indented JSON on a big session, yet still readable and line-diffable.
 */
export function serializeSessionFile(file: SessionFile): string {
  const entries = Object.entries(file);
  const lines = ['{'];
  entries.forEach(([key, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    if (!Array.isArray(value)) {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
      return;
    }
    lines.push(`  ${JSON.stringify(key)}: [`);
    value.forEach((item, i) => lines.push(`    ${JSON.stringify(item)}${i < value.length - 1 ? ',' : ''}`));
    lines.push(`  ]${comma}`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Parses and verifies a session file's text. Every outcome is a value; nothing is thrown. */
export function readSessionFile(text: string): SessionFileReading {
  try {
    return parseAndVerify(text);
  } catch (error) {
    // Pathological input (nesting deep enough to exhaust the stack …) is still just a bad file.
    return fault('unreadable', `the session file cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function parseAndVerify(text: string): SessionFileReading {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return fault('unreadable', `not a T-Minus session file: it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const header = sessionFileHeaderSchema.safeParse(json);
  if (!header.success) {
    return fault('unreadable', `not a T-Minus session file (it has no "format": "${SESSION_FILE_FORMAT}" with a formatVersion)`);
  }
  if (header.data.formatVersion > SESSION_FILE_VERSION) {
    return fault(
      'newer-version',
      `this session file was written by a newer T-Minus (file format ${header.data.formatVersion}; this version reads up to ${SESSION_FILE_VERSION}); update T-Minus to open it`,
    );
  }
  const parsed = sessionFileSchema.safeParse(json);
  if (!parsed.success) return invalid(parsed.error, json);
  return verifySessionFile(parsed.data);
}

function verifySessionFile(file: SessionFile): SessionFileReading {
  const { events, chain, session } = file;
  if (events.length === 0) return fault('invalid', 'the file holds no events', { path: 'events' });
  if (chain.genesis !== GENESIS_HASH) return fault('chain', `unknown chain genesis ${chain.genesis.slice(0, 12)}…`, { path: 'chain.genesis' });
  const sessionId = events[0]!.sessionId;
  if (session.id !== sessionId) {
    return fault('invalid', `the file describes session ${session.id} but its events belong to ${sessionId}`, { path: 'session.id' });
  }
  const stranger = events.find((event) => event.sessionId !== sessionId);
  if (stranger) return fault('chain', `event ${stranger.seq} belongs to another session (${stranger.sessionId})`, { seq: stranger.seq });
  const misplaced = checkOrder(file);
  if (misplaced) return { ok: false, fault: misplaced };

  const verdict = verifyChain(sha256Hex, events as ChainRow[], { seq: chain.headSeq, hash: chain.headHash });
  if (!verdict.ok) return fault('chain', verdict.problem, { seq: verdict.seq });
  if (verdict.headSeq !== chain.headSeq) {
    return fault('chain', `the file holds events after its declared head (event ${chain.headSeq}); event ${chain.headSeq + 1} was added`, {
      seq: chain.headSeq + 1,
    });
  }
  if (session.headHash !== chain.headHash || session.eventCount !== chain.headSeq) {
    return fault('chain', `the session summary (${session.eventCount} events, head ${session.headHash.slice(0, 12)}…) does not match the chain's head`, {
      path: 'session',
    });
  }

  const problem = checkRunbooks(file);
  if (problem) return { ok: false, fault: problem };
  const outputProblem = checkOutputs(file);
  if (outputProblem) return { ok: false, fault: { kind: 'output', ...outputProblem } };
  const signatureProblem = checkSignature(file, sessionId);
  if (signatureProblem) return { ok: false, fault: signatureProblem };
  const { signature } = file;
  const signer = signature ? { algorithm: signature.algorithm, publicKey: signature.publicKey, fingerprint: signature.fingerprint } : null;
  return { ok: true, file, sessionId, eventCount: events.length, headSeq: verdict.headSeq, headHash: verdict.headHash, signer };
}

/**
 * A file's events are a list, so unlike database rows they can be moved: name a moved event as
 * such (the chain check alone would call it missing).
 */
function checkOrder(file: SessionFile): SessionFileFault | null {
  const index = file.events.findIndex((event, position) => event.seq !== position + 1);
  if (index < 0) return null;
  const expected = index + 1;
  const foundAt = file.events.findIndex((event) => event.seq === expected);
  if (foundAt > index) {
    return { kind: 'chain', message: `event ${expected} is out of order (it comes after event ${file.events[foundAt - 1]!.seq} in the file)`, seq: expected };
  }
  return null;
}

function checkRunbooks(file: SessionFile): SessionFileFault | null {
  const present = new Set<string>();
  for (const [index, runbook] of file.runbooks.entries()) {
    const where = `runbook snapshot "${runbook.sourceName}" (${runbook.contentHash.slice(0, 12)}…)`;
    if (sha256Hex(runbook.content) !== runbook.contentHash) {
      return { kind: 'runbook', message: `${where}: its content does not match its hash (edited)`, path: `runbooks[${index}].content` };
    }
    let modelHash: string | null;
    try {
      modelHash = sha256Hex(canonicalJson(runbook.model));
    } catch {
      modelHash = null;
    }
    if (modelHash !== runbook.modelHash) {
      return { kind: 'runbook', message: `${where}: its model does not match its hash (edited)`, path: `runbooks[${index}].model` };
    }
    present.add(`${runbook.contentHash}:${runbook.modelHash}`);
  }
  for (const event of file.events) {
    for (const ref of runbookRefsIn(event.payload)) {
      if (!present.has(`${ref.contentHash}:${ref.modelHash}`)) {
        return { kind: 'runbook', message: `event ${event.seq} names runbook snapshot ${ref.contentHash.slice(0, 12)}…, which the file does not contain`, seq: event.seq };
      }
    }
  }
  return null;
}

/**
 * Whether this T-Minus can read every event (known type, valid actor and payload) and the log
 * starts as a session does. Asked before an import: a verified file from a newer version may
 * still carry event types this one cannot fold.
 */
export function checkEventsReadable(file: SessionFile): SessionFileFault | null {
  try {
    return findUnreadableEvent(file);
  } catch (error) {
    return { kind: 'invalid', message: `the events cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

function findUnreadableEvent(file: SessionFile): SessionFileFault | null {
  const first = file.events[0];
  if (first?.type !== 'session.created') {
    return { kind: 'invalid', message: 'the log does not begin with session.created', seq: first?.seq ?? 1 };
  }
  for (const event of file.events) {
    if (!isEventType(event.type)) {
      return {
        kind: 'unknown-event',
        message: `event ${event.seq} has type "${event.type}", which this T-Minus does not know (written by a newer version?); update T-Minus to open this file`,
        seq: event.seq,
      };
    }
    if (!actorSchema.safeParse(event.actor).success) {
      return { kind: 'invalid', message: `event ${event.seq} has an actor this T-Minus cannot read`, seq: event.seq };
    }
    const payload = eventPayloads[event.type].safeParse(event.payload);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      const field = issue?.path.map(String).join('.') || '(payload)';
      return { kind: 'invalid', message: `event ${event.seq} (${event.type}): ${field}: ${issue?.message ?? 'invalid'}`, seq: event.seq };
    }
  }
  return null;
}

function invalid(error: z.ZodError, json: unknown): SessionFileReading {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  let where = path.join('.') || '(root)';
  let seq: number | undefined;
  if (path[0] === 'events' && path[1] !== undefined) {
    const index = Number(path[1]);
    const events = (json as { events?: unknown[] }).events;
    const declared = (events?.[index] as { seq?: unknown } | undefined)?.seq;
    seq = typeof declared === 'number' && Number.isInteger(declared) ? declared : index + 1;
    where = `event ${seq} (events[${index}])${path.length > 2 ? `.${path.slice(2).join('.')}` : ''}`;
  }
  return fault('invalid', `${where}: ${issue.message}`, { path: path.join('.'), ...(seq === undefined ? {} : { seq }) });
}

function fault(kind: SessionFileFaultKind, message: string, where: { seq?: number; path?: string } = {}): SessionFileReading {
  return { ok: false, fault: { kind, message, ...where } };
}
