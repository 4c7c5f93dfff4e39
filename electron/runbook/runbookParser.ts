// Runbook parsing off the event loop (issue 16, point 5). Remark's list handling grows faster than
// linearly with nesting, so one crafted file could keep the console from answering anyone for
// minutes; here each parse runs in a worker thread with a time limit, and a parse past the limit
// is stopped (the worker is terminated) and refused with a message, while the console keeps
// answering other calls. Works the same in the CLI/browser shell bundle, the Electron main process
// and from source (tests), see workerEntry().
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api/errors';
import type { RunbookPreview, RunbookSource } from './previewRunbook';

/**
 * Default time one runbook may take to read. A seed-sized runbook takes well under a second, but a
 * 50,000-line one takes ~9 s of CPU and more on a machine busy with a launch; since the parse no
 * longer holds anyone else, the limit only has to stop a pathological file, not a large real one.
 */
export const DEFAULT_PARSE_LIMIT_MS = 60_000;
/** Parses that may run at once; more wait their turn (the machine's cores are shared with steps and the UI). */
const MAX_PARALLEL = 2;
/** A parse that needs more heap than this is stopped like one that takes too long. */
const HEAP_LIMIT_MB = 1024;

export interface RunbookParser {
  preview(source: RunbookSource): Promise<RunbookPreview>;
  close(): Promise<void>;
}

export interface RunbookParserOptions {
  /** Default: TMINUS_RUNBOOK_PARSE_LIMIT_MS, else DEFAULT_PARSE_LIMIT_MS. */
  timeLimitMs?: number;
}

export function parseLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.TMINUS_RUNBOOK_PARSE_LIMIT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_PARSE_LIMIT_MS;
}

type WorkerReply = { ok: true; preview: RunbookPreview } | { ok: false; message: string };

export function createRunbookParser(options: RunbookParserOptions = {}): RunbookParser {
  const limitMs = options.timeLimitMs ?? parseLimitFromEnv();
  const idle: Worker[] = [];
  const running = new Set<Worker>();
  const waiting: Array<() => void> = [];
  let closed = false;

  const take = async (): Promise<Worker> => {
    while (running.size >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
    const worker = idle.pop() ?? (await readyWorker());
    running.add(worker);
    worker.ref();
    return worker;
  };
  const give = (worker: Worker, reusable: boolean) => {
    running.delete(worker);
    if (reusable && !closed && idle.length === 0) {
      // An idle worker must not keep a CLI command alive.
      worker.unref();
      idle.push(worker);
    } else void worker.terminate();
    waiting.shift()?.();
  };

  return {
    async preview(source) {
      if (closed) throw new ApiError('unavailable', 'The console is shutting down; the runbook was not read.');
      const worker = await take();
      return new Promise<RunbookPreview>((resolve, reject) => {
        const finish = (reusable: boolean, settle: () => void) => {
          clearTimeout(timer);
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
          give(worker, reusable);
          settle();
        };
        const onMessage = (reply: WorkerReply) =>
          finish(true, () => (reply.ok ? resolve(reply.preview) : reject(new ApiError('internal', `Reading ${source.sourceName} failed: ${reply.message}`))));
        const onError = (error: Error) => finish(false, () => reject(workerFailure(source.sourceName, error)));
        const onExit = () => finish(false, () => reject(new ApiError('unavailable', `Reading ${source.sourceName} stopped before it finished; try again.`)));
        const timer = setTimeout(
          () =>
            finish(false, () =>
              reject(
                new ApiError(
                  'invalid_input',
                  `Reading ${source.sourceName} took longer than ${formatSeconds(limitMs)} and was stopped; nothing was imported. ` +
                    'Very deep or very large lists are the usual cause: split the runbook, or see docs/runbook-format.md ("Limits").',
                ),
              ),
            ),
          limitMs,
        );
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage(source);
      });
    },
    async close() {
      closed = true;
      const all = [...idle, ...running];
      idle.length = 0;
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}

function workerFailure(sourceName: string, error: Error): ApiError {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ApiError('invalid_input', `Reading ${sourceName} needed more than ${HEAP_LIMIT_MB} MB and was stopped; nothing was imported.`);
  }
  return new ApiError('internal', `Reading ${sourceName} failed in its worker: ${error.message}`);
}

let bundledFromSource: string | null = null;

function sourceBundle(): string {
  if (bundledFromSource === null) {
    // A development dependency, only reached when running from source; createRequire keeps the bundler from following it.
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const entry = fileURLToPath(new URL('./runbookParseWorker.ts', import.meta.url));
    const result = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    bundledFromSource = result.outputFiles[0]!.text;
  }
  return bundledFromSource;
}

/** A started worker once it has loaded its code (or the reason it could not). */
function readyWorker(): Promise<Worker> {
  const worker = startWorker();
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!(message && typeof message === 'object' && 'ready' in message)) return;
      worker.off('message', onMessage).off('error', onError);
      resolve(worker);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage).off('error', onError);
      reject(new ApiError('internal', `The runbook reader could not start: ${error.message}`));
    };
    worker.on('message', onMessage).on('error', onError);
  });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}

/**
 * Where the worker's code is. Bundled (dist/node/cli.mjs, dist/electron/main.cjs): the
 * runbookParseWorker.cjs that scripts/build.mjs writes beside the bundle. Inside an Electron
 * app.asar, Node's worker loader cannot read the file, so its text is evaluated instead (the main
 * process's fs reads asar). From source (vitest, tsx): the TypeScript entry bundled in memory by esbuild, once
 * per process — the same bundle the build writes, always from the current source.
 */
function startWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: HEAP_LIMIT_MB };
  const built = fileURLToPath(new URL('./runbookParseWorker.cjs', import.meta.url));
  if (existsSync(built)) {
    if (built.includes(`.asar${sep}`)) return new Worker(readFileSync(built, 'utf8'), { eval: true, resourceLimits });
    return new Worker(built, { resourceLimits });
  }
  return new Worker(sourceBundle(), { eval: true, resourceLimits });
}
