// Parts (d) and (e) of bench/ssh.bench.ts, for issue 17, and the helpers every part shares
// (bare ssh2 exec, timing, one fan-out):
// (d) one command on 200 hosts (network namespaces, one real sshd each) on a warm pool: time until
//     all started, wall time vs bare ssh2 on the same 200 warm connections in the same run, and
//     memory per host (the console process's RSS growth per pooled connection, and each host's
//     sshd processes);
// (e) 20 sequential commands on one warm host, against the ssh CLI with ControlMaster/ControlPersist
//     on the same 20 commands, with a breakdown of where a command's time goes: bare exec `true`,
//     bare `bash -s` with the script on stdin, the engine's runner, and a full durably logged run
//     through the console (runStep → step.runFinished committed).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';
import { runFanOut } from '../electron/ssh/fanOut';
import { REMOTE_COMMAND } from '../electron/ssh/runOnHost';
import { startSshdCluster } from '../test/support/sshd';
import { createTestbed, type Testbed } from '../test/support/sshTestbed';
import { ada, openStepsConsole, STEPS_RUNBOOK } from '../test/integration/steps/stepsHarness';
import { median, result, type BenchContext, type BenchResult } from './harness';

const run = promisify(execFile);

/** Runs a command on a bare ssh2 connection and resolves when the channel closes (the anchors' unit of work). */
export function bareExec(client: Client, command: string, stdin: string | null, onData?: (data: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      channel.on('data', (data: Buffer) => onData?.(data));
      channel.stderr.resume();
      channel.once('close', () => resolve());
      if (stdin !== null) channel.end(stdin);
    });
  });
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** RSS (kB) of a process and all its descendants, from /proc. */
function treeRssKb(rootPid: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // Gone meanwhile.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, kb] of rss) if (inTree(pid)) total += kb;
  return total;
}

export interface FanOutTiming {
  wallMs: number;
  allStartedMs: number;
}

export async function fanOutOnce(bed: Testbed, names: string[], script: string): Promise<FanOutTiming> {
  const start = performance.now();
  const firstOutput = new Map<string, number>();
  const outcome = await runFanOut({
    runners: names.map((name) => bed.runner(name)),
    request: { script },
    policy: { kind: 'all' },
    concurrency: names.length,
    onOutput: (target) => void (firstOutput.has(target) || firstOutput.set(target, performance.now() - start)),
  });
  const wallMs = performance.now() - start;
  if (outcome.status !== 'succeeded') throw new Error(`fan-out failed: ${outcome.results.find((r) => r.status !== 'succeeded')?.reason}`);
  return { wallMs, allStartedMs: Math.max(...firstOutput.values()) };
}

export async function twoHundredHosts(ctx: BenchContext): Promise<BenchResult[]> {
  const count = Number(process.env.TMINUS_BENCH_HOSTS ?? 200);
  const names = Array.from({ length: count }, (_, i) => `h${String(i + 1).padStart(3, '0')}`);
  const setupStart = performance.now();
  const cluster = await startSshdCluster({ hosts: names.map((name) => ({ name })) });
  const bed = createTestbed(cluster);
  try {
    ctx.log(`(d) sshd mode: ${cluster.mode}, ${names.length} hosts, one sshd per host; set up in ${Math.round(performance.now() - setupStart)} ms`);
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    const script = 'echo started\nsleep 1';
    await fanOutOnce(bed, names, 'true');
    global.gc?.();
    const rssWarm = process.memoryUsage.rss();
    const clients = await Promise.all(names.map((name) => bed.pool.acquire(bed.pool.resolve(name))));
    const sshdKb = cluster.hosts().reduce((sum, host) => sum + treeRssKb(Number(readFileSync(join(host.dir, 'sshd.pid'), 'utf8').trim() || 0)), 0);
    const engine: FanOutTiming[] = [];
    const bare: number[] = [];
    const bareStarted: number[] = [];
    for (let i = 0; i < 5; i++) {
      engine.push(await fanOutOnce(bed, names, script));
      // The same work without the engine, and when each host's first output arrived: the anchor
      // for "all started" (sshd forks a session and bash per channel, on the same machine's cores).
      const firstData: number[] = [];
      const start = performance.now();
      bare.push(await timed(() => Promise.all(clients.map((client, k) => bareExec(client, REMOTE_COMMAND, `${script}\n`, () => void (firstData[k] ??= performance.now() - start))))));
      bareStarted.push(Math.max(...firstData));
    }
    const perHostKb = Math.round((rssWarm - rssBefore) / 1024 / count);
    const extra = { consoleRssPerHostKB: perHostKb, sshdRssPerHostKB: Math.round(sshdKb / count), hosts: count };
    return [
      result(`one command on ${count} hosts (warm, sleep 1): engine vs bare ssh2`, median(engine.map((t) => t.wallMs)), 'ms', `bare ssh2, ${count} warm connections in parallel, bash -s`, median(bare), {
        goal: 'ratio ≤ 1.1',
        extra,
      }),
      result(`one command on ${count} hosts (warm): time until all started`, median(engine.map((t) => t.allStartedMs)), 'ms', 'goal 2 s', 2000, { goal: 'value ≤ 2000 ms (ratio ≤ 1)' }),
      result(`one command on ${count} hosts (warm): time until all started, engine vs bare ssh2`, median(engine.map((t) => t.allStartedMs)), 'ms', `bare ssh2, first output of ${count} warm channels`, median(bareStarted), { goal: 'ratio ≤ 1.1' }),
    ];
  } finally {
    await bed.close();
    await cluster.stop();
  }
}

