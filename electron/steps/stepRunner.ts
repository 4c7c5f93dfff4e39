// Runs a planned step: `step.runStarted` is committed (by the person who clicked Run) before the
// call answers; then the engine fans out and the console records what it observes as it happens —
// `step.hostStarted`, output in groups, `step.hostFinished` (exit code, reason, output digest),
// `step.runFinished`. Those are written by the console itself (SYSTEM_ACTOR): they are results,
// not anyone's action, and writing them under the starter's name would put words in the mouth of
// whoever is at the keyboard when a host finishes. Cancels are by the person who asked.
import { createHash, randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import { SYSTEM_ACTOR, type Actor } from '../../shared/log/actor';
import type { EventPayload, EventType, LoggedEvent } from '../../shared/log/eventTypes';
import { redactText } from '../../shared/redact';
import type { SessionWriter } from '../sessions/sessionWriter';
import { runPlaybook } from '../ansible';
import { runFanOut, type Clock, type HostRunResult, type OutputChunk } from '../ssh';
import type { AppendRequest, EventLog } from '../store/eventLog';
import type { HostOutput, OutputRecorder } from './outputRecorder';
import { EMPTY_OUTPUT_DIGEST, type OutputStore } from './outputStore';
import type { RunPlan, RunStepInput } from './runPlan';

export interface StepRunnerDeps {
  log: Pick<EventLog, 'appendMany'>;
  writer: Pick<SessionWriter, 'write'>;
  recorder: OutputRecorder;
  outputs: OutputStore;
  clock: Clock;
  cancelGraceMs?: number;
  onError?: (what: string, error: unknown) => void;
}

interface ActiveRun {
  sessionId: string;
  runId: string;
  stepId: string;
  stepTitle: string;
  targets: string[];
  abort: AbortController;
  done: Promise<void>;
}

/** A run still going, as the terminal names it when the console is asked to stop. */
export interface InFlightRun {
  sessionId: string;
  runId: string;
  stepTitle: string;
  targets: string[];
}

/**
 * Why runs stopped when the console itself stopped them: the abort reason the host runners read,
 * the `step.cancelRequested` reason (by the system actor) and what the UI shows per host. Never
 * "cancelled by the user": nobody clicked Cancel.
 */
export const CONSOLE_SHUTDOWN_REASON = 'cancelled because the console shut down';

export class StepRunner {
  private readonly active = new Map<string, ActiveRun>();
  private closing = false;

  constructor(private readonly deps: StepRunnerDeps) {}

  /** The run of this step in progress in this console, if any. */
  runningRunOf(sessionId: string, stepId: string): string | null {
    for (const run of this.active.values()) if (run.sessionId === sessionId && run.stepId === stepId) return run.runId;
    return null;
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Commits the start and sets the run going; resolves once the start is in the log. */
  start(plan: RunPlan, input: RunStepInput): { runId: string; seq: number; targets: string[] } {
    if (this.closing) throw new ApiError('unavailable', 'T-Minus is shutting down; no new runs start.');
    const runId = randomUUID();
    const { step } = plan;
    const started = this.deps.writer.write(plan.sessionId, input.actor, [
      {
        type: 'step.runStarted',
        payload: {
          runId,
          stepId: step.id,
          stepTitle: step.title,
          scriptSha256: createHash('sha256').update(step.script).digest('hex'),
          targets: plan.targets.names,
          policy: input.policy,
          concurrency: input.concurrency,
          timeoutMs: plan.timeoutMs,
          secretNames: step.secrets,
          confirmation: plan.confirmation,
          rerunOf: plan.rerunOf,
          ...(plan.ansible ? { runner: 'ansible' as const } : {}),
          ...(plan.outOfOrder ? { outOfOrder: plan.outOfOrder } : {}),
          ...(plan.acknowledgedUnknown.length ? { acknowledgedUnknown: plan.acknowledgedUnknown } : {}),
        },
      },
    ]);
    const abort = new AbortController();
    const run: ActiveRun = { sessionId: plan.sessionId, runId, stepId: step.id, stepTitle: step.title, targets: plan.targets.names, abort, done: Promise.resolve() };
    this.active.set(runId, run);
    run.done = this.execute(plan, input, runId, abort).finally(() => this.active.delete(runId));
    return { runId, seq: started.at(-1)!.seq, targets: plan.targets.names };
  }

  /** Logs the request (by `actor`) and aborts the run: SIGINT, SIGTERM, close on every running host. */
  cancel(sessionId: string, runId: string, actor: Actor, reason: string | null): LoggedEvent[] {
    const run = this.active.get(runId);
    if (!run || run.sessionId !== sessionId) {
      throw new ApiError('conflict', `Run ${runId.slice(0, 8)} is not running in this console (it ended, or T-Minus was restarted while it ran).`);
    }
    const events = this.deps.writer.write(sessionId, actor, [{ type: 'step.cancelRequested', payload: { runId, reason } }]);
    run.abort.abort();
    return events;
  }

  inFlight(): InFlightRun[] {
    return [...this.active.values()].map(({ sessionId, runId, stepTitle, targets }) => ({ sessionId, runId, stepTitle, targets }));
  }

  /** A graceful stop: no new run starts; resolves when every run in flight has ended by itself. */
  async drain(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.active.values()].map((run) => run.done));
  }

  /** Shutdown: cancels what is running (logged by the system, naming the shutdown) and waits a little for the hosts to confirm. */
  async close(waitMs = 5_000): Promise<void> {
    this.closing = true;
    const runs = [...this.active.values()];
    for (const run of runs) {
      this.append(run.sessionId, 'step.cancelRequested', { runId: run.runId, reason: CONSOLE_SHUTDOWN_REASON });
      run.abort.abort(CONSOLE_SHUTDOWN_REASON);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(runs.map((run) => run.done)), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  private async execute(plan: RunPlan, input: RunStepInput, runId: string, abort: AbortController): Promise<void> {
    const { sessionId } = plan;
    const startedAt = this.deps.clock.now();
    const outputs = new Map<string, HostOutput>();
    const finished = new Set<string>();
    // The last host's end is followed at once by the run's: both go in one commit (one fsync
    // fewer per run; on a crash in between, start-up recovery closes the run as interrupted).
    let lastHostFinished: EventPayload<'step.hostFinished'> | null = null;
    const finishHost = (result: HostRunResult): void => {
      // After a failure of the console itself the run is closed already; late hosts are not logged twice.
      if (finished.has(result.target)) return;
      finished.add(result.target);
      const payload = this.hostFinished(plan, runId, result, outputs.get(result.target));
      if (finished.size === plan.targets.names.length) lastHostFinished = payload;
      else this.append(sessionId, 'step.hostFinished', payload);
    };
    const finishRun = (status: EventPayload<'step.runFinished'>['status']): void => {
      const runFinished = { sessionId, actor: SYSTEM_ACTOR, type: 'step.runFinished' as const, payload: { runId, status, durationMs: Math.max(0, this.deps.clock.now() - startedAt) } };
      const hostEnd = lastHostFinished ? [{ sessionId, actor: SYSTEM_ACTOR, type: 'step.hostFinished' as const, payload: lastHostFinished }] : [];
      this.deps.log.appendMany([...hostEnd, runFinished] as AppendRequest[]);
      lastHostFinished = null;
    };
    try {
      const common = {
        request: { script: plan.step.script, secrets: plan.secrets, redact: plan.redact, timeoutMs: plan.timeoutMs, cancelGraceMs: this.deps.cancelGraceMs },
        policy: input.policy,
        concurrency: input.concurrency,
        signal: abort.signal,
        onHostStart: (target: string) => {
          outputs.set(target, this.deps.recorder.open({ sessionId, runId, target }));
          this.append(sessionId, 'step.hostStarted', { runId, target });
        },
        onOutput: (target: string, chunk: OutputChunk) => this.deps.recorder.push(outputs.get(target)!, chunk),
        onHostEnd: finishHost,
      };
      const { ansible } = plan;
      const fanOut = ansible
        ? await runPlaybook({
            ...common,
            ...ansible,
            playbook: plan.step.script,
            targets: plan.targets.names,
            trustedKeys: await ansible.trustedKeys(),
            clock: this.deps.clock,
          })
        : await runFanOut({ ...common, runners: plan.runners });
      finishRun(fanOut.status);
    } catch (error) {
      // A bug or a closed database: close the run in the log if the log still takes events, so it
      // does not show as running forever (start-up recovery covers the case where it does not).
      this.report(`step run ${runId}`, error);
      abort.abort();
      const reason = `T-Minus failed while running the step: ${error instanceof Error ? error.message : String(error)}`;
      try {
        for (const target of plan.targets.names) {
          if (finished.has(target)) continue;
          const result: HostRunResult = { target, status: 'failed', exitCode: null, signal: null, reason, errorKind: null, startedAt: null, endedAt: null, durationMs: null, unredacted: [] };
          finishHost(result);
        }
        finishRun('failed');
      } catch (again) {
        this.report(`closing step run ${runId}`, again);
      }
    }
  }

  private hostFinished(plan: RunPlan, runId: string, result: HostRunResult, output: HostOutput | undefined): EventPayload<'step.hostFinished'> {
    let status = result.status;
    let reason = result.reason;
    let digest = EMPTY_OUTPUT_DIGEST;
    if (output) {
      const finished = this.deps.recorder.finish(output);
      digest = finished.digest;
      if (finished.failure) {
        // Part of the output is not stored: record what is, and say so.
        digest = this.deps.outputs.digest(output.key);
        status = 'failed';
        reason = `${finished.failure.message}${reason ? `; ${reason}` : ''}`;
      }
    }
    return {
      runId,
      target: result.target,
      status,
      exitCode: result.exitCode,
      signal: result.signal,
      // Engine messages carry no output, but a reason must never be the one place a secret leaks.
      reason: reason === null ? null : redactText(reason, plan.redact),
      errorKind: result.errorKind,
      durationMs: result.durationMs,
      outputBytes: digest.bytes,
      outputChunks: digest.chunks,
      outputSha256: digest.sha256,
      unredactedSecrets: result.unredacted,
      remoteProcessGroup: result.processGroup ?? null,
    };
  }

  private append<T extends EventType>(sessionId: string, type: T, payload: AppendRequest<T>['payload']): void {
    this.deps.log.appendMany([{ sessionId, actor: SYSTEM_ACTOR, type, payload } as AppendRequest]);
  }

  private report(what: string, error: unknown): void {
    (this.deps.onError ?? ((w, e) => console.error(`[tminus] ${w} failed:`, e)))(what, error);
  }
}
