// The console's check of a seat's signature: ECDSA P-256 over SHA-256, in the raw r||s form
// WebCrypto produces in the browser (node:crypto calls it ieee-p1363). Any malformed key or
// signature is simply "does not verify" — a bad queued action is refused, never a crash.
import { createPublicKey, verify } from 'node:crypto';
import type { SeatPublicKey } from '../../shared/log/seatEvents';
import type { VerifySignature } from '../../shared/warroom/queuedActions';

export const verifySeatSignature: VerifySignature = (publicKey: SeatPublicKey, text: string, signature: string) => {
  try {
    const key = createPublicKey({ key: { kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x, y: publicKey.y }, format: 'jwk' });
    return verify('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
};
