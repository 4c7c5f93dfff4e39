// The certificate the LAN listener presents. An organisation's own (--tls-cert/--tls-key) is used
// as given; without one a self-signed certificate is made once per workspace and kept beside it
// (owner-only, like the signing key), so its fingerprint stays the same across restarts and
// people compare one fingerprint, not a new one every time the IC restarts the console.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { PRIVATE_FILE_MODE } from '../store/permissions';

export const LAN_CERT_FILE = 'tminus.lan-cert.pem';
export const LAN_KEY_FILE = 'tminus.lan-key.pem';

export interface LanCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate as browsers show it (AA:BB:…). */
  fingerprint: string;
  origin: 'given' | 'kept' | 'created';
}

export class LanCertificateError extends Error {}

export function fingerprintOfCertificate(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** --tls-cert/--tls-key: read, and checked to belong together before anything listens. */
export function readGivenCertificate(certFile: string, keyFile: string): LanCertificate {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
    key = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new LanCertificateError(`cannot read the TLS certificate or key (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) throw new LanCertificateError(`${keyFile} is not the private key of ${certFile}`);
    return { cert, key, fingerprint: x509.fingerprint256, origin: 'given' };
  } catch (error) {
    if (error instanceof LanCertificateError) throw error;
    throw new LanCertificateError(`${certFile} / ${keyFile} are not a PEM certificate and key (${(error as Error).message})`);
  }
}

function names(host: string) {
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [{ type: 2, value: 'localhost' }];
  altNames.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
  return altNames;
}

function coversHost(pem: string, host: string): boolean {
  const x509 = new X509Certificate(pem);
  return (isIP(host) ? x509.checkIP(host) : x509.checkHost(host)) !== undefined && Date.parse(x509.validTo) > Date.now();
}

/**
 * The workspace's self-signed certificate for this address: the kept one when it names the
 * address and has not expired, else a new one (said so: the fingerprint people compare changes).
 */
export async function loadOrCreateLanCertificate(dataDir: string, host: string, now = new Date()): Promise<LanCertificate> {
  const certPath = join(dataDir, LAN_CERT_FILE);
  const keyPath = join(dataDir, LAN_KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    try {
      const cert = readFileSync(certPath, 'utf8');
      if (coversHost(cert, host)) return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: fingerprintOfCertificate(cert), origin: 'kept' };
    } catch {
      // Unreadable or not a certificate: replaced below, like a missing one.
    }
  }
  const made = await generate([{ name: 'commonName', value: `T-Minus war room (${host})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000),
    notAfterDate: new Date(now.getTime() + 397 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names(host) },
    ],
  });
  for (const [path, text] of [
    [keyPath, made.private],
    [certPath, made.cert],
  ] as const) {
    writeFileSync(path, text, { mode: PRIVATE_FILE_MODE });
    chmodSync(path, PRIVATE_FILE_MODE);
  }
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOfCertificate(made.cert), origin: 'created' };
}
