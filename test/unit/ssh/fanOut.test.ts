import { describe, expect, it } from 'vitest';
import { runFanOut, type FanOutPolicy } from '../../../electron/ssh/fanOut';
import type { HostRunner, HostRunResult, HostRunStatus, RunRequest } from '../../../electron/ssh/hostRunner';
import { scriptForStdin, singleQuote } from '../../../electron/ssh/stdinScript';
import { expandTargets } from '../../../electron/ssh/targets';
import type { HostSpec } from '../../../shared/runbook/model';

/** A fake host: records when it starts, ends when the test says so (or at once with `outcome`). */
class FakeRunner implements HostRunner {
  started = false;
  cancelled = false;
  private finish: ((status: HostRunStatus) => void) | null = null;

  constructor(
    readonly target: string,
    private readonly log: string[],
    private readonly outcome: HostRunStatus | 'manual' = 'succeeded',
  ) {}

  end(status: HostRunStatus): void {
    this.finish!(status);
  }

  async run(request: RunRequest): Promise<HostRunResult> {
    this.started = true;
    this.log.push(`start ${this.target}`);
    await request.onOutput?.({ stream: 'stdout', text: `hello from ${this.target}\n`, at: 0 });
    const status = this.outcome === 'manual' ? await new Promise<HostRunStatus>((resolve) => {
      this.finish = resolve;
      request.signal?.addEventListener('abort', () => {
        this.cancelled = true;
        resolve('cancelled');
      });
    }) : this.outcome;
    this.log.push(`end ${this.target}`);
    return { target: this.target, status, exitCode: status === 'succeeded' ? 0 : 1, signal: null, reason: status === 'succeeded' ? null : 'exit code 1', errorKind: null, startedAt: 0, endedAt: 0, durationMs: 0, unredacted: [] };
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await tick();
}

function runAll(runners: HostRunner[], policy: FanOutPolicy, concurrency: number, signal?: AbortSignal) {
  const ended: HostRunResult[] = [];
  const output: string[] = [];
  const promise = runFanOut({
    runners,
    request: { script: 'true' },
    policy,
    concurrency,
    signal,
    onOutput: (target, chunk) => void output.push(`${target}: ${chunk.text.trim()}`),
    onHostEnd: (result) => void ended.push(result),
  });
  return { promise, ended, output };
}

describe('fan-out with a fake runner', () => {
  it('runs every host under policy all, at most `concurrency` at once, and reports each result in order', async () => {
    const log: string[] = [];
    const runners = ['a', 'b', 'c', 'd'].map((t) => new FakeRunner(t, log, 'manual'));
    const { promise, output } = runAll(runners, { kind: 'all' }, 2);
    await settle();
    expect(runners.map((r) => r.started)).toEqual([true, true, false, false]);
    runners[1]!.end('failed');
    await settle();
    expect(runners[2]!.started).toBe(true);
    runners[0]!.end('succeeded');
    runners[2]!.end('succeeded');
    await settle();
    runners[3]!.end('succeeded');
    const result = await promise;
    expect(result.status).toBe('failed');
    expect(result.results.map((r) => `${r.target}:${r.status}`)).toEqual(['a:succeeded', 'b:failed', 'c:succeeded', 'd:succeeded']);
    expect(output).toContain('c: hello from c');
  });

  it('stop-on-first-failure starts nothing after a failure, lets running hosts finish, and skips the rest', async () => {
    const log: string[] = [];
    const runners = ['a', 'b', 'c', 'd', 'e'].map((t) => new FakeRunner(t, log, 'manual'));
    const { promise, ended } = runAll(runners, { kind: 'stop-on-first-failure' }, 2);
    await settle();
    runners[0]!.end('failed');
    await settle();
    expect(runners[2]!.started).toBe(false);
    expect(runners[1]!.cancelled).toBe(false);
    runners[1]!.end('succeeded');
    const result = await promise;
    expect(result.results.map((r) => r.status)).toEqual(['failed', 'succeeded', 'skipped', 'skipped', 'skipped']);
    expect(result.results[2]!.reason).toMatch(/a failed first/);
    expect(ended).toHaveLength(5);
  });

  it('rolling(n) runs batches of n one after another and halts after a failing batch', async () => {
    const log: string[] = [];
    const runners = [
      new FakeRunner('a', log),
      new FakeRunner('b', log),
      new FakeRunner('c', log, 'failed'),
      new FakeRunner('d', log),
      new FakeRunner('e', log),
    ];
    const result = await runAll(runners, { kind: 'rolling', batchSize: 2 }, 10).promise;
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b', 'start c', 'start d', 'end c', 'end d']);
    expect(result.results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'failed', 'succeeded', 'skipped']);
    expect(result.results[4]!.reason).toMatch(/batch 2 failed on c/);
  });

  it('rolling never exceeds the batch size even with a higher concurrency', async () => {
    const log: string[] = [];
    const runners = ['a', 'b', 'c'].map((t) => new FakeRunner(t, log, 'manual'));
    const { promise } = runAll(runners, { kind: 'rolling', batchSize: 1 }, 5);
    await settle();
    expect(runners.map((r) => r.started)).toEqual([true, false, false]);
    runners[0]!.end('succeeded');
    await settle();
    expect(runners.map((r) => r.started)).toEqual([true, true, false]);
    runners[1]!.end('succeeded');
    await settle();
    runners[2]!.end('succeeded');
    expect((await promise).status).toBe('succeeded');
  });

  it('cancel stops running hosts and skips the ones not started', async () => {
    const log: string[] = [];
    const runners = ['a', 'b', 'c'].map((t) => new FakeRunner(t, log, 'manual'));
    const abort = new AbortController();
    const { promise } = runAll(runners, { kind: 'all' }, 2, abort.signal);
    await settle();
    abort.abort();
    const result = await promise;
    expect(result.status).toBe('cancelled');
    expect(result.results.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'skipped']);
    expect(result.results[2]!.reason).toMatch(/cancelled/);
  });

