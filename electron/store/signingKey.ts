// The workspace's Ed25519 key, which signs every session's chain head (issue 16, point 6).
//
// Hashes alone prove nothing against someone who can write the files: edit an event, recompute the
// hashes after it and the heads file, and the chain verifies again. A signature over each head can
// only be made with the private key, kept owner-only beside the database; its public key and
// fingerprint go into every export, so a reader can tell which workspace vouched for a record.
// What it does not prove: the owner of the workspace (or anyone who can read the key file) can
// re-sign an edited record. Anchoring heads outside the machine is a later step (docs/security.md).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/log/canonicalJson';
import { StoreError } from './errors';
import { PRIVATE_FILE_MODE } from './permissions';

export const SIGNING_KEY_FILE = 'tminus.signing-key.pem';
export const SIGNATURE_ALGORITHM = 'ed25519';

/** What a reader needs to check a signature, and to name who made it. */
export interface SignerIdentity {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  /** `SHA256:` + unpadded base64 of the sha256 of the raw public key (as ssh-keygen -l shows keys). */
  fingerprint: string;
}

export interface SigningKey extends SignerIdentity {
  signHead(sessionId: string, head: { seq: number; hash: string }): string;
}

/** The bytes signed for a head: a fixed prefix, so a head signature can never be taken for anything else. */
function headMessage(sessionId: string, head: { seq: number; hash: string }): Buffer {
  return Buffer.from(`tminus-chain-head-v1\n${canonicalJson({ sessionId, seq: head.seq, hash: head.hash })}`);
}

function identityOf(publicKey: KeyObject): SignerIdentity {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { algorithm: SIGNATURE_ALGORITHM, publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

export function fingerprintOf(rawPublicKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawPublicKey).digest('base64').replace(/=+$/, '')}`;
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const identity = identityOf(createPublicKey(privateKey));
  return { ...identity, signHead: (sessionId, head) => sign(null, headMessage(sessionId, head), privateKey).toString('base64') };
}

/** The workspace's key, or null when it has none (a workspace last written by an older T-Minus). */
export function readSigningKey(dataDir: string): SigningKey | null {
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) return null;
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StoreError('corrupt', `${file} cannot be read as a signing key (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new StoreError('corrupt', `${file} is not an Ed25519 key.`);
  return fromPrivateKey(key);
}

/** The workspace's key; a new one is made (owner-only) when there is none. For writers only. */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const existing = readSigningKey(dataDir);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  const fd = openSync(join(dataDir, SIGNING_KEY_FILE), 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  } finally {
    closeSync(fd);
  }
  return fromPrivateKey(privateKey);
}

/** Whether `signature` is the signer's over this head. */
export function headSignatureIsValid(signer: Pick<SignerIdentity, 'publicKey'>, sessionId: string, head: { seq: number; hash: string }, signature: string): boolean {
  try {
    const raw = Buffer.from(signer.publicKey, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
    return verify(null, headMessage(sessionId, head), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
