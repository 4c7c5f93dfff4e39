import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyTypeFromBlob, preferredHostKeyAlgorithms, sha256Fingerprint } from '../../../electron/ssh/fingerprint';
import { hashedHostField, lookupHostKey, parseKnownHosts, wildcardMatch } from '../../../electron/ssh/knownHosts';
import { generateKey, knownHostsLine, sshKeygenFingerprint, type KeyPair } from '../../support/sshKeys';

let dir: string;
let keyA: KeyPair;
let keyB: KeyPair;
let rsa: { publicLine: string; blob: Buffer };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-kh-unit-'));
  keyA = generateKey(join(dir, 'a'));
  keyB = generateKey(join(dir, 'b'));
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', join(dir, 'r')]);
  const line = execFileSync('cat', [join(dir, 'r.pub')], { encoding: 'utf8' }).trim();
  rsa = { publicLine: line, blob: Buffer.from(line.split(' ')[1]!, 'base64') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (lines: string[]) => parseKnownHosts(lines.join('\n'), 'known_hosts');

describe('fingerprints', () => {
  it('match ssh-keygen -lf', () => {
    expect(sha256Fingerprint(keyA.blob)).toBe(sshKeygenFingerprint(keyA.path));
    expect(sha256Fingerprint(rsa.blob)).toBe(sshKeygenFingerprint(join(dir, 'r')));
  });

  it('have no base64 padding', () => {
    expect(sha256Fingerprint(keyA.blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('read the key type from the blob', () => {
    expect(keyTypeFromBlob(keyA.blob)).toBe('ssh-ed25519');
    expect(keyTypeFromBlob(rsa.blob)).toBe('ssh-rsa');
    expect(() => keyTypeFromBlob(Buffer.from([0, 0, 1]))).toThrow();
  });

  it('ask the server for a known key type first', () => {
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferredHostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
  });
});

describe('known_hosts parsing', () => {
  it('reads plain names, comma lists and [host]:port', () => {
    const { entries, ignored } = parse([
      '# comment',
      '',
      knownHostsLine('app1.example.com', 22, keyA.publicLine, { patterns: 'app1.example.com,10.0.0.5' }),
      knownHostsLine('10.0.0.6', 2222, keyB.publicLine),
    ]);
    expect(ignored).toEqual([]);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.line).toBe(3);
    expect(lookupHostKey(entries, '10.0.0.5', 22, keyA.blob).status).toBe('trusted');
    expect(lookupHostKey(entries, 'APP1.example.com', 22, keyA.blob).status).toBe('trusted');
    expect(lookupHostKey(entries, '10.0.0.6', 2222, keyB.blob).status).toBe('trusted');
    // [host]:port entries do not apply to port 22 and vice versa.
    expect(lookupHostKey(entries, '10.0.0.6', 22, keyB.blob).status).toBe('unknown');
    expect(lookupHostKey(entries, '10.0.0.5', 2222, keyA.blob).status).toBe('unknown');
  });

  it('matches hashed |1| entries written by ssh-keygen -H', () => {
    const { entries } = parse([knownHostsLine('10.1.2.3', 22, keyA.publicLine, { hashed: true }), knownHostsLine('10.1.2.4', 2200, keyB.publicLine, { hashed: true })]);
    expect(entries[0]!.hosts.kind).toBe('hashed');
    expect(lookupHostKey(entries, '10.1.2.3', 22, keyA.blob).status).toBe('trusted');
    expect(lookupHostKey(entries, '10.1.2.4', 2200, keyB.blob).status).toBe('trusted');
    expect(lookupHostKey(entries, '10.1.2.5', 22, keyA.blob).status).toBe('unknown');
  });

  it('computes hashed host fields like ssh-keygen', () => {
    const salt = Buffer.alloc(20, 7);
    const { entries } = parse([`${hashedHostField('db1', 22, salt)} ${keyA.publicLine.split(' ').slice(0, 2).join(' ')}`]);
    expect(lookupHostKey(entries, 'db1', 22, keyA.blob).status).toBe('trusted');
  });

  it('honours wildcards and negation', () => {
    const { entries } = parse([knownHostsLine('', 22, keyA.publicLine, { patterns: '10.0.0.*,!10.0.0.13' })]);
    expect(lookupHostKey(entries, '10.0.0.12', 22, keyA.blob).status).toBe('trusted');
    expect(lookupHostKey(entries, '10.0.0.13', 22, keyA.blob).status).toBe('unknown');
    expect(wildcardMatch('app-7.prod', 'app-?.prod')).toBe(true);
    expect(wildcardMatch('app-17.prod', 'app-?.prod')).toBe(false);
  });

  it('reports a different key for a known host as changed, naming the line', () => {
    const { entries } = parse(['', knownHostsLine('app1', 22, keyA.publicLine)]);
    const result = lookupHostKey(entries, 'app1', 22, keyB.blob);
    expect(result.status).toBe('changed');
    expect(result.matched?.line).toBe(2);
    expect(result.knownFingerprints).toEqual([sha256Fingerprint(keyA.blob)]);
  });

  it('treats a key of another type than the one on file as changed', () => {
    const { entries } = parse([knownHostsLine('app1', 22, rsa.publicLine)]);
    expect(lookupHostKey(entries, 'app1', 22, keyA.blob).status).toBe('changed');
  });

  it('accepts any of several keys for one host (rotation)', () => {
    const { entries } = parse([knownHostsLine('app1', 22, keyA.publicLine), knownHostsLine('app1', 22, keyB.publicLine)]);
    expect(lookupHostKey(entries, 'app1', 22, keyB.blob).status).toBe('trusted');
  });

  it('refuses @revoked keys even when another line trusts them', () => {
    const { entries } = parse([knownHostsLine('app1', 22, keyA.publicLine), knownHostsLine('', 22, keyA.publicLine, { marker: '@revoked', patterns: '*' })]);
    const result = lookupHostKey(entries, 'app1', 22, keyA.blob);
    expect(result.status).toBe('revoked');
    expect(result.matched?.line).toBe(2);
  });

  it('a host covered only by a @cert-authority line is cert-authority (never trusted, not even for the CA key itself)', () => {
    const { entries, ignored } = parse([knownHostsLine('', 22, keyA.publicLine, { marker: '@cert-authority', patterns: '*.example.com' })]);
    expect(ignored).toEqual([]);
    expect(lookupHostKey(entries, 'x.example.com', 22, keyA.blob)).toMatchObject({ status: 'cert-authority', matched: { line: 1 } });
    expect(lookupHostKey(entries, 'x.example.com', 22, keyB.blob).status).toBe('cert-authority');
    expect(lookupHostKey(entries, 'other.org', 22, keyB.blob).status).toBe('unknown');
  });

  it('a plain key on file beats a @cert-authority line for the same host', () => {
    const { entries } = parse([knownHostsLine('', 22, keyA.publicLine, { marker: '@cert-authority', patterns: '*.example.com' }), knownHostsLine('x.example.com', 22, keyB.publicLine)]);
    expect(lookupHostKey(entries, 'x.example.com', 22, keyB.blob).status).toBe('trusted');
  });

  it('ignores malformed lines with a reason instead of failing', () => {
    const { entries, ignored } = parse(['onlyahost', 'host ssh-ed25519 !!!notbase64', `host ssh-rsa ${keyA.publicLine.split(' ')[1]}`, '@bogus host ssh-ed25519 AAAA']);
    expect(entries).toEqual([]);
    expect(ignored.map((i) => i.line)).toEqual([1, 2, 3, 4]);
    expect(ignored[2]!.reason).toMatch(/does not match/);
  });

  it('reads a real known_hosts file written by ssh-keygen', () => {
    const file = join(dir, 'kh');
    writeFileSync(file, `${knownHostsLine('10.9.9.9', 22, keyA.publicLine)}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '10.9.9.9', '-f', file], { encoding: 'utf8' });
    expect(found).toContain('10.9.9.9');
  });
});
