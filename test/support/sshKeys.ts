// Keys, known_hosts files and an ssh-agent for SSH integration tests, made with the real OpenSSH
// tools so the engine is tested against what users actually have on disk.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPair {
  /** Private key file. */
  path: string;
  /** `ssh-ed25519 AAAA… comment` */
  publicLine: string;
  /** Wire-format public key. */
  blob: Buffer;
  /** Null when the key is not encrypted. */
  passphrase: string | null;
}

/** An ed25519 key made by ssh-keygen (encrypted with a low bcrypt round count, to keep tests fast). */
export function generateKey(path: string, passphrase: string | null = null, comment = 'tminus-test'): KeyPair {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase ?? '', ...(passphrase ? ['-a', '4'] : []), '-C', comment, '-f', path], { stdio: 'ignore' });
  const publicLine = readFileSync(`${path}.pub`, 'utf8').trim();
  return { path, publicLine, blob: Buffer.from(publicLine.split(/\s+/)[1]!, 'base64'), passphrase };
}

export function readPublicKey(path: string): { publicLine: string; blob: Buffer } {
  const publicLine = readFileSync(`${path}.pub`, 'utf8').trim();
  return { publicLine, blob: Buffer.from(publicLine.split(/\s+/)[1]!, 'base64') };
}

/** What `ssh-keygen -lf` prints for a public key file, e.g. `SHA256:…`. */
export function sshKeygenFingerprint(publicKeyPath: string): string {
  return execFileSync('ssh-keygen', ['-lf', publicKeyPath], { encoding: 'utf8' }).split(/\s+/)[1]!;
}

export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

export interface KnownHostsLineOptions {
  /** Write the host name hashed (`|1|salt|hash`), using `ssh-keygen -H` itself. */
  hashed?: boolean;
  marker?: '@revoked' | '@cert-authority';
  /** Host patterns instead of the exact name (e.g. `10.0.0.*`). */
  patterns?: string;
}

export function knownHostsLine(address: string, port: number, publicLine: string, options: KnownHostsLineOptions = {}): string {
  const [type, key] = publicLine.split(/\s+/);
  const name = options.patterns ?? knownHostsName(address, port);
  const plain = `${name} ${type} ${key}`;
  const line = options.hashed ? hashWithSshKeygen(plain) : plain;
  return options.marker ? `${options.marker} ${line}` : line;
}

function hashWithSshKeygen(line: string): string {
  const file = join(process.env.TMPDIR ?? '/tmp', `tminus-kh-${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(file, `${line}\n`);
  try {
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    return readFileSync(file, 'utf8').trim();
  } finally {
    for (const leftover of [file, `${file}.old`]) rmSync(leftover, { force: true });
  }
}

export interface SshAgent {
  socket: string;
  stop(): Promise<void>;
}

/** A private ssh-agent holding the given keys (encrypted keys are added with their passphrase). */
export async function startAgent(dir: string, keys: readonly KeyPair[]): Promise<SshAgent> {
  const socket = join(dir, `agent-${randomBytes(4).toString('hex')}.sock`);
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (Date.now() > deadline) throw new Error('ssh-agent did not create its socket');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const key of keys) {
    if (key.passphrase) throw new Error('startAgent: add only unencrypted keys (ssh-add would prompt)');
    execFileSync('ssh-add', ['-q', key.path], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  }
  return {
    socket,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
