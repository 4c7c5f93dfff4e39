// Host key verification against real sshd: never permissive, every hop checked.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyChangedError, HostKeyRevokedError } from '../../../electron/ssh/errors';
import { JsonFileTrustStore } from '../../../electron/ssh/trustStore';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { sshKeygenFingerprint } from '../../support/sshKeys';
import { createTestbed, type Testbed } from '../../support/sshTestbed';

let cluster: SshdCluster;
const beds: Testbed[] = [];

beforeAll(async () => {
  cluster = await startSshdCluster({
    hosts: [{ name: 'app1' }, { name: 'app2' }, { name: 'rekey' }, { name: 'bastion' }, { name: 'jumprekey' }, { name: 'dbint', jump: 'bastion' }, { name: 'dbint2', jump: 'jumprekey' }],
  });
  console.log(`sshd harness mode: ${cluster.mode} (${cluster.modeReason})`);
});

afterAll(async () => {
  await Promise.all(beds.map((bed) => bed.close()));
  await cluster?.stop();
});

function bed(options: Parameters<typeof createTestbed>[1]): Testbed {
  const created = createTestbed(cluster, options);
  beds.push(created);
  return created;
}

const allBut = (...names: string[]) => cluster.hosts().filter((h) => !names.includes(h.name)).map((h) => cluster.knownHostsLine(h.name));

