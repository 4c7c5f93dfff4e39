// Runs a step's playbook with `ansible-playbook` and reports it exactly like an SSH fan-out: each
// host starts, gets its output (one block per task result, redacted), and ends once with a status
// — so the step runner logs `step.hostStarted` / `step.hostFinished` / `step.runFinished` for
// Ansible runs as for any other. Everything Ansible is given lives in an owner-only temporary
// folder removed afterwards: the playbook (with the IC's policy applied), the inventory, the
// configuration and the secrets as an extra-vars file — never on the command line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { redactText } from '../../shared/redact';
import { skippedResult, type Clock, type FanOutPolicy, type FanOutResult, type HostRunResult, type OutputChunk, type RunRequest } from '../ssh';
import { RunSupervisor, stopReason } from '../ssh/runSupervisor';
import { ansibleConfigText, ansibleInventoryYaml, trustedKnownHostsText, type InventoryHost } from './ansibleInventory';
import type { TrustedHostKey } from '../ssh/trustStore';
import { describeResult, hostOutcome, parsePlaybookLine, type HostStats } from './playbookEvents';
import { applyPolicy, PlaybookError } from './playbookPolicy';

export interface PlaybookRunOptions {
  ansiblePlaybook: string;
  playbook: string;
  /** Every host of the session's inventory (so group names in `hosts:` resolve). */
  inventory: readonly InventoryHost[];
  /** The hosts this run is limited to (`--limit`), in the order the run lists them. */
  targets: readonly string[];
  /** known_hosts files for hosts whose ssh config names none (each host's own come with its endpoint). */
  knownHostsFiles: readonly string[];
  globalKnownHostsFiles: readonly string[];
  trustedKeys: readonly TrustedHostKey[];
  sshConfigPath: string | null;
  agentSocket: string | null;
  policy: FanOutPolicy;
  /** Ansible's forks. */
  concurrency: number;
  request: Omit<RunRequest, 'onOutput' | 'signal'>;
  signal?: AbortSignal;
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  onHostStart?: (target: string) => void;
  onOutput?: (target: string, chunk: OutputChunk) => void | Promise<void>;
  onHostEnd?: (result: HostRunResult) => void;
}

interface HostProgress {
  startedAt: number;
  firstFailure: string | null;
}

