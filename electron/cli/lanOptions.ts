// `tminus serve --lan`: which address, which port, which certificate. The address is the IC's
// choice (--bind) or the machine's one non-loopback IPv4 address; never 0.0.0.0, so the console
// is reachable on the network the IC means and no other.
import { isIP } from 'node:net';
import { singleLanAddress } from '../web/lanAddress';
import { loadOrCreateLanCertificate, readGivenCertificate } from '../web/lanCertificate';
import type { LanListenerOptions } from '../web/server';
import { UsageError, type CliIo } from './io';

interface LanFlags {
  lan?: boolean;
  bind?: string;
  'lan-port'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
}

/** The address to bind for --lan, or null without --lan; a usage error for flags that do not fit. */
export function lanAddressOf(values: LanFlags): string | null {
  if (!values.lan) {
    for (const flag of ['bind', 'lan-port', 'tls-cert', 'tls-key'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --lan`);
    return null;
  }
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (values['lan-port'] !== undefined && !/^\d{1,5}$/.test(values['lan-port'])) throw new UsageError(`--lan-port must be a port number, got "${values['lan-port']}"`);
  if (values.bind !== undefined) {
    if (!isIP(values.bind)) throw new UsageError(`--bind must be an IP address of this machine, got "${values.bind}"`);
    if (values.bind === '0.0.0.0' || values.bind === '::') throw new UsageError('--bind needs one address, not every interface: name the network the war room is on');
    return values.bind;
  }
  try {
    return singleLanAddress();
  } catch (error) {
    throw new UsageError(`--lan: ${(error as Error).message}`);
  }
}

export async function lanListenerOptions(dataDir: string, host: string, values: LanFlags, keptPort: number | null, io: CliIo): Promise<LanListenerOptions> {
  const certificate =
    values['tls-cert'] && values['tls-key'] ? readGivenCertificate(values['tls-cert'], values['tls-key']) : await loadOrCreateLanCertificate(dataDir, host);
  if (certificate.origin === 'created') io.stdout(`New self-signed certificate for ${host} (kept in the data directory; its fingerprint stays the same across restarts).`);
  const port = values['lan-port'] !== undefined ? Number(values['lan-port']) : (keptPort ?? 0);
  return { host, port, cert: certificate.cert, key: certificate.key, fingerprint: certificate.fingerprint };
}
