// The `local` target: the IC's workstation (the seed runbook's curl health checks). Same contract
// as an SSH host: `bash -s` with secrets and script on stdin (so they are in no argument list and
// no file), redacted streamed output, cancel by signal to the whole process group.
import { spawn } from 'node:child_process';
import type { Clock } from './clock';
import type { HostRunner, HostRunResult, RunRequest } from './hostRunner';
import { OutputPump } from './outputPump';
import { cancelReason, RunSupervisor, stopReason } from './runSupervisor';
import { scriptForStdin } from './stdinScript';

export const LOCAL_TARGET = 'local';

export interface LocalRunnerOptions {
  clock: Clock;
  /** Environment of the shell (defaults to this process's). Secrets never go here. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Shell binary; `bash` from PATH by default. */
  shell?: string;
}

export class LocalHostRunner implements HostRunner {
  readonly target = LOCAL_TARGET;

  constructor(private readonly options: LocalRunnerOptions) {}

  async run(request: RunRequest): Promise<HostRunResult> {
    const clock = this.options.clock;
    const startedAt = clock.now();
    const result = (fields: Partial<HostRunResult> & Pick<HostRunResult, 'status'>): HostRunResult => {
      const endedAt = clock.now();
      return { target: this.target, exitCode: null, signal: null, reason: null, errorKind: null, startedAt, endedAt, durationMs: endedAt - startedAt, unredacted: [], ...fields };
    };
    if (request.signal?.aborted) return result({ status: 'cancelled', reason: `${cancelReason(request.signal)} before the command started` });

    let input: string;
    try {
      input = scriptForStdin(request.script, request.secrets);
    } catch (error) {
      return result({ status: 'failed', reason: (error as Error).message });
    }

    // detached: the shell leads its own process group, so a signal reaches the commands it runs too.
    const child = spawn(this.options.shell ?? 'bash', ['-s'], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: this.options.env ?? process.env,
      cwd: this.options.cwd,
    });
    const spawned = new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', (error) => resolve(error));
    });
    const pump = new OutputPump(
      [
        { stream: 'stdout', readable: child.stdout },
        { stream: 'stderr', readable: child.stderr },
      ],
      { ...request.redact, ...request.secrets },
      request.onOutput,
      clock,
    );
    let giveUp!: () => void;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      giveUp = () => resolve({ code: child.exitCode, signal: child.signalCode ? child.signalCode.replace(/^SIG/, '') : null });
      child.once('close', (code, signal) => resolve({ code, signal: signal ? signal.replace(/^SIG/, '') : null }));
    });
    const spawnError = await spawned;
    if (spawnError) return result({ status: 'failed', reason: `could not start ${this.options.shell ?? 'bash'}: ${spawnError.message}` });

    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The group is already gone.
      }
    };
    const supervisor = new RunSupervisor(
      {
        signal: (name) => killGroup(`SIG${name}`),
        forceClose: () => killGroup('SIGKILL'),
        // A process that left the group (setsid) can hold the pipes open after the shell is dead.
        abandon: () => {
          pump.detach();
          giveUp();
        },
      },
      request,
    );
    supervisor.start();
    child.stdin.on('error', () => {
      // EPIPE when the shell exits before reading all of its input; the exit status tells the story.
    });
    child.stdin.end(input);

    const exit = await exited;
    await pump.whenDone();
    supervisor.dispose();

    const common = { exitCode: exit.code, signal: exit.signal, unredacted: pump.unredacted };
    const cause = supervisor.stopCause;
    if (cause) return result({ ...common, status: cause, reason: stopReason(cause, request, supervisor.abandoned) });
    if (pump.error) return result({ ...common, status: 'failed', reason: `output consumer failed: ${pump.error.message}` });
    if (exit.code === 0) return result({ ...common, status: 'succeeded' });
    return result({ ...common, status: 'failed', reason: exit.signal ? `killed by signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}` });
  }
}