export async function runPlaybook(options: PlaybookRunOptions): Promise<FanOutResult> {
  const { clock, request } = options;
  const redactWith = { ...request.redact, ...request.secrets };
  const redact = (text: string): string => redactText(text, redactWith);
  const results = new Map<string, HostRunResult>();
  const started = new Map<string, HostProgress>();
  const targets = new Set(options.targets);
  const ended = (result: HostRunResult): void => {
    if (results.has(result.target) || !targets.has(result.target)) return;
    results.set(result.target, result);
    options.onHostEnd?.(result);
  };
  const finishAll = (status: 'failed' | 'cancelled' | 'timed-out', reason: string): FanOutResult => {
    for (const target of options.targets) {
      const progress = started.get(target);
      ended(progress ? hostResult(target, progress, clock, { status, reason }) : skippedResult(target, `not started: ${reason}`));
    }
    return collect(options.targets, results, status === 'cancelled' ? 'cancelled' : 'failed');
  };

  let applied;
  try {
    applied = applyPolicy(options.playbook, options.policy);
  } catch (error) {
    if (error instanceof PlaybookError) return finishAll('failed', redact(error.message));
    throw error;
  }

  const dir = mkdtempSync(join(tmpdir(), 'tminus-ansible-'));
  try {
    writeFileSync(join(dir, 'playbook.yml'), applied.playbook, { mode: 0o600 });
    const trustedFile = join(dir, 'tminus_known_hosts');
    const knownHosts = { userFiles: options.knownHostsFiles, globalFiles: options.globalKnownHostsFiles, trustedFile };
    writeFileSync(join(dir, 'inventory.yml'), ansibleInventoryYaml(options.inventory, knownHosts), { mode: 0o600 });
    writeFileSync(trustedFile, trustedKnownHostsText(options.trustedKeys), { mode: 0o600 });
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(request.secrets ?? {}), { mode: 0o600 });
    writeFileSync(
      join(dir, 'ansible.cfg'),
      ansibleConfigText({ forks: options.concurrency, sshConfigPath: options.sshConfigPath, controlPathDir: join(dir, 'cp') }),
      { mode: 0o600 },
    );
    const preamble = applied.notes.length > 0 ? `T-Minus set on the playbook: ${applied.notes.join('; ')}\n` : '';
    return await execute(options, dir, preamble, { started, ended, finishAll, redact, results });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface RunState {
  started: Map<string, HostProgress>;
  ended: (result: HostRunResult) => void;
  finishAll: (status: 'failed' | 'cancelled' | 'timed-out', reason: string) => FanOutResult;
  redact: (text: string) => string;
  results: Map<string, HostRunResult>;
}

async function execute(options: PlaybookRunOptions, dir: string, preamble: string, state: RunState): Promise<FanOutResult> {
  const { clock, request } = options;
  const { started, ended, redact } = state;
  if (options.signal?.aborted) return state.finishAll('cancelled', 'the run was cancelled');

  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), ANSIBLE_CONFIG: join(dir, 'ansible.cfg'), ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0', PYTHONUNBUFFERED: '1' };
  if (options.agentSocket) env.SSH_AUTH_SOCK = options.agentSocket;
  else delete env.SSH_AUTH_SOCK;
  const args = ['-i', join(dir, 'inventory.yml'), '--limit', options.targets.join(','), '-e', `@${join(dir, 'secrets.json')}`, join(dir, 'playbook.yml')];
  // detached: ansible-playbook leads its own process group, so a cancel reaches its workers and their ssh.
  const child = spawn(options.ansiblePlaybook, args, { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawnError) return state.finishAll('failed', `could not start ansible-playbook: ${spawnError.message}`);

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  let giveUp!: () => void;
  const exited = new Promise<number | null>((resolve) => {
    giveUp = () => resolve(child.exitCode);
    child.once('close', (code) => resolve(code));
  });
  const supervisor = new RunSupervisor({ signal: (name) => killGroup(`SIG${name}`), forceClose: () => killGroup('SIGKILL'), abandon: () => giveUp() }, { ...request, signal: options.signal });
  supervisor.start();

  let stats: Record<string, HostStats> | null = null;
  const stderrTail: string[] = [];
  const strayText: string[] = [];
  // Output is handed over in order; a host's consumer promise (backpressure) is awaited before the next line.
  let chain: Promise<void> = Promise.resolve();
  const emit = (target: string, text: string): void => {
    const at = clock.now();
    chain = chain.then(() => options.onOutput?.(target, { stream: 'stdout', text: redact(text), at }));
  };
  const start = (target: string): void => {
    if (started.has(target) || !options.targets.includes(target)) return;
    started.set(target, { startedAt: clock.now(), firstFailure: null });
    options.onHostStart?.(target);
    if (preamble) emit(target, preamble);
  };

  const stdout = createInterface({ input: child.stdout });
  stdout.on('line', (line) => {
    const event = parsePlaybookLine(line);
    if (!event) return;
    if (event.kind === 'task' && options.policy.kind !== 'rolling') for (const target of options.targets) if (!state.results.has(target)) start(target);
    if (event.kind === 'result') {
      start(event.host);
      const progress = started.get(event.host);
      if (!progress) return;
      emit(event.host, describeResult(event));
      if ((event.outcome === 'failed' || event.outcome === 'unreachable') && !progress.firstFailure) {
        const msg = typeof event.result.msg === 'string' ? event.result.msg : event.result.stderr || `rc=${event.result.rc ?? '?'}`;
        progress.firstFailure = redact(`${event.outcome === 'unreachable' ? 'unreachable' : `task "${event.task}" failed`}: ${msg.trim().split('\n')[0]}`);
      }
    }
    if (event.kind === 'stats') stats = event.stats;
    if (event.kind === 'text' && strayText.length < 50) strayText.push(event.text);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });

  const code = await exited;
  await chain.catch(() => undefined);
  supervisor.dispose();

  const cause = supervisor.stopCause;
  if (cause) {
    const reason = stopReason(cause, request, supervisor.abandoned);
    for (const target of options.targets) {
      const progress = started.get(target);
      const host = (stats as Record<string, HostStats> | null)?.[target];
      if (progress && host) ended(fromStats(target, progress, host, clock));
      else ended(progress ? hostResult(target, progress, clock, { status: cause, reason }) : skippedResult(target, cause === 'cancelled' ? 'not started: the run was cancelled' : `not started: ${reason}`));
    }
    return collect(options.targets, state.results, cause === 'cancelled' ? 'cancelled' : 'failed');
  }

  const finalStats = stats as Record<string, HostStats> | null;
  if (!finalStats) {
    const said = [...stderrTail, ...strayText].filter((l) => l.trim()).slice(-6).join(' / ');
    return state.finishAll('failed', redact(`ansible-playbook ended with exit code ${code ?? 'unknown'} before reporting any host${said ? `: ${said}` : ''}`));
  }
  for (const target of options.targets) {
    const progress = started.get(target);
    const host = finalStats[target];
    if (progress && host) ended(fromStats(target, progress, host, clock));
    else if (progress) ended(hostResult(target, progress, clock, { status: 'failed', reason: `Ansible reported no result for this host (exit code ${code ?? 'unknown'})` }));
    else ended(skippedResult(target, options.policy.kind === 'rolling' ? 'not started: an earlier batch failed; rolling rollout halted' : 'not started: Ansible ran no task on this host'));
  }
  return collect(options.targets, state.results, 'failed');
}

function fromStats(target: string, progress: HostProgress, stats: HostStats, clock: Clock): HostRunResult {
  const outcome = hostOutcome(stats);
  if (outcome.status === 'succeeded') return { ...hostResult(target, progress, clock, { status: 'succeeded', reason: null }), exitCode: 0 };
  return { ...hostResult(target, progress, clock, { status: 'failed', reason: `${progress.firstFailure ?? 'failed'} (${outcome.summary})` }), errorKind: outcome.errorKind };
}

function hostResult(target: string, progress: HostProgress, clock: Clock, fields: { status: HostRunResult['status']; reason: string | null }): HostRunResult {
  const endedAt = clock.now();
  return { target, exitCode: null, signal: null, errorKind: null, startedAt: progress.startedAt, endedAt, durationMs: endedAt - progress.startedAt, unredacted: [], ...fields };
}

function collect(targets: readonly string[], results: Map<string, HostRunResult>, otherwise: 'failed' | 'cancelled'): FanOutResult {
  const all = targets.map((target) => results.get(target)!);
  const status = otherwise === 'cancelled' ? 'cancelled' : all.every((r) => r.status === 'succeeded') ? 'succeeded' : 'failed';
  return { status, results: all };
}
