// SSH engine figures against anchors measured in the same run, on real sshd hosts:
// (a) 20 sequential commands on one host: engine vs the `ssh` CLI without ControlMaster, and vs
//     bare ssh2 on one reused connection;
// (b) one command on 50 hosts: wall time vs one host (and time until all started), with
//     parallel-ssh as the anchor when installed;
// (c) output throughput of a host printing 100 MB through decoding + redaction into a consumer,
//     vs bare ssh2 reading the same stream;
// (d) one command on 200 hosts vs bare ssh2 on 200 warm connections, memory per host (sshScale.ts);
// (e) 20 sequential commands vs the ssh CLI with ControlMaster, and where the time goes (sshScale.ts).
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { REMOTE_COMMAND } from '../electron/ssh/runOnHost';
import { startSshdCluster, type SshdCluster } from '../test/support/sshd';
import { createTestbed, type Testbed } from '../test/support/sshTestbed';
import { median, result, type Benchmark, type BenchContext, type BenchResult } from './harness';
import { bareExec, fanOutOnce, sequentialAnchors, timed, twoHundredHosts, type FanOutTiming } from './sshScale';

const run = promisify(execFile);
const SECRETS = { ADMIN_TOKEN: 'bench-token-3f9a8c7e6d5b', DB_PASSWORD: 'bench-password-correct-horse' };

function cliConfig(cluster: SshdCluster, bed: Testbed, dir: string): string {
  const path = join(dir, 'ssh_config');
  writeFileSync(
    path,
    `${cluster.sshConfigText()}\nHost *\n  UserKnownHostsFile ${bed.knownHostsFile}\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ControlMaster no\n  ControlPath none\n`,
  );
  return path;
}

async function sequentialCommands(ctx: BenchContext): Promise<BenchResult[]> {
  const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  const bed = createTestbed(cluster);
  try {
    ctx.log(`(a) sshd mode: ${cluster.mode}`);
    const runner = bed.runner('app1');
    const config = cliConfig(cluster, bed, ctx.tmpDir);
    await runner.run({ script: 'true' });
    const bare = await bed.pool.acquire(bed.pool.resolve('app1'));
    // Engine and anchor alternate, so a burst of load from other processes hits both alike.
    const engineTimes: number[] = [];
    const bareTimes: number[] = [];
    const cliTimes: number[] = [];
    for (let round = 0; round < 5; round++) {
      engineTimes.push(
        await timed(async () => {
          for (let i = 0; i < 20; i++) {
            const r = await runner.run({ script: 'true', secrets: SECRETS });
            if (r.status !== 'succeeded') throw new Error(`engine run failed: ${r.reason}`);
          }
        }),
      );
      // Same host-side work as the engine (bash -s reading the script from stdin) on a raw channel.
      bareTimes.push(
        await timed(async () => {
          for (let i = 0; i < 20; i++) await bareExec(bare, REMOTE_COMMAND, 'true\n');
        }),
      );
      cliTimes.push(
        await timed(async () => {
          for (let i = 0; i < 20; i++) await run('ssh', ['-F', config, 'app1', 'true']);
        }),
      );
    }
    const engine = median(engineTimes);
    const bareMs = median(bareTimes);
    const cli = median(cliTimes);
    return [
      result('20 sequential commands, one host: engine vs ssh CLI', engine, 'ms', 'ssh CLI, no ControlMaster', cli, { goal: 'ratio ≤ 0.1 (≥ 10× faster)' }),
      result('20 sequential commands, one host: engine vs bare ssh2', engine, 'ms', 'bare ssh2, one reused connection, bash -s', bareMs, { goal: 'ratio ≤ 1.2' }),
    ];
  } finally {
    await bed.close();
    await cluster.stop();
  }
}

