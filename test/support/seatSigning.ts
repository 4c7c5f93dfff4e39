// A seat's key and signatures made exactly as the browser makes them (WebCrypto, ECDSA P-256,
// raw r||s), so the console's check is tested against the real format, not a stand-in.
import type { SeatPublicKey } from '../../shared/log/seatEvents';
import { signedTextOf, type QueuedAction } from '../../shared/warroom/queuedActions';

export interface SeatKey {
  publicKey: SeatPublicKey;
  sign(action: Omit<QueuedAction, 'signature'>): Promise<QueuedAction>;
}

export async function makeSeatKey(): Promise<SeatKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
    async sign(action) {
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(signedTextOf(action)));
      return { ...action, signature: Buffer.from(signature).toString('base64url') };
    },
  };
}
