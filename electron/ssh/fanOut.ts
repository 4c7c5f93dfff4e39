// Running one script on many targets: a concurrency limit and a policy.
// - all: every host, at most `concurrency` at a time;
// - rolling(n): batches of n; a batch with any failure halts the rollout (limiting the blast
//   radius is the point of rolling), the rest are reported skipped;
// - stop-on-first-failure: at most `concurrency` at a time; after the first failure nothing new
//   starts. Hosts already running are left to finish: killing a deploy halfway leaves a host in a
//   worse state than letting it complete.
// Re-running only the failed hosts is a call with just those runners.
import { skippedResult, type HostRunner, type HostRunResult, type OutputChunk, type RunRequest } from './hostRunner';

export type FanOutPolicy = { kind: 'all' } | { kind: 'rolling'; batchSize: number } | { kind: 'stop-on-first-failure' };

export interface FanOutOptions {
  runners: readonly HostRunner[];
  request: Omit<RunRequest, 'onOutput' | 'signal'>;
  policy: FanOutPolicy;
  /** Most hosts running at once (at least 1). */
  concurrency: number;
  /** Aborting cancels the running hosts and skips the rest. */
  signal?: AbortSignal;
  onHostStart?: (target: string) => void;
  /** Per-host output; returning a promise applies backpressure to that host only. */
  onOutput?: (target: string, chunk: OutputChunk) => void | Promise<void>;
  /** Every target ends here exactly once, skipped ones included. */
  onHostEnd?: (result: HostRunResult) => void;
}

export type FanOutStatus = 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface FanOutResult {
  status: FanOutStatus;
  /** One result per runner, in the order the runners were given. */
  results: HostRunResult[];
}

export async function runFanOut(options: FanOutOptions): Promise<FanOutResult> {
  const { runners, policy, signal } = options;
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error('concurrency must be a positive integer');
  if (policy.kind === 'rolling' && (!Number.isInteger(policy.batchSize) || policy.batchSize < 1)) throw new Error('rolling batch size must be a positive integer');

  const results: (HostRunResult | undefined)[] = new Array(runners.length);
  let haltReason: string | null = null;
  const indices = runners.map((_, i) => i);
  const batches = policy.kind === 'rolling' ? chunk(indices, policy.batchSize) : [indices];

  const runOne = async (index: number): Promise<void> => {
    const runner = runners[index]!;
    if (haltReason || signal?.aborted) return;
    options.onHostStart?.(runner.target);
    const result = await runner.run({
      ...options.request,
      signal,
      onOutput: options.onOutput ? (piece) => options.onOutput!(runner.target, piece) : undefined,
    });
    results[index] = result;
    options.onHostEnd?.(result);
    if (result.status !== 'succeeded' && policy.kind === 'stop-on-first-failure') {
      haltReason ??= `not started: ${runner.target} failed first (${result.reason ?? result.status}); policy is stop on first failure`;
    }
  };

  for (const [batchIndex, batch] of batches.entries()) {
    if (haltReason || signal?.aborted) break;
    await withConcurrency(batch, Math.min(options.concurrency, batch.length), runOne);
    const failed = batch.filter((i) => results[i] && results[i]!.status !== 'succeeded');
    if (policy.kind === 'rolling' && failed.length > 0) {
      haltReason = `not started: batch ${batchIndex + 1} failed on ${failed.map((i) => runners[i]!.target).join(', ')}; rolling rollout halted`;
    }
  }

  for (const [index, runner] of runners.entries()) {
    if (results[index]) continue;
    const skipped = skippedResult(runner.target, signal?.aborted ? 'not started: the run was cancelled' : (haltReason ?? 'not started'));
    results[index] = skipped;
    options.onHostEnd?.(skipped);
  }

  const all = results as HostRunResult[];
  // A host whose outcome is unknown makes the run's outcome unknown too, unless another host failed outright.
  const failed = all.some((r) => r.status === 'failed' || r.status === 'timed-out');
  const unknown = all.some((r) => r.status === 'interrupted');
  const status: FanOutStatus = signal?.aborted ? 'cancelled' : all.every((r) => r.status === 'succeeded') ? 'succeeded' : !failed && unknown ? 'interrupted' : 'failed';
  return { status, results: all };
}

async function withConcurrency(items: readonly number[], limit: number, work: (item: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