  it('re-running only the failed hosts is a call with those runners', async () => {
    const log: string[] = [];
    const first = await runAll([new FakeRunner('a', log), new FakeRunner('b', log, 'failed')], { kind: 'all' }, 4).promise;
    const failed = first.results.filter((r) => r.status === 'failed').map((r) => r.target);
    const again = await runAll(failed.map((t) => new FakeRunner(t, log)), { kind: 'all' }, 4).promise;
    expect(again.results.map((r) => `${r.target}:${r.status}`)).toEqual(['b:succeeded']);
  });

  it('rejects a zero concurrency or batch size', async () => {
    await expect(runAll([], { kind: 'all' }, 0).promise).rejects.toThrow(/concurrency/);
    await expect(runAll([], { kind: 'rolling', batchSize: 0 }, 1).promise).rejects.toThrow(/batch size/);
  });
});

describe('targets', () => {
  const inventory: HostSpec[] = ['app1', 'app2', 'db1'].map((name) => ({
    name,
    address: null,
    port: null,
    user: null,
    groups: name.startsWith('app') ? ['app', 'web'] : ['db'],
    identityFile: null,
    proxyJump: null,
  }));

  it('expands groups and hosts in inventory order, each host once, and names what is unknown', () => {
    const expanded = expandTargets({ local: false, hosts: ['db1', 'nope'], groups: ['web', 'app', 'cache'] }, inventory);
    expect(expanded.hosts.map((h) => h.name)).toEqual(['app1', 'app2', 'db1']);
    expect(expanded.unknown).toEqual(['nope', 'group cache']);
  });
});

describe('stdin script', () => {
  it('exports secrets single-quoted, then the script parsed as one block with stdin from /dev/null', () => {
    expect(scriptForStdin('echo "$B"', { B: "it's", A: 'x y' })).toBe(`export A='x y'\nexport B='it'\\''s'\n{\necho "$B"\n} < /dev/null\n`);
    expect(singleQuote("'")).toBe(`''\\'''`);
  });

  it('refuses names that are not shell variables and values with NUL', () => {
    expect(() => scriptForStdin('true', { 'BAD-NAME': 'x' })).toThrow(/not a valid shell variable name/);
    expect(() => scriptForStdin('true', { OK: 'a\0b' })).toThrow(/NUL/);
  });
});
