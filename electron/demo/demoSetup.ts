// Setting up the demo launch: a fresh demo folder (never the real workspace), the demo service, a
// console wired to it, and a staging session "Demo launch" created from the generated runbook with
// T0 a few minutes ahead, its metrics bound to the service and monitoring on — all through the
// console's own API, as the demo IC, so the log reads like any launch's.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CallName, CallResult, CallInput } from '../../shared/api/contract';
import type { Actor } from '../../shared/log/actor';
import { createConsole, type ConsoleOptions, type ConsoleService } from '../console';
import { lockDataDir } from '../store/dataDirLock';
import type { DemoControl } from './demoControl';
import { buildDemoRunbook, DEMO_RUNBOOK_FILE } from './demoRunbook';
import { startDemoService, type DemoService, type DemoServiceOptions } from './demoService';

export const DEMO_ACTOR: Actor = { name: 'Demo IC', role: 'Incident Commander' };
export const DEMO_SESSION_NAME = 'Demo launch';
/** Written into every demo folder: only a folder holding it (or an empty one) is ever wiped. */
export const DEMO_FOLDER_MARK = 'tminus-demo.json';
/** T0 is at least this far ahead, so the launch starts with a few minutes of countdown. */
export const DEMO_T0_LEAD_MS = 4 * 60_000;
/** Fast polls (a local service answers in a millisecond), so chaos shows within seconds. */
export const DEMO_POLL_INTERVAL_MS = 2_000;

/** `~/.config/T-Minus` → `~/.config/T-Minus-demo`: beside the real workspace, never inside it. */
export function defaultDemoDataDir(realDataDir: string): string {
  const real = resolve(realDataDir);
  return join(dirname(real), `${basename(real)}-demo`);
}

/** Now + the lead, rounded up to the whole minute (a T0 people can read off a clock). */
export function demoT0(nowMs: number): string {
  return new Date(Math.ceil((nowMs + DEMO_T0_LEAD_MS) / 60_000) * 60_000).toISOString();
}

export class DemoFolderError extends Error {}

/**
 * Empties the demo folder so every demo starts fresh. Refuses the real workspace, and any folder
 * that is neither empty nor marked as a demo folder — the demo must never wipe someone's data
 * because of a mistyped `--data`.
 */
export function resetDemoDataDir(dataDir: string, realDataDir: string): void {
  const dir = resolve(dataDir);
  if (dir === resolve(realDataDir)) {
    throw new DemoFolderError(`${dir} is your real workspace: the demo resets its folder on every start, so it needs one of its own.`);
  }
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new DemoFolderError(`${dir} is not a folder.`);
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(DEMO_FOLDER_MARK)) {
      throw new DemoFolderError(
        `${dir} is not empty and is not a demo folder (it has no ${DEMO_FOLDER_MARK}); the demo wipes its folder on every start, so give it an empty or new one.`,
      );
    }
    // Hold the folder's lock while emptying it: a demo still running on it refuses us here.
    const lock = lockDataDir(dir);
    try {
      for (const entry of entries) if (entry !== 'tminus.lock') rmSync(join(dir, entry), { recursive: true, force: true });
    } finally {
      lock.release();
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_FOLDER_MARK), `${JSON.stringify({ purpose: 'T-Minus demo launch: emptied on every `tminus demo` start' })}\n`);
}

export interface StartDemoOptions extends Pick<ConsoleOptions, 'version' | 'clock' | 'share' | 'metrics' | 'validateResults'> {
  dataDir: string;
  /** The user's real workspace, which the demo refuses to touch. */
  realDataDir: string;
  service?: DemoServiceOptions;
}

export interface RunningDemo {
  console: ConsoleService;
  service: DemoService;
  sessionId: string;
  t0: string;
  runbookFile: string;
  /** Stops the console, then the service and its load loop. */
  close(): Promise<void>;
}

export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const clock = options.clock ?? { now: () => Date.now() };
  resetDemoDataDir(options.dataDir, options.realDataDir);
  const dataDir = resolve(options.dataDir);
  const service = await startDemoService(options.service);
  const runbookFile = join(dataDir, DEMO_RUNBOOK_FILE);
  let sessionId: string | null = null;
  const control: DemoControl = {
    info: () => ({ sessionId, actor: DEMO_ACTOR, serviceUrl: service.url, runbookFile }),
    chaos: () => service.chaos(),
    setChaos: (patch) => service.setChaos(patch),
    onChaosChange: (listener) => service.onChaosChange(listener),
  };
  let consoleService: ConsoleService;
  try {
    consoleService = createConsole({ ...options, dataDir, shell: 'browser', clock, demo: control });
  } catch (error) {
    await service.stop();
    throw error;
  }
  const close = async () => {
    await consoleService.close();
    await service.stop();
  };
  try {
    const t0 = demoT0(clock.now());
    const content = buildDemoRunbook({ t0, serviceUrl: service.url, dataDir });
    writeFileSync(runbookFile, content);
    sessionId = await createDemoSession(consoleService, t0, content);
    return { console: consoleService, service, sessionId, t0, runbookFile, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function createDemoSession(service: ConsoleService, t0: string, content: string): Promise<string> {
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
    const envelope = await service.router.dispatch(name, input, { access: 'write' });
    if (!envelope.ok) throw new Error(`demo setup: ${name} failed: ${envelope.error.message}`);
    return envelope.result as CallResult<N>;
  };
  const session = await call('createSession', {
    name: DEMO_SESSION_NAME,
    environment: 'staging',
    t0,
    actor: DEMO_ACTOR,
    runbook: { sourceName: DEMO_RUNBOOK_FILE, content },
  });
  // The front matter binds every metric to the demo service; the settings add the fast poll. Other
  // suggestions (series names the runbook mentions, read through a Prometheus the demo does not
  // have) are left out, as a person would leave them.
  const { draft, suggestions } = await call('getMetricsConfig', { sessionId: session.id });
  const bindings = suggestions.filter((suggestion) => suggestion.basis === 'front-matter').map((suggestion) => suggestion.binding);
  await call('setMetricsConfig', {
    sessionId: session.id,
    actor: DEMO_ACTOR,
    config: { sources: { ...draft.sources, pollIntervalMs: DEMO_POLL_INTERVAL_MS }, bindings },
    fromSuggestions: bindings.map((binding) => binding.metricKey),
  });
  await call('startMonitoring', { sessionId: session.id, actor: DEMO_ACTOR });
  return session.id;
}
