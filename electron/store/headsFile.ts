// The head (last seq and hash) of every session, kept outside the database file and signed with
// the workspace's key. Truncating the database's tail leaves a chain that verifies on its own;
// comparing with this file catches it. Recomputing every hash after an edit (and this file) no
// longer works either: each head carries an Ed25519 signature only the workspace's key can make.
//
// Written after commits, coalesced, by write-to-temp + rename so the file is always whole. It may
// lag the database by the last few events after a crash (never lead it, since it is written after
// the commit), and verification treats "database ahead of the side file" as normal. A session's
// first head is written at once, so no session is ever without a signed head for more than a
// moment.
//
// Format 1 (before signing) had no signatures; a writer that opens such a workspace trusts its
// heads one last time, verifies every chain against them and signs the result (docs/security.md).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { PRIVATE_FILE_MODE } from './permissions';
import { headSignatureIsValid, SIGNATURE_ALGORITHM, type SignerIdentity, type SigningKey } from './signingKey';

export interface Head {
  seq: number;
  hash: string;
}

export interface SignedHead extends Head {
  signature: string;
}

const headSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });
const headsFileV1Schema = z.object({ format: z.literal(1), sessions: z.record(z.string(), headSchema) });
const headsFileV2Schema = z.object({
  format: z.literal(2),
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  publicKey: z.string(),
  fingerprint: z.string(),
  sessions: z.record(z.string(), headSchema.extend({ signature: z.string() })),
});

export type HeadsReading =
  | { kind: 'missing' }
  | { kind: 'unreadable'; message: string }
  /** Format 1: heads without signatures. */
  | { kind: 'unsigned'; sessions: Record<string, Head> }
  | { kind: 'signed'; signer: SignerIdentity; sessions: Record<string, SignedHead> };

/** What the heads file vouches for, checked against the workspace's own key. */
export interface CheckedHeads {
  /** Heads whose signature verifies (or, for `trustUnsigned`, every format-1 head). */
  trusted: Record<string, Head>;
  /** Who signed the heads file, when it is signed. */
  signer: SignerIdentity | null;
  /** A problem with the file as a whole (missing, unsigned, another key): every session is affected. */
  fileProblem: string | null;
  /** Sessions whose head is missing from a signed file or whose signature does not verify. */
  sessionProblems: Map<string, string>;
}

export class HeadsFile {
  private heads: Record<string, Head | SignedHead>;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly file: string,
    private readonly key: SigningKey | null = null,
    initial: Record<string, Head> = HeadsFile.read(file) ?? {},
    private readonly delayMs = 50,
  ) {
    this.heads = { ...initial };
  }

  /** The heads, signed or not, or null when the file is missing or unreadable. */
  static read(file: string): Record<string, Head> | null {
    const reading = HeadsFile.readFile(file);
    return reading.kind === 'signed' || reading.kind === 'unsigned' ? reading.sessions : null;
  }

  static readFile(file: string): HeadsReading {
    if (!existsSync(file)) return { kind: 'missing' };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return { kind: 'unreadable', message: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    const signed = headsFileV2Schema.safeParse(json);
    if (signed.success) {
      const { algorithm, publicKey, fingerprint, sessions } = signed.data;
      return { kind: 'signed', signer: { algorithm, publicKey, fingerprint }, sessions };
    }
    const unsigned = headsFileV1Schema.safeParse(json);
    if (unsigned.success) return { kind: 'unsigned', sessions: unsigned.data.sessions };
    return { kind: 'unreadable', message: `${file} is not a T-Minus heads file` };
  }

  get(sessionId: string): Head | null {
    const head = this.heads[sessionId];
    return head ? { seq: head.seq, hash: head.hash } : null;
  }

  record(sessionId: string, head: Head): void {
    const first = !(sessionId in this.heads);
    this.heads[sessionId] = this.key ? { ...head, signature: this.key.signHead(sessionId, head) } : head;
    if (this.delayMs === 0 || first) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const temp = `${this.file}.tmp`;
    const key = this.key;
    // Heads taken over from a format-1 file (or passed in checked) are signed on the way out.
    const body = key
      ? {
          format: 2,
          algorithm: key.algorithm,
          publicKey: key.publicKey,
          fingerprint: key.fingerprint,
          sessions: Object.fromEntries(
            Object.entries(this.heads).map(([sessionId, head]) => [sessionId, 'signature' in head ? head : { ...head, signature: key.signHead(sessionId, head) }]),
          ),
        }
      : { format: 1, sessions: this.heads };
    writeFileSync(temp, `${JSON.stringify(body)}\n`, { mode: PRIVATE_FILE_MODE });
    renameSync(temp, this.file);
  }
}

/**
 * Checks a heads file against the workspace's key and the sessions in its database. `workspaceKey`
 * is who must have signed (null: the workspace has no key file). With `trustUnsigned` (a writer
 * migrating a format-1 workspace) unsigned heads are accepted as they are.
 */
export function checkHeads(
  reading: HeadsReading,
  workspaceKey: SignerIdentity | null,
  sessionIds: readonly string[],
  options: { trustUnsigned?: boolean; headsFileName?: string } = {},
): CheckedHeads {
  const name = options.headsFileName ?? 'tminus.heads.json';
  const none = (fileProblem: string | null, trusted: Record<string, Head> = {}): CheckedHeads => ({ trusted, signer: null, fileProblem, sessionProblems: new Map() });
  if (reading.kind === 'missing') {
    return none(sessionIds.length > 0 ? `${name} is missing: the heads that guard ${sessionIds.length} session(s) against a cut-off or rewritten log are gone` : null);
  }
  if (reading.kind === 'unreadable') return none(reading.message);
  if (reading.kind === 'unsigned') {
    if (options.trustUnsigned) return none(null, reading.sessions);
    return none(`${name} is not signed (written by a T-Minus before heads were signed); open the workspace once with this version to sign it`);
  }
  const { signer } = reading;
  if (!workspaceKey) return { ...none(`${name} is signed by ${signer.fingerprint}, but this workspace has no signing key to check it against`), signer };
  if (signer.publicKey !== workspaceKey.publicKey) {
    return { ...none(`${name} is signed by ${signer.fingerprint}, not by this workspace's key ${workspaceKey.fingerprint}`), signer };
  }
  const trusted: Record<string, Head> = {};
  const sessionProblems = new Map<string, string>();
  for (const [sessionId, head] of Object.entries(reading.sessions)) {
    if (headSignatureIsValid(signer, sessionId, head, head.signature)) trusted[sessionId] = { seq: head.seq, hash: head.hash };
    else sessionProblems.set(sessionId, `its head in ${name} (event ${head.seq}) is not signed by this workspace's key`);
  }
  return { trusted, signer, fileProblem: null, sessionProblems };
}
