// "Check hosts": before the launch, connect to every host and report what would break a step —
// reachability, host key, auth, passwordless sudo, clock skew, free disk — each ok / warn / fail
// (or unknown, for a host key nobody has trusted yet) with a message the IC can act on. Later
// checks are `skipped` when an earlier one makes them meaningless (no auth → no sudo check).
//
// The host key is looked at afresh (hostKeyProbe.ts), whatever the pool holds: a key that changed
// while a pooled connection stayed open is reported as changed and that connection is closed, so
// no further run uses it. Nobody is asked anything here: unknown keys are collected for the IC to
// trust in one table.
import type { Client, ClientChannel } from 'ssh2';
import type { Clock } from './clock';
import type { SshConnectionPool } from './connectionPool';
import { SshError } from './errors';
import type { HostKeyPolicy } from './hostKeyPolicy';
import type { StrictHostKeyChecking } from './hostKeyConfig';
import type { HostKeyStatus } from './knownHosts';
import type { ResolvedEndpoint } from './sshConfig';
import { sha256Fingerprint } from './fingerprint';
import { singleQuote } from './stdinScript';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped' | 'unknown';
export type CheckName = 'reachability' | 'host-key' | 'auth' | 'sudo' | 'clock-skew' | 'disk';

export interface PreflightCheck {
  name: CheckName;
  status: CheckStatus;
  message: string;
}

export interface CheckedHostKey {
  address: string;
  port: number;
  keyType: string;
  fingerprint: string;
  publicKey: string;
  status: HostKeyStatus;
  matchedAt: string | null;
  lookedIn: string[];
  strictHostKeyChecking: StrictHostKeyChecking;
  changedWhilePooled: boolean;
}

export interface HostPreflight {
  target: string;
  /** Worst of the checks. */
  status: Exclude<CheckStatus, 'skipped'>;
  checks: PreflightCheck[];
  /** The key the fresh key exchange saw (null when the host did not get that far). */
  hostKey: CheckedHostKey | null;
}

export interface PreflightThresholds {
  /** |skew| below this is ok … */
  skewWarnMs: number;
  /** … and from this on it fails. */
  skewFailMs: number;
  /** Free space below these warns / fails (KiB), as does usage at or above the percentages. */
  diskWarnFreeKiB: number;
  diskFailFreeKiB: number;
  diskWarnUsedPercent: number;
  diskFailUsedPercent: number;
}

// Skew: log lines from several hosts must line up within a second to be read as one timeline;
// beyond a minute, TLS, TOTP and Kerberos start failing. Disk: a deploy unpacks artefacts and
// writes logs; under 1 GiB or 95 % full is where deploys die half-way.
export const DEFAULT_PREFLIGHT_THRESHOLDS: PreflightThresholds = {
  skewWarnMs: 1_000,
  skewFailMs: 60_000,
  diskWarnFreeKiB: 5 * 1024 * 1024,
  diskFailFreeKiB: 1024 * 1024,
  diskWarnUsedPercent: 85,
  diskFailUsedPercent: 95,
};

export interface PreflightTarget {
  target: string;
  endpoint: ResolvedEndpoint;
}

export interface PreflightOptions {
  pool: SshConnectionPool;
  hostKeys: HostKeyPolicy;
  /** Wall clock compared with each host's `date`. */
  clock: Clock;
  concurrency?: number;
  /** Whether the runbook's steps use sudo on these hosts: without it, no passwordless sudo only warns. */
  needsSudo?: boolean;
  diskPaths?: string[];
  commandTimeoutMs?: number;
  thresholds?: Partial<PreflightThresholds>;
  onHost?: (result: HostPreflight) => void;
}

export async function preflightHosts(targets: readonly PreflightTarget[], options: PreflightOptions): Promise<HostPreflight[]> {
  const results: HostPreflight[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await preflightHost(targets[index]!, options);
      options.onHost?.(results[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, Math.max(1, targets.length)) }, worker));
  return results;
}

