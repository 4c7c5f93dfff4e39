// Starts the real browser shell — `tminus serve`, the same command a user runs — on a free port
// with its own data directory, and reads the tokened URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningConsole {
  url: string;
  viewerUrl: string;
  base: string;
  token: string;
  viewerToken: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartConsoleOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Remove the data dir on stop (default: when it was created here). */
  cleanUp?: boolean;
  /** `demo` starts the demo launch (`tminus demo`) instead of `tminus serve`. */
  command?: 'serve' | 'demo';
  /** Extra arguments (e.g. `--new-token`). */
  args?: string[];
  /** `kept`: no --port, so the console takes the port kept from its last run (default: any free port). */
  port?: number | 'kept';
}

export async function startConsole(options: StartConsoleOptions = {}): Promise<RunningConsole> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tminus-e2e-'));
  const cleanUp = options.cleanUp ?? !options.dataDir;
  const command = options.command ?? 'serve';
  const portArgs = options.port === 'kept' ? [] : ['--port', String(options.port ?? 0)];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'tminus.js'), command, '--data', dataDir, ...portArgs, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const urls = await new Promise<{ url: string; viewerUrl: string }>((resolveUrl, reject) => {
    const deadline = setTimeout(() => reject(new Error(`tminus ${command} printed no URL in 30 s:\n${output}`)), 30_000);
    const check = () => {
      const writer = /console[^\n]*(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      const viewer = /viewer[^\n]*(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (writer && viewer) {
        clearTimeout(deadline);
        resolveUrl({ url: writer[1]!, viewerUrl: viewer[1]! });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`tminus ${command} exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(urls.url);
  return {
    ...urls,
    base: `${parsed.origin}/`,
    token: parsed.searchParams.get('token')!,
    viewerToken: new URL(urls.viewerUrl).searchParams.get('token')!,
    dataDir,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
        child.kill(signal);
        await exited;
      }
      if (cleanUp) rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

/** One contract call to a running console with its writer token; a refused call throws with the console's message. */
export async function callConsole<T = Record<string, unknown>>(running: Pick<RunningConsole, 'base' | 'token'>, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${running.base}api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${running.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.result as T;
}
