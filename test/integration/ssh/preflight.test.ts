// "Check hosts" against real sshd: each check ok / warn / fail with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/ssh/clock';
import { preflightHosts, type HostPreflight } from '../../../electron/ssh/preflight';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { createTestbed, type Testbed } from '../../support/sshTestbed';

let cluster: SshdCluster;
let bed: Testbed;

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'unknownkey' }, { name: 'bastion' }, { name: 'dbint', jump: 'bastion' }] });
  console.log(`sshd harness mode: ${cluster.mode} (${cluster.modeReason})`);
  bed = createTestbed(cluster, { knownHosts: cluster.hosts().filter((h) => h.name !== 'unknownkey').map((h) => cluster.knownHostsLine(h.name)), answer: null });
});

afterAll(async () => {
  await bed?.close();
  await cluster?.stop();
});

const statusOf = (result: HostPreflight) => Object.fromEntries(result.checks.map((c) => [c.name, c.status]));

describe('pre-flight', () => {
  it('reports every check per host, and skips what an earlier failure makes meaningless', async () => {
    const reported: string[] = [];
    const stopped = { ...bed.pool.resolve('app1'), host: '127.0.0.1', port: 1, key: 'stopped' };
    const results = await preflightHosts(
      [
        { target: 'app1', endpoint: bed.pool.resolve('app1') },
        { target: 'dbint', endpoint: bed.pool.resolve('dbint') },
        { target: 'unknownkey', endpoint: bed.pool.resolve('unknownkey') },
        { target: 'stopped', endpoint: stopped },
      ],
      { pool: bed.pool, hostKeys: bed.policy, clock: systemClock, concurrency: 4, onHost: (r) => void reported.push(r.target) },
    );
    expect(reported.sort()).toEqual(['app1', 'dbint', 'stopped', 'unknownkey']);

    const [app1, dbint, unknown, stoppedHost] = results as [HostPreflight, HostPreflight, HostPreflight, HostPreflight];
    expect(statusOf(app1)).toEqual({ reachability: 'ok', 'host-key': 'ok', auth: 'ok', sudo: 'ok', 'clock-skew': 'ok', disk: expect.stringMatching(/ok|warn|fail/) });
    const messages = Object.fromEntries(app1.checks.map((c) => [c.name, c.message]));
    expect(messages['host-key']).toMatch(/^trusted: ssh-ed25519 SHA256:\S+ \(.*known_hosts.*:1\)$/);
    expect(messages.sudo).toMatch(/root/);
    expect(messages['clock-skew']).toMatch(/host clock is \d+ ms (ahead|behind)/);
    expect(messages.disk).toMatch(/^\/: [\d.]+ [GM]iB free \(\d+% used\)$/);
    expect(statusOf(dbint)).toMatchObject({ reachability: 'ok', 'host-key': 'ok', auth: 'ok', sudo: 'ok', 'clock-skew': 'ok' });

    // An untrusted key is neither a pass nor a failure: unknown, listed for trusting, nothing sent.
    expect(unknown.status).toBe('unknown');
    expect(statusOf(unknown)).toMatchObject({ reachability: 'ok', 'host-key': 'unknown', auth: 'skipped', sudo: 'skipped' });
    expect(unknown.hostKey).toMatchObject({ status: 'unknown', keyType: 'ssh-ed25519', changedWhilePooled: false });

    expect(stoppedHost.status).toBe('fail');
    expect(statusOf(stoppedHost)).toMatchObject({ reachability: 'fail', 'host-key': 'skipped', disk: 'skipped' });
    expect(stoppedHost.checks[0]!.message).toMatch(/unreachable/);
  });

  it('flags clock skew and a full disk against thresholds', async () => {
    const skewedClock = { now: () => Date.now() - 120_000 };
    const [result] = await preflightHosts([{ target: 'app1', endpoint: bed.pool.resolve('app1') }], {
      pool: bed.pool,
      hostKeys: bed.policy,
      clock: skewedClock,
      thresholds: { diskFailUsedPercent: 0 },
    });
    expect(statusOf(result!)).toMatchObject({ 'clock-skew': 'fail', disk: 'fail' });
    expect(result!.checks.find((c) => c.name === 'clock-skew')!.message).toMatch(/^host clock is 1[12]\d\.\d s ahead/);
  });
});
