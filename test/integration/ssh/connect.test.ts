// Authentication and connection failures against real sshd: each gets its own error kind.
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailedError, ConnectTimeoutError, UnreachableError } from '../../../electron/ssh/errors';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { generateKey, startAgent, type SshAgent } from '../../support/sshKeys';
import { createTestbed, type Testbed } from '../../support/sshTestbed';

let cluster: SshdCluster;
let agent: SshAgent | null = null;
let silent: Server | null = null;
const beds: Testbed[] = [];

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }] });
  console.log(`sshd harness mode: ${cluster.mode} (${cluster.modeReason})`);
});

afterAll(async () => {
  await Promise.all(beds.map((bed) => bed.close()));
  await agent?.stop();
  silent?.close();
  await cluster?.stop();
});

function bed(options: Parameters<typeof createTestbed>[1]): Testbed {
  const created = createTestbed(cluster, options);
  beds.push(created);
  return created;
}

describe('authentication', () => {
  it('asks for the passphrase of an encrypted key once, keeps it in memory, and re-asks after a wrong one', async () => {
    let answers = ['wrong', 'correct horse'];
    const locked = bed({ identityFile: cluster.encryptedClientKey.path, passphrases: () => answers.shift() ?? null });
    const { result } = await locked.run('app1', 'echo in');
    expect(result.status).toBe('succeeded');
    expect(locked.passphraseRequests.map((r) => [r.keyFile, r.attempt])).toEqual([
      [cluster.encryptedClientKey.path, 1],
      [cluster.encryptedClientKey.path, 2],
    ]);
    answers = [];
    expect((await locked.run('app2', 'true')).result.status).toBe('succeeded');
    expect(locked.passphraseRequests).toHaveLength(2);
  });

  it('skips an encrypted key when the user gives no passphrase, and reports what was tried', async () => {
    const skipped = bed({ identityFile: cluster.encryptedClientKey.path, passphrases: () => null });
    const { result } = await skipped.run('app1', 'true');
    expect(result.errorKind).toBe('auth-failed');
    expect(result.reason).toContain(cluster.encryptedClientKey.path);
  });

  it('authenticates with ssh-agent (SSH_AUTH_SOCK)', async () => {
    agent = await startAgent(cluster.dir, [cluster.clientKey]);
    const viaAgent = bed({ identityFile: null, agentSocket: agent.socket });
    const { result } = await viaAgent.run('app1', 'echo agent');
    expect(result.status).toBe('succeeded');
  });

  it('reports a key the host does not accept as auth-failed', async () => {
    const stranger = generateKey(join(cluster.dir, 'stranger'));
    const rejected = bed({ identityFile: stranger.path });
    const { result } = await rejected.run('app1', 'true');
    expect(result.status).toBe('failed');
    expect(result.errorKind).toBe('auth-failed');
    await expect(rejected.pool.acquire(rejected.pool.resolve('app1'))).rejects.toBeInstanceOf(AuthFailedError);
  });
});

describe('connection failures', () => {
  it('reports a closed port as unreachable', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    const closed = bed({});
    const endpoint = { ...closed.pool.resolve('app1'), host: '127.0.0.1', port, key: `closed-${port}` };
    const error = await closed.pool.acquire(endpoint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toMatch(/connection refused/);
  });

  it('reports a server that never speaks SSH as a timeout', async () => {
    silent = createServer(() => undefined);
    const port = await new Promise<number>((resolve) => silent!.listen(0, '127.0.0.1', () => resolve((silent!.address() as { port: number }).port)));
    const slow = bed({ connect: { readyTimeoutMs: 1_000 } });
    const endpoint = { ...slow.pool.resolve('app1'), host: '127.0.0.1', port, key: `silent-${port}` };
    const error = await slow.pool.acquire(endpoint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect((error as Error).message).toMatch(/SSH handshake/);
  });

  it('reports a host that drops packets as a TCP connect timeout (netns)', async (context) => {
    if (!cluster.internalIsolated) context.skip();
    const dark = bed({ connect: { readyTimeoutMs: 1_000 } });
    cluster.setReachable('app2', false);
    try {
      const { result } = await dark.run('app2', 'true');
      expect(result.errorKind).toBe('timeout');
      expect(result.reason).toMatch(/TCP connect/);
    } finally {
      cluster.setReachable('app2', true);
    }
  });

  it('reports an address in the guarded test range without a host as unreachable at once (netns)', async (context) => {
    if (!cluster.internalIsolated) context.skip();
    const nowhere = bed({});
    const app1 = cluster.host('app1');
    const absent = app1.address.replace(/\.\d+\.\d+$/, '.251.9');
    const endpoint = { ...nowhere.pool.resolve('app1'), host: absent, port: 22, key: `absent-${absent}` };
    const error = await nowhere.pool.acquire(endpoint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
  });
});