export async function preflightHost(target: PreflightTarget, options: PreflightOptions): Promise<HostPreflight> {
  const checks: PreflightCheck[] = [];
  const add = (name: CheckName, status: CheckStatus, message: string): void => void checks.push({ name, status, message });
  const skipRest = (names: CheckName[], why: string): void => names.forEach((name) => add(name, 'skipped', why));
  const failed = (error: unknown, hostKey: CheckedHostKey | null): HostPreflight => {
    const kind = error instanceof SshError ? error.kind : 'unreachable';
    const message = (error as Error).message;
    if (kind === 'unreachable' || kind === 'timeout' || kind === 'config') {
      add('reachability', 'fail', message);
      skipRest(['host-key', 'auth', 'sudo', 'clock-skew', 'disk'], 'host not reachable');
    } else if (kind === 'host-key-refused') {
      // Only a jump host's key can refuse here (the target's key was classified above).
      add('reachability', 'ok', 'SSH server answered');
      add('host-key', 'fail', message);
      skipRest(['auth', 'sudo', 'clock-skew', 'disk'], 'host key not trusted: nothing was sent to the host');
    } else {
      add('reachability', 'ok', 'SSH server answered');
      add('host-key', 'ok', hostKey ? describeTrusted(hostKey) : 'trusted');
      add('auth', 'fail', message);
      skipRest(['sudo', 'clock-skew', 'disk'], 'not logged in');
    }
    return summarise(target.target, checks, hostKey);
  };

  const { pool, hostKeys } = options;
  let hostKey: CheckedHostKey;
  try {
    const probed = await pool.probeTargetKey(target.endpoint);
    const verdict = await hostKeys.classify(pool.identity(target.endpoint, target.target, 'target'), probed.keyBlob, probed.address);
    const pooled = pool.pooled(target.endpoint);
    const changedWhilePooled = pooled !== null && !pooled.hostKey.equals(probed.keyBlob);
    // Closed before anything else can run on it: the key it was opened with is no longer the host's.
    if (changedWhilePooled) await pool.drop(pooled.key);
    const loaded = await hostKeys.sources.load(pool.identity(target.endpoint, target.target, 'target'));
    hostKey = {
      address: verdict.host,
      port: verdict.port,
      keyType: verdict.keyType,
      fingerprint: verdict.fingerprint,
      publicKey: probed.keyBlob.toString('base64'),
      status: verdict.ipWarning && verdict.status === 'trusted' ? 'changed' : verdict.status,
      matchedAt: verdict.matchedAt,
      lookedIn: verdict.lookedIn,
      strictHostKeyChecking: loaded.mode,
      changedWhilePooled,
    };
    const was = changedWhilePooled ? ` The key changed while a pooled connection was open (it had ${fingerprintOf(pooled.hostKey)}); that connection was closed.` : '';
    const keyText = `${verdict.keyType} ${verdict.fingerprint}`;
    if (verdict.status !== 'trusted' || verdict.ipWarning) {
      add('reachability', 'ok', 'SSH server answered');
      if (verdict.status === 'unknown') {
        add('host-key', 'unknown', `unknown key ${keyText}: not in ${verdict.lookedIn.join(', ')}. Trust it from the unknown keys table, after comparing the fingerprint.${was}`);
      } else if (verdict.status === 'trusted') {
        add('host-key', 'fail', `${verdict.ipWarning}: ${keyText}.${was}`);
      } else {
        add('host-key', 'fail', `${describeRefused(verdict.status, keyText, verdict.matchedAt, verdict.knownFingerprints)}${was}`);
      }
      skipRest(['auth', 'sudo', 'clock-skew', 'disk'], 'host key not trusted: nothing was sent to the host');
      return summarise(target.target, checks, hostKey);
    }
    add('reachability', 'ok', 'SSH server answered');
    add('host-key', changedWhilePooled ? 'warn' : 'ok', `${describeTrusted(hostKey)}${was}`);
  } catch (error) {
    return failed(error, null);
  }

  let client: Client;
  try {
    client = await pool.acquire(target.endpoint, { interactive: false });
  } catch (error) {
    checks.length = 0;
    return failed(error, hostKey);
  }
  add('auth', 'ok', `logged in as ${target.endpoint.user}`);

  const thresholds = { ...DEFAULT_PREFLIGHT_THRESHOLDS, ...options.thresholds };
  const timeoutMs = options.commandTimeoutMs ?? 15_000;
  const safely = async (name: CheckName, check: () => Promise<[CheckStatus, string]>): Promise<void> => {
    try {
      const [status, message] = await check();
      add(name, status, message);
    } catch (error) {
      add(name, 'fail', `check failed: ${(error as Error).message}`);
    }
  };
  await safely('sudo', async () => checkSudo(await execCapture(client, SUDO_PROBE, timeoutMs), options.needsSudo ?? true));
  await safely('clock-skew', () => checkClockSkew(client, options.clock, timeoutMs, thresholds));
  await safely('disk', async () => {
    const paths = options.diskPaths ?? ['/'];
    return checkDisk(await execCapture(client, `df -Pk ${paths.map(singleQuote).join(' ')}`, timeoutMs), thresholds);
  });
  return summarise(target.target, checks, hostKey);
}

function fingerprintOf(blob: Buffer): string {
  return sha256Fingerprint(blob);
}

function describeTrusted(key: CheckedHostKey): string {
  return `trusted: ${key.keyType} ${key.fingerprint}${key.matchedAt ? ` (${key.matchedAt})` : ''}`;
}

function describeRefused(status: HostKeyStatus, keyText: string, matchedAt: string | null, known: string[]): string {
  switch (status) {
    case 'revoked':
      return `REVOKED key ${keyText} (${matchedAt ?? 'known_hosts'}); runs on this host are refused`;
    case 'cert-authority':
      return `only a @cert-authority line covers this host (${matchedAt ?? 'known_hosts'}), and T-Minus's SSH library (ssh2) cannot verify host certificates: runs are refused. Presented ${keyText}`;
    default:
      return `HOST KEY CHANGED: presented ${keyText}, expected ${known.join(' or ') || 'another key'} (${matchedAt ?? 'known_hosts'}); runs on this host are refused`;
  }
}

