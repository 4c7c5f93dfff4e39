// Host key fingerprints in the form `ssh-keygen -lf` and OpenSSH's prompts print, so the IC can
// compare what T-Minus shows with what the host's admin reads out.
import { createHash } from 'node:crypto';

/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob (the wire-format public key). */
export function sha256Fingerprint(keyBlob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key type named inside a wire-format public key blob (`ssh-ed25519`, `ssh-rsa`,
 * `ecdsa-sha2-nistp256` …): the blob starts with a uint32 length and that name.
 */
export function keyTypeFromBlob(keyBlob: Uint8Array): string {
  if (keyBlob.length < 4) throw new Error('host key blob is too short');
  const view = new DataView(keyBlob.buffer, keyBlob.byteOffset, keyBlob.byteLength);
  const length = view.getUint32(0);
  if (length === 0 || length > 64 || 4 + length > keyBlob.length) throw new Error('host key blob has no valid key type');
  const name = Buffer.from(keyBlob.subarray(4, 4 + length)).toString('latin1');
  if (!/^[\x21-\x7e]+$/.test(name)) throw new Error('host key blob has no valid key type');
  return name;
}

/**
 * Host key algorithms that can present a key of the given type. An RSA key is `ssh-rsa` on disk
 * but negotiated as one of three signature algorithms.
 */
export function algorithmsForKeyType(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}

/** Host key algorithms ssh2 can verify, strongest first (its own default order). */
export const SUPPORTED_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Negotiation order that asks the server for a key type we already know for it, as OpenSSH does:
 * without it an honest server with several keys could present one we have never seen and be
 * reported as unknown (or changed) although a trusted key of another type is on file.
 */
export function preferredHostKeyAlgorithms(knownKeyTypes: readonly string[]): string[] {
  const known = knownKeyTypes.flatMap(algorithmsForKeyType).filter((a) => SUPPORTED_HOST_KEY_ALGORITHMS.includes(a));
  return [...new Set([...known, ...SUPPORTED_HOST_KEY_ALGORITHMS])];
}
