// Errors the SSH engine reports, each with a `kind` the console can log and show without parsing
// messages. Messages name the host and say what the user can do.

export type SshErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'auth-failed'
  | 'host-key-refused'
  | 'connection-lost'
  | 'config'
  | 'channel';

export class SshError extends Error {
  constructor(
    readonly kind: SshErrorKind,
    /** `user@host:port` (or the inventory name) the error is about. */
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UnreachableError extends SshError {
  constructor(target: string, detail: string, options?: { cause?: unknown }) {
    super('unreachable', target, `${target} is unreachable: ${detail}`, options);
  }
}

export class ConnectTimeoutError extends SshError {
  constructor(target: string, afterMs: number, phase: string) {
    super('timeout', target, `${target} did not answer within ${Math.round(afterMs / 1000)} s (${phase})`);
  }
}

export class AuthFailedError extends SshError {
  constructor(target: string, tried: readonly string[]) {
    const what = tried.length ? tried.join(', ') : 'no usable method (no ssh-agent, no readable key file)';
    super('auth-failed', target, `authentication to ${target} failed; tried: ${what}`);
  }
}

export class ConnectionLostError extends SshError {
  constructor(target: string, detail: string, options?: { cause?: unknown }) {
    super('connection-lost', target, `connection to ${target} lost: ${detail}`, options);
  }
}

export class ChannelError extends SshError {
  constructor(target: string, detail: string, options?: { cause?: unknown }) {
    super('channel', target, `${target}: ${detail}`, options);
  }
}

export class SshConfigError extends SshError {
  constructor(message: string) {
    super('config', '', message);
  }
}

export type HostKeyRefusal = 'changed' | 'revoked' | 'rejected' | 'unknown' | 'cert-authority';

/** The connection was refused because of the host key; nothing was sent to the host. */
export class HostKeyRefusedError extends SshError {
  constructor(
    readonly refusal: HostKeyRefusal,
    readonly host: string,
    readonly port: number,
    readonly keyType: string,
    /** Fingerprint of the key the server presented. */
    readonly presented: string,
    /** Fingerprints on file for this host. */
    readonly expected: readonly string[],
    message: string,
  ) {
    super('host-key-refused', port === 22 ? host : `${host}:${port}`, message);
  }
}

export class HostKeyChangedError extends HostKeyRefusedError {
  constructor(host: string, port: number, keyType: string, presented: string, expected: readonly string[], where: string) {
    super(
      'changed',
      host,
      port,
      keyType,
      presented,
      expected,
      `HOST KEY CHANGED for ${hostPort(host, port)}: expected ${expected.join(' or ')} (${where}), ` +
        `presented ${keyType} ${presented}. Someone may be intercepting the connection, or the host was ` +
        `rebuilt. Refusing to connect; confirm the new fingerprint with the host's owner, then remove the ` +
        `old key (ssh-keygen -R) before trusting the new one.`,
    );
  }
}

export class HostKeyRevokedError extends HostKeyRefusedError {
  constructor(host: string, port: number, keyType: string, presented: string, expected: readonly string[], where: string) {
    super(
      'revoked',
      host,
      port,
      keyType,
      presented,
      expected,
      `REVOKED host key presented by ${hostPort(host, port)}: ${keyType} ${presented} is marked @revoked (${where}). Refusing to connect.`,
    );
  }
}

export class HostKeyRejectedError extends HostKeyRefusedError {
  constructor(host: string, port: number, keyType: string, presented: string, why: string) {
    super('rejected', host, port, keyType, presented, [], `host key of ${hostPort(host, port)} (${keyType} ${presented}) not trusted: ${why}`);
  }
}

/**
 * An unknown key met where nobody may be asked (a check, a non-interactive connection, or
 * StrictHostKeyChecking yes). Carries the key so "Check hosts" can list it for trusting.
 */
export class HostKeyUnknownError extends HostKeyRefusedError {
  constructor(
    host: string,
    port: number,
    keyType: string,
    presented: string,
    readonly keyBlob: Buffer,
    readonly lookedIn: readonly string[],
    why: string,
  ) {
    super('unknown', host, port, keyType, presented, [], `host key of ${hostPort(host, port)} (${keyType} ${presented}) is unknown: ${why}; looked in ${lookedIn.join(', ') || 'no file'}`);
  }
}

/**
 * The host is vouched for only by a @cert-authority line. ssh2 (T-Minus's SSH library) neither
 * negotiates nor exposes host certificates, so the certificate cannot be checked: refused, never
 * accepted unverified.
 */
export class HostCertificateUnsupportedError extends HostKeyRefusedError {
  constructor(host: string, port: number, keyType: string, presented: string, where: string) {
    super(
      'cert-authority',
      host,
      port,
      keyType,
      presented,
      [],
      `${hostPort(host, port)} is trusted through a @cert-authority line (${where}), but T-Minus's SSH library (ssh2) cannot ` +
        `verify host certificates, so the certificate was not checked. Refusing to connect to ${hostPort(host, port)}. Add the ` +
        `host's own key (${keyType} ${presented}, once confirmed) to a known_hosts file or trust it in "Check hosts".`,
    );
  }
}

function hostPort(host: string, port: number): string {
  return port === 22 ? host : `${host}:${port}`;
}