const SUDO_PROBE =
  'if [ "$(id -u)" = 0 ]; then echo root; elif ! command -v sudo >/dev/null 2>&1; then echo missing; ' +
  'elif sudo -n true 2>/dev/null; then echo ok; else echo denied; fi';

function checkSudo(out: ExecOutput, needed: boolean): [CheckStatus, string] {
  const notOk: CheckStatus = needed ? 'fail' : 'warn';
  switch (out.stdout.trim()) {
    case 'root':
      return ['ok', 'logged in as root; sudo not needed'];
    case 'ok':
      return ['ok', 'sudo -n true works (passwordless sudo)'];
    case 'missing':
      return [notOk, 'sudo is not installed'];
    case 'denied':
      return [notOk, 'sudo -n true failed: sudo needs a password or is not allowed for this user'];
    default:
      return ['fail', `unexpected answer: ${out.stdout.trim() || out.stderr.trim() || `exit ${out.code}`}`];
  }
}

async function checkClockSkew(client: Client, clock: Clock, timeoutMs: number, t: PreflightThresholds): Promise<[CheckStatus, string]> {
  const before = clock.now();
  const sentAt = performance.now();
  const out = await execCapture(client, 'date +%s%N', timeoutMs);
  const roundTripMs = performance.now() - sentAt;
  const text = out.stdout.trim();
  // GNU date prints nanoseconds; others print a literal "N" for %N, so fall back to seconds.
  const remoteMs = /^\d{19}$/.test(text) ? Number(BigInt(text) / 1_000_000n) : /^\d+/.test(text) ? Number(/^\d+/.exec(text)![0]) * 1000 : NaN;
  if (Number.isNaN(remoteMs)) return ['fail', `could not read the host's clock: ${text || out.stderr.trim()}`];
  // The host read its clock somewhere inside the round trip; its middle is the best estimate.
  const skewMs = remoteMs - (before + roundTripMs / 2);
  const magnitude = Math.abs(skewMs);
  const message = `host clock is ${formatMs(magnitude)} ${skewMs >= 0 ? 'ahead' : 'behind'} (± ${formatMs(roundTripMs / 2)} round-trip uncertainty)`;
  return [magnitude >= t.skewFailMs ? 'fail' : magnitude >= t.skewWarnMs ? 'warn' : 'ok', message];
}

function checkDisk(out: ExecOutput, t: PreflightThresholds): [CheckStatus, string] {
  const rows = out.stdout.trim().split('\n').slice(1);
  if (out.code !== 0 || rows.length === 0) return ['fail', `df failed: ${out.stderr.trim() || `exit ${out.code}`}`];
  let worst: CheckStatus = 'ok';
  const parts: string[] = [];
  for (const row of rows) {
    const fields = row.trim().split(/\s+/);
    const available = Number(fields[3]);
    const used = Number(fields[4]?.replace('%', ''));
    const mount = fields.slice(5).join(' ');
    const status: CheckStatus =
      available < t.diskFailFreeKiB || used >= t.diskFailUsedPercent ? 'fail' : available < t.diskWarnFreeKiB || used >= t.diskWarnUsedPercent ? 'warn' : 'ok';
    if (rank(status) > rank(worst)) worst = status;
    parts.push(`${mount}: ${formatKiB(available)} free (${used}% used)`);
  }
  return [worst, parts.join('; ')];
}

interface ExecOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a short command and collects its output (for checks, not steps: no secrets, no streaming). */
export function execCapture(client: Client, command: string, timeoutMs: number): Promise<ExecOutput> {
  return new Promise((resolve, reject) => {
    const started = (error: Error | undefined, channel: ClientChannel): void => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      const timer = setTimeout(() => {
        channel.close();
        reject(new Error(`no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      channel.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
      channel.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
      channel.on('exit', (exitCode: number | null) => (code = exitCode));
      channel.once('close', () => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    };
    try {
      client.exec(command, started);
    } catch (error) {
      reject(error);
    }
  });
}

function summarise(target: string, checks: PreflightCheck[], hostKey: CheckedHostKey | null): HostPreflight {
  const worst = checks.reduce<CheckStatus>((acc, check) => (rank(check.status) > rank(acc) ? check.status : acc), 'ok');
  return { target, status: worst === 'skipped' ? 'ok' : worst, checks, hostKey };
}

function rank(status: CheckStatus): number {
  return { skipped: 0, ok: 1, warn: 2, unknown: 3, fail: 4 }[status];
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function formatKiB(kib: number): string {
  return kib >= 1024 * 1024 ? `${(kib / 1024 / 1024).toFixed(1)} GiB` : `${Math.round(kib / 1024)} MiB`;
}