describe('host key verification', () => {
  it('asks about an unknown key with host, port, type and the ssh-keygen fingerprint; trusting it lets the run proceed and is reported', async () => {
    const store = new JsonFileTrustStore(join(cluster.dir, 'trusted-keys.json'));
    const first = bed({ knownHosts: allBut('app1'), answer: 'trust', trustStore: store });
    const { result, stdout } = await first.run('app1', 'echo hi');
    expect(result.status).toBe('succeeded');
    expect(stdout).toBe('hi\n');
    const host = cluster.host('app1');
    expect(first.prompts).toEqual([
      {
        host: host.address,
        port: host.port,
        keyType: 'ssh-ed25519',
        fingerprint: sshKeygenFingerprint(join(host.dir, 'ssh_host_ed25519_key')),
        target: 'app1',
        role: 'target',
        knownKeyTypes: [],
        // Where ssh would have found the key: the files it reads for this host, then T-Minus's own.
        lookedIn: [first.knownHostsFile, 'T-Minus trusted keys'],
        strictHostKeyChecking: 'ask',
        note: null,
      },
    ]);
    expect(first.decisions.map((d) => d.decision)).toEqual(['trusted-by-user', 'accepted-known']);
    expect((await store.find(host.address, host.port))[0]?.fingerprint).toBe(first.prompts[0]!.fingerprint);

    // A later console run with the same trust store does not ask again.
    const later = bed({ knownHosts: allBut('app1'), answer: 'reject', trustStore: store });
    expect((await later.run('app1', 'true')).result.status).toBe('succeeded');
    expect(later.prompts).toEqual([]);
  });

  it('refuses an unknown key when the prompt says no, and when there is nobody to ask', async () => {
    const declined = bed({ knownHosts: allBut('app2'), answer: 'reject' });
    const { result } = await declined.run('app2', 'echo should-not-run');
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('host-key-refused');
    expect(result.reason).toMatch(/declined to trust/);
    expect(declined.decisions.map((d) => d.decision)).toEqual(['rejected-by-user']);

    const unattended = bed({ knownHosts: allBut('app2'), answer: null });
    const refused = await unattended.run('app2', 'true');
    expect(refused.result.errorKind).toBe('host-key-refused');
    expect(refused.result.reason).toMatch(/nobody to ask/);
  });

  it('trust-once accepts the key for this console run only', async () => {
    const once = bed({ knownHosts: allBut('app2'), answer: 'trust-once' });
    expect((await once.run('app2', 'true')).result.status).toBe('succeeded');
    await once.pool.closeAll();
    expect(await once.trustStore.find(cluster.host('app2').address, cluster.host('app2').port)).toEqual([]);
  });

  it('matches a hashed known_hosts entry', async () => {
    const hashed = bed({ knownHosts: [cluster.knownHostsLine('app2', { hashed: true })], answer: 'reject' });
    const { result } = await hashed.run('app2', 'true');
    expect(result.status).toBe('succeeded');
    expect(hashed.prompts).toEqual([]);
    expect(hashed.decisions[0]!.matchedAt).toBe(`${hashed.knownHostsFile}:1`);
  });

  it('refuses a revoked key with a message naming it', async () => {
    const revoked = bed({ knownHosts: [cluster.knownHostsLine('app1'), cluster.knownHostsLine('app1', { marker: '@revoked', patterns: '*' })], answer: 'trust' });
    const { result } = await revoked.run('app1', 'true');
    expect(result.errorKind).toBe('host-key-refused');
    expect(result.reason).toMatch(/REVOKED host key/);
    expect(result.reason).toContain(sshKeygenFingerprint(join(cluster.host('app1').dir, 'ssh_host_ed25519_key')));
    expect(revoked.prompts).toEqual([]);
    await expect(revoked.pool.acquire(revoked.pool.resolve('app1'))).rejects.toBeInstanceOf(HostKeyRevokedError);
  });

  it('refuses a changed key, naming host, expected and presented fingerprints, without asking', async () => {
    const oldLine = cluster.knownHostsLine('rekey');
    const oldFingerprint = sshKeygenFingerprint(join(cluster.host('rekey').dir, 'ssh_host_ed25519_key'));
    await cluster.changeHostKey('rekey');
    const newFingerprint = sshKeygenFingerprint(join(cluster.host('rekey').dir, 'ssh_host_ed25519_key'));
    const changed = bed({ knownHosts: [oldLine], answer: 'trust' });
    const { result } = await changed.run('rekey', 'echo should-not-run');
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('host-key-refused');
    expect(result.reason).toContain('HOST KEY CHANGED');
    expect(result.reason).toContain(cluster.host('rekey').address);
    expect(result.reason).toContain(oldFingerprint);
    expect(result.reason).toContain(newFingerprint);
    expect(changed.prompts).toEqual([]);
    const error = await changed.pool.acquire(changed.pool.resolve('rekey')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyChangedError);
    expect((error as HostKeyChangedError).expected).toEqual([oldFingerprint]);
    expect((error as HostKeyChangedError).presented).toBe(newFingerprint);
  });

  it('verifies the jump host too: an unknown jump key prompts with role jump', async () => {
    const jumpUnknown = bed({ knownHosts: allBut('bastion'), answer: 'trust' });
    const { result, stdout } = await jumpUnknown.run('dbint', 'echo "$TMINUS_HOST"');
    expect(result.status).toBe('succeeded');
    expect(stdout).toBe('dbint\n');
    expect(jumpUnknown.prompts.map((p) => [p.role, p.target, p.host])).toEqual([['jump', 'dbint', cluster.host('bastion').address]]);
  });

  it("verifies the internal host's own key behind the jump host", async () => {
    const targetUnknown = bed({ knownHosts: allBut('dbint'), answer: 'reject' });
    const { result } = await targetUnknown.run('dbint', 'true');
    expect(result.errorKind).toBe('host-key-refused');
    expect(targetUnknown.prompts.map((p) => [p.role, p.host])).toEqual([['target', cluster.host('dbint').address]]);
  });

  it('refuses a changed jump host key before reaching the target', async () => {
    const oldJumpLine = cluster.knownHostsLine('jumprekey');
    await cluster.changeHostKey('jumprekey');
    const jumpChanged = bed({ knownHosts: [...allBut('jumprekey'), oldJumpLine], answer: 'trust' });
    const { result } = await jumpChanged.run('dbint2', 'true');
    expect(result.errorKind).toBe('host-key-refused');
    expect(result.reason).toContain('HOST KEY CHANGED');
    expect(result.reason).toContain(cluster.host('jumprekey').address);
    expect(jumpChanged.decisions.map((d) => [d.role, d.decision])).toEqual([['jump', 'refused-changed']]);
  });
});
