// The harness's fallback for machines without network namespaces: every host an sshd on its own
// loopback port. Forced here so the fallback stays working on machines where netns is available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFanOut } from '../../../electron/ssh/fanOut';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { createTestbed, waitFor, type Testbed } from '../../support/sshTestbed';

let cluster: SshdCluster;
let bed: Testbed;

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }, { name: 'db1' }, { name: 'bastion' }, { name: 'dbint', jump: 'bastion' }], mode: 'loopback' });
  bed = createTestbed(cluster);
});

afterAll(async () => {
  await bed?.close();
  await cluster?.stop();
});

describe('sshd harness in loopback mode', () => {
  it('says which mode it used and gives every host its own port', () => {
    expect(cluster.mode).toBe('loopback');
    expect(cluster.modeReason).toMatch(/loopback/);
    expect(cluster.internalIsolated).toBe(false);
    const ports = cluster.hosts().map((h) => h.port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('runs on a group and through the jump host', async () => {
    const output = new Map<string, string>();
    const result = await runFanOut({
      runners: ['app1', 'app2', 'db1', 'dbint'].map((name) => bed.runner(name)),
      request: { script: 'echo "$TMINUS_HOST"' },
      policy: { kind: 'all' },
      concurrency: 4,
      onOutput: (target, chunk) => void output.set(target, (output.get(target) ?? '') + chunk.text),
    });
    expect(result.status).toBe('succeeded');
    for (const name of ['app1', 'app2', 'db1', 'dbint']) expect(output.get(name)).toBe(`${name}\n`);
    expect(bed.pool.keys().some((key) => key.includes(`:${cluster.host('bastion').port} > `))).toBe(true);
  });

  it('drops and restores a session', async () => {
    let started = false;
    const running = bed.run('app1', 'echo started\nsleep 20', { onOutput: (c) => void (c.text.includes('started') && (started = true)) });
    await waitFor(() => started, 'app1 to start');
    expect(cluster.killSessions('app1')).toBeGreaterThan(0);
    expect((await running).result.errorKind).toBe('connection-lost');
    expect((await bed.run('app1', 'echo back')).stdout).toBe('back\n');
  });
});
