// The one address of this machine on a local network, for the war room's LAN listener when the IC
// did not name one. Several (Wi-Fi and a VPN, say) is a question only the IC can answer.
import { networkInterfaces } from 'node:os';

export function lanAddressCandidates(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry!.address);
}

export class LanAddressError extends Error {}

export function singleLanAddress(): string {
  const candidates = lanAddressCandidates();
  if (candidates.length === 1) return candidates[0]!;
  throw new LanAddressError(
    candidates.length === 0
      ? 'this machine has no network address besides loopback; name one (--bind ADDR, or TMINUS_LAN_BIND for the desktop app)'
      : `this machine has several addresses (${candidates.join(', ')}); say which (--bind ADDR, or TMINUS_LAN_BIND for the desktop app)`,
  );
}