async function fiftyHosts(ctx: BenchContext): Promise<BenchResult[]> {
  const names = Array.from({ length: 50 }, (_, i) => `h${String(i + 1).padStart(2, '0')}`);
  const cluster = await startSshdCluster({ hosts: names.map((name) => ({ name })) });
  const bed = createTestbed(cluster);
  try {
    ctx.log(`(b) sshd mode: ${cluster.mode}, ${names.length} hosts`);
    // A step takes host time; `sleep 1` stands for it, so the figure shows whether the hosts
    // really work in parallel. Connections are warm, as after pre-flight ("Check hosts").
    const script = 'echo started\nsleep 1';
    await fanOutOnce(bed, names, 'true');
    // The machine's own limit: the same commands on the same warm connections without the engine.
    const clients = await Promise.all(names.map((name) => bed.pool.acquire(bed.pool.resolve(name))));
    const one: FanOutTiming[] = [];
    const fifty: FanOutTiming[] = [];
    const bareFiftyTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      one.push(await fanOutOnce(bed, names.slice(0, 1), script));
      fifty.push(await fanOutOnce(bed, names, script));
      bareFiftyTimes.push(await timed(() => Promise.all(clients.map((client) => bareExec(client, REMOTE_COMMAND, `${script}\n`)))));
    }
    const oneWall = median(one.map((t) => t.wallMs));
    const fiftyWall = median(fifty.map((t) => t.wallMs));
    const fiftyStarted = median(fifty.map((t) => t.allStartedMs));
    const oneStarted = median(one.map((t) => t.allStartedMs));
    const bareFifty = median(bareFiftyTimes);

    // Cold: a fresh pool, so every host's handshake is in the figure (all 50 on this machine's 2 cores).
    const coldOne: number[] = [];
    const coldFifty: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const [set, list] of [[names.slice(0, 1), coldOne], [names, coldFifty]] as const) {
        const cold = createTestbed(cluster, { knownHosts: cluster.hosts().map((h) => cluster.knownHostsLine(h.name)) });
        list.push((await fanOutOnce(cold, set, 'true')).wallMs);
        await cold.close();
      }
    }

    const results = [
      result('one command on 50 hosts vs one host (warm, sleep 1): wall time', fiftyWall, 'ms', 'same command on one host', oneWall, {
        goal: 'ratio ≤ 1.5',
        extra: { coldTrue50Ms: Math.round(median(coldFifty)), coldTrue1Ms: Math.round(median(coldOne)) },
      }),
      result('one command on 50 hosts vs one host: time until all started', fiftyStarted, 'ms', 'one host started', oneStarted),
      result('one command on 50 hosts (warm, sleep 1): engine vs bare ssh2', fiftyWall, 'ms', 'bare ssh2, 50 warm connections in parallel', bareFifty),
    ];

    const hostsFile = join(ctx.tmpDir, 'pssh-hosts');
    writeFileSync(hostsFile, `${names.join('\n')}\n`);
    const config = cliConfig(cluster, bed, ctx.tmpDir);
    if (spawnSync('parallel-ssh', ['--version']).error) {
      ctx.log('parallel-ssh not installed: no pssh anchor');
    } else {
      const psshTimes: number[] = [];
      const engineColdTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        psshTimes.push(await timed(() => run('parallel-ssh', ['-h', hostsFile, '-p', '50', '-t', '60', '-x', `-F ${config}`, 'sleep 1'])));
        engineColdTimes.push(
          await timed(async () => {
            const cold = createTestbed(cluster);
            await fanOutOnce(cold, names, 'sleep 1');
            await cold.close();
          }),
        );
      }
      const pssh = median(psshTimes);
      const engineCold = median(engineColdTimes);
      results.push(result('one command on 50 hosts, cold connections: engine vs parallel-ssh', engineCold, 'ms', 'parallel-ssh -p 50 (OpenSSH per host)', pssh));
    }
    return results;
  } finally {
    await bed.close();
    await cluster.stop();
  }
}

async function throughput(ctx: BenchContext): Promise<BenchResult[]> {
  const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  const bed = createTestbed(cluster);
  const bytes = 100 * 1000 * 1000;
  // Log-like text (not one repeated byte) so redaction scans realistic input.
  const command = `yes 'INFO 2025-06-01T12:05:00Z deploy worker=7 request handled in 12ms path=/api/v1/orders status=200' | head -c ${bytes}`;
  try {
    ctx.log(`(c) sshd mode: ${cluster.mode}`);
    const runner = bed.runner('app1');
    let peakRss = 0;
    const engineMs: number[] = [];
    const bareMs: number[] = [];
    const bare = await bed.pool.acquire(bed.pool.resolve('app1'));
    for (let i = 0; i < 3; i++) {
      let received = 0;
      const start = performance.now();
      const r = await runner.run({
        script: command,
        secrets: SECRETS,
        onOutput: (chunk) => {
          received += chunk.text.length;
          peakRss = Math.max(peakRss, process.memoryUsage.rss());
        },
      });
      engineMs.push(performance.now() - start);
      if (r.status !== 'succeeded' || received !== bytes) throw new Error(`engine throughput run: ${r.status}, ${received} chars`);

      let bareReceived = 0;
      const bareStart = performance.now();
      await bareExec(bare, command, null, (data) => void (bareReceived += data.length));
      bareMs.push(performance.now() - bareStart);
      if (bareReceived !== bytes) throw new Error(`bare ssh2 received ${bareReceived} bytes`);
    }
    const mbps = (ms: number): number => bytes / 1e6 / (ms / 1000);
    return [
      result('output throughput, 100 MB through decode + redaction (ratio < 1 = slower)', mbps(median(engineMs)), 'MB/s', 'bare ssh2 reading the same stream', mbps(median(bareMs)), {
        goal: '≥ 20 MB/s',
        extra: { peakRssMB: Math.round(peakRss / 1e6) },
      }),
    ];
  } finally {
    await bed.close();
    await cluster.stop();
  }
}

const PARTS: Record<string, (ctx: BenchContext) => Promise<BenchResult[]>> = { a: sequentialCommands, b: fiftyHosts, c: throughput, d: twoHundredHosts, e: sequentialAnchors };

const benchmark: Benchmark = {
  name: 'ssh',
  // `npx tsx bench/run.ts ssh b` runs only part (b); no part named runs all five.
  run: async (ctx) => {
    const chosen = ctx.args.filter((arg) => arg in PARTS);
    const results: BenchResult[] = [];
    for (const part of chosen.length ? chosen : Object.keys(PARTS)) results.push(...(await PARTS[part]!(ctx)));
    return results;
  },
};

export default benchmark;