export async function sequentialAnchors(ctx: BenchContext): Promise<BenchResult[]> {
  const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  const bed = createTestbed(cluster);
  const console_ = await openStepsConsole(cluster, {});
  try {
    ctx.log(`(e) sshd mode: ${cluster.mode}`);
    const config = join(ctx.tmpDir, 'ssh_config_cm');
    writeFileSync(
      config,
      `${cluster.sshConfigText()}\nHost *\n  UserKnownHostsFile ${bed.knownHostsFile}\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ControlMaster auto\n  ControlPath ${join(ctx.tmpDir, 'cm-%C')}\n  ControlPersist 120\n`,
    );
    await run('ssh', ['-F', config, 'app1', 'true']);
    const runner = bed.runner('app1');
    await runner.run({ script: 'true' });
    const bare = await bed.pool.acquire(bed.pool.resolve('app1'));

    const sessionId = await console_.createSession('staging', STEPS_RUNBOOK);
    const hello = await console_.stepId(sessionId, 'Say hello');
    // Runs whose step.runFinished is committed (pushed after commit), and who waits for which.
    const ended = new Set<string>();
    const waiting = new Map<string, () => void>();
    const unsubscribe = console_.service.hub.subscribe((message) => {
      if (message.event === 'log.appended' && message.payload.event.type === 'step.runFinished') {
        const { runId } = message.payload.event.payload as { runId: string };
        ended.add(runId);
        waiting.get(runId)?.();
      }
    });
    const durableRun = async (): Promise<void> => {
      const started = await console_.call('runStep', { sessionId, actor: ada, stepId: hello, targets: ['app1'] });
      // Not by reading the log back: that grows with every run and would be the bench's own cost.
      if (!ended.has(started.runId)) await new Promise<void>((resolve) => waiting.set(started.runId, resolve));
    };
    await durableRun();

    const times = { cm: [] as number[], execTrue: [] as number[], bashS: [] as number[], engine: [] as number[], durable: [] as number[] };
    for (let round = 0; round < 5; round++) {
      times.cm.push(await timed(async () => { for (let i = 0; i < 20; i++) await run('ssh', ['-F', config, 'app1', 'true']); }));
      times.execTrue.push(await timed(async () => { for (let i = 0; i < 20; i++) await bareExec(bare, 'true', null); }));
      times.bashS.push(await timed(async () => { for (let i = 0; i < 20; i++) await bareExec(bare, REMOTE_COMMAND, 'true\n'); }));
      times.engine.push(await timed(async () => { for (let i = 0; i < 20; i++) await runner.run({ script: 'true' }); }));
      times.durable.push(await timed(async () => { for (let i = 0; i < 20; i++) await durableRun(); }));
    }
    unsubscribe();
    await run('ssh', ['-F', config, '-O', 'exit', 'app1']).catch(() => undefined);
    const cm = median(times.cm);
    const breakdown = {
      bareExecTrueMs: Math.round(median(times.execTrue)),
      bareBashStdinMs: Math.round(median(times.bashS)),
      engineRunnerMs: Math.round(median(times.engine)),
      durableRunStepMs: Math.round(median(times.durable)),
    };
    return [
      result('20 sequential commands, one warm host: engine runner vs ssh CLI with ControlMaster', median(times.engine), 'ms', 'ssh CLI, ControlMaster/ControlPersist', cm, { goal: 'ratio ≤ 1.0', extra: breakdown }),
      result('20 sequential steps, one warm host, each logged durably (runStep → runFinished) vs ssh CLI with ControlMaster', median(times.durable), 'ms', 'ssh CLI, ControlMaster/ControlPersist', cm, { goal: 'ratio ≤ 1.0', extra: breakdown }),
    ];
  } finally {
    await console_.close();
    await bed.close();
    await cluster.stop();
  }
}
