// Running steps on real sshd hosts: group fan-out, policies, cancel, timeout, jump host, drops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/ssh/clock';
import { runFanOut } from '../../../electron/ssh/fanOut';
import type { HostRunResult } from '../../../electron/ssh/hostRunner';
import { execCapture } from '../../../electron/ssh/preflight';
import { SshHostRunner } from '../../../electron/ssh/runOnHost';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { createTestbed, waitFor, type Testbed } from '../../support/sshTestbed';

let cluster: SshdCluster;
let bed: Testbed;

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }, { name: 'db1' }, { name: 'bastion' }, { name: 'dbint', jump: 'bastion' }] });
  console.log(`sshd harness mode: ${cluster.mode} (${cluster.modeReason})`);
  bed = createTestbed(cluster);
});

afterAll(async () => {
  await bed?.close();
  await cluster?.stop();
});

const GROUP = ['app1', 'app2', 'db1'];
const unique = () => `${299 + Math.floor(Math.random() * 1000) / 1000}`;

describe('running a step on real hosts', () => {
  it("runs a step on a group and shows each host's own output and exit code", async () => {
    const output = new Map<string, string>();
    const result = await runFanOut({
      runners: GROUP.map((name) => bed.runner(name)),
      request: { script: 'echo "host=$TMINUS_HOST"\necho "to stderr" >&2\n[ "$TMINUS_HOST" = db1 ] && exit 3\nexit 0\n' },
      policy: { kind: 'all' },
      concurrency: 3,
      onOutput: (target, chunk) => void output.set(target, (output.get(target) ?? '') + chunk.text),
    });
    expect(result.results.map((r) => [r.target, r.status, r.exitCode])).toEqual([
      ['app1', 'succeeded', 0],
      ['app2', 'succeeded', 0],
      ['db1', 'failed', 3],
    ]);
    for (const name of GROUP) expect(output.get(name)).toContain(`host=${name}`);
    expect(output.get('app1')).toContain('to stderr');
    expect(result.results[2]!.reason).toBe('exit code 3');
    for (const r of result.results) {
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.endedAt! - r.startedAt!).toBe(r.durationMs);
    }
  });

  it('reuses one connection per host across runs', async () => {
    const before = bed.poolEvents.filter((e) => e.type === 'connected' && e.target === 'app2').length;
    for (let i = 0; i < 3; i++) expect((await bed.run('app2', 'true')).result.status).toBe('succeeded');
    expect(bed.poolEvents.filter((e) => e.type === 'connected' && e.target === 'app2').length).toBe(Math.max(before, 1));
  });

  it('stop-on-first-failure skips the hosts not yet started', async () => {
    const result = await runFanOut({
      runners: GROUP.map((name) => bed.runner(name)),
      request: { script: '[ "$TMINUS_HOST" = app1 ] && exit 1\necho ran' },
      policy: { kind: 'stop-on-first-failure' },
      concurrency: 1,
    });
    expect(result.results.map((r) => r.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(result.results[1]!.reason).toMatch(/app1 failed first/);
  });

  it('rolling(1) runs one host at a time and halts after a failing batch', async () => {
    const windows: Array<[string, number, number]> = [];
    const result = await runFanOut({
      runners: GROUP.map((name) => bed.runner(name)),
      request: { script: 'date +%s%N\nsleep 0.2\ndate +%s%N\n[ "$TMINUS_HOST" = app2 ] && exit 4\nexit 0' },
      policy: { kind: 'rolling', batchSize: 1 },
      concurrency: 3,
      onHostEnd: (r: HostRunResult) => void (r.startedAt && windows.push([r.target, r.startedAt, r.endedAt!])),
    });
    expect(result.results.map((r) => r.status)).toEqual(['succeeded', 'failed', 'skipped']);
    expect(windows.map((w) => w[0])).toEqual(['app1', 'app2']);
    expect(windows[1]![1]).toBeGreaterThanOrEqual(windows[0]![2]);
  });

  it('cancel sends a signal and ends the run as cancelled; the remote command is gone', async () => {
    const marker = unique();
    const abort = new AbortController();
    const running = bed.run('app1', `echo started\nsleep ${marker}\necho never`, {
      signal: abort.signal,
      onOutput: (chunk) => void (chunk.text.includes('started') && abort.abort()),
    });
    const { result, stdout } = await running;
    expect(result.status).toBe('cancelled');
    expect(result.reason).toBe('cancelled by the user');
    expect(stdout).not.toContain('never');
    const client = await bed.pool.acquire(bed.pool.resolve('app1'));
    await waitFor(async () => !(await execCapture(client, 'ps -eo args', 10_000)).stdout.includes(`sleep ${marker}`), 'the remote sleep to end');
  });

  it('cancel escalates to SIGTERM when the script ignores SIGINT', async () => {
    const abort = new AbortController();
    const { result, stdout } = await bed.run('app1', `trap 'echo got INT' INT\necho started\nwhile true; do sleep 0.1; done`, {
      signal: abort.signal,
      cancelGraceMs: 300,
      onOutput: (chunk) => void (chunk.text.includes('started') && abort.abort()),
    });
    expect(result.status).toBe('cancelled');
    expect(stdout).toContain('got INT');
    expect(result.signal === 'TERM' || result.exitCode === 143 || result.signal === null).toBe(true);
  });

  it('a timeout stops the command and reports timed-out', async () => {
    const { result, stdout } = await bed.run('app2', `echo begin\nsleep ${unique()}\necho never`, { timeoutMs: 1_000 });
    expect(result.status).toBe('timed-out');
    expect(result.reason).toBe('timed out after 1 s');
    expect(stdout).toBe('begin\n');
  });

  it('runs on a host reachable only through a jump host', async () => {
    const { result, stdout } = await bed.run('dbint', 'echo "on $TMINUS_HOST"; hostname');
    expect(result.status).toBe('succeeded');
    expect(stdout).toContain('on dbint');
    const keys = bed.pool.keys();
    expect(keys.some((k) => k.includes('>'))).toBe(true);
    if (cluster.internalIsolated) {
      const direct = new SshHostRunner('dbint-direct', { ...bed.pool.resolve('dbint'), jumps: [], key: 'direct-dbint' }, bed.pool, systemClock);
      const attempt = await direct.run({ script: 'true' });
      expect(attempt.status).toBe('failed');
      expect(attempt.errorKind).toBe('unreachable');
    }
  });

  it("a dropped connection makes that host's outcome unknown (not failed), with the reason; another host finishes; the next run reconnects", async () => {
    // Connect both first so the kill hits only the session we mean.
    await bed.run('app1', 'true');
    await bed.run('db1', 'true');
    let app1Started = false;
    const dropped = bed.run('app1', `echo started\nsleep ${unique()}`, { onOutput: (c) => void (c.text.includes('started') && (app1Started = true)) });
    const other = bed.run('db1', 'sleep 1.5\necho finished');
    await waitFor(() => app1Started, 'app1 to start');
    expect(cluster.killSessions('app1')).toBeGreaterThan(0);
    const lost = await dropped;
    expect(lost.result.status).toBe('interrupted');
    expect(lost.result.errorKind).toBe('connection-lost');
    expect(lost.result.reason).toMatch(/outcome unknown — connection lost while the command ran/);
    expect(lost.result.processGroup).toBeGreaterThan(1);
    const fine = await other;
    expect(fine.result.status).toBe('succeeded');
    expect(fine.stdout).toBe('finished\n');

    const connectsBefore = bed.poolEvents.filter((e) => e.type === 'connected' && e.target === 'app1').length;
    const again = await bed.run('app1', 'echo back');
    expect(again.result.status).toBe('succeeded');
    expect(again.stdout).toBe('back\n');
    expect(bed.poolEvents.filter((e) => e.type === 'connected' && e.target === 'app1').length).toBe(connectsBefore + 1);
    expect(bed.poolEvents.some((e) => e.type === 'disconnected' && e.key.includes(cluster.host('app1').address))).toBe(true);
  });

  it('replaces a pooled connection that died unnoticed before the command starts', async () => {
    const client = await bed.pool.acquire(bed.pool.resolve('app2'));
    // Destroyed in the same tick as the run begins: the pool still holds it when the run asks.
    client.destroy();
    const { result, stdout } = await bed.run('app2', 'echo fresh');
    expect(result.status).toBe('succeeded');
    expect(stdout).toBe('fresh\n');
  });

  it('keepalive detects a host that stops answering mid-command', async (context) => {
    if (!cluster.internalIsolated) context.skip();
    const quick = createTestbed(cluster, { connect: { keepaliveIntervalMs: 300, keepaliveCountMax: 2 } });
    try {
      await quick.run('app2', 'true');
      let started = false;
      const running = quick.run('app2', `echo started\nsleep ${unique()}`, { onOutput: (c) => void (c.text.includes('started') && (started = true)) });
      await waitFor(() => started, 'app2 to start');
      cluster.setReachable('app2', false);
      const { result } = await running;
      expect(result.status).toBe('interrupted');
      expect(result.reason).toMatch(/keepalive/i);
    } finally {
      cluster.setReachable('app2', true);
      await quick.close();
    }
  });

  it('delivers a large output whole and in order to a slow consumer (backpressure)', async () => {
    let text = '';
    let inFlight = 0;
    let maxInFlight = 0;
    const { result } = await bed.run('db1', 'seq 1 200000', {
      onOutput: async (chunk) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        text += chunk.text;
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
      },
    });
    expect(result.status).toBe('succeeded');
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBe(200000);
    expect(lines[0]).toBe('1');
    expect(lines[199999]).toBe('200000');
    expect(maxInFlight).toBe(1);
  });

  it('decodes UTF-8 split across packets without replacement characters', async () => {
    const { stdout } = await bed.run('app1', `python3 -c "import sys; sys.stdout.write('é€😀' * 30000)"`);
    expect(stdout.length).toBe('é€😀'.length * 30000);
    expect(stdout).not.toContain('\ufffd');
  });
});
