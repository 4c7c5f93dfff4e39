// The console's step-running parts, built once per console: the output store and recorder (the
// recorder's sink writes each group in one transaction and pushes it as `step.output`), the prompt
// broker, the trusted-keys file, one SSH context per session, and the runner. Closed with the
// console: running steps are cancelled (logged), output flushed, connections closed.
import { SYSTEM_ACTOR, type Actor } from '../../shared/log/actor';
import type { EventHub } from '../core/eventHub';
import type { SessionRegistry } from '../sessions/sessionRegistry';
import type { SessionWriter } from '../sessions/sessionWriter';
import { JsonFileTrustStore, type Clock } from '../ssh';
import type { EventLog } from '../store/eventLog';
import { OutputRecorder, type OutputRecorderOptions } from './outputRecorder';
import type { OutputStore } from './outputStore';
import { PromptBroker } from './promptBroker';
import { SessionSsh, type KeyDecisionPayload, type SessionFacts } from './sessionSsh';
import { resolveSshSettings, type SshSettings, type StepsSshOptions } from './sshSettings';
import { StepRunner, type InFlightRun } from './stepRunner';

export interface StepServiceDeps {
  dataDir: string;
  outputs: OutputStore;
  log: Pick<EventLog, 'appendMany'>;
  writer: SessionWriter;
  sessions: Pick<SessionRegistry, 'readOnlyReason'>;
  /** A session's environment and accept-new switch, from its log (unknown sessions count as production). */
  facts(sessionId: string): SessionFacts;
  hub: EventHub;
  clock: Clock;
  ssh?: StepsSshOptions;
  /** Secret values given in a session are kept encrypted on disk (the desktop's OS keychain). */
  secretsPersisted: boolean;
  /** Tuning of output grouping (tests, benchmarks). */
  recorder?: Omit<OutputRecorderOptions, 'sink'>;
  onError?: (what: string, error: unknown) => void;
}

export class StepService {
  readonly outputs: OutputStore;
  readonly recorder: OutputRecorder;
  readonly broker: PromptBroker;
  readonly runner: StepRunner;
  readonly settings: SshSettings;
  readonly secretsPersisted: boolean;
  private readonly trustStore: JsonFileTrustStore;
  private readonly sessionSsh = new Map<string, SessionSsh>();
  private closed = false;

  constructor(private readonly deps: StepServiceDeps) {
    this.settings = resolveSshSettings(deps.ssh ?? {}, deps.dataDir);
    this.secretsPersisted = deps.secretsPersisted;
    this.outputs = deps.outputs;
    this.recorder = new OutputRecorder({
      ...deps.recorder,
      sink: (groups) => {
        this.outputs.write(groups);
        for (const group of groups) deps.hub.emit('step.output', group);
      },
    });
    this.broker = new PromptBroker(deps.hub, this.settings.promptTimeoutMs);
    this.trustStore = new JsonFileTrustStore(this.settings.trustStorePath);
    this.runner = new StepRunner({
      log: deps.log,
      writer: deps.writer,
      recorder: this.recorder,
      outputs: this.outputs,
      clock: deps.clock,
      cancelGraceMs: this.settings.cancelGraceMs,
      onError: deps.onError,
    });
  }

  /** The session's SSH context (policy, pool), made on first use. */
  ssh(sessionId: string): SessionSsh {
    let ssh = this.sessionSsh.get(sessionId);
    if (!ssh) {
      ssh = new SessionSsh({
        sessionId,
        settings: this.settings,
        trustStore: this.trustStore,
        broker: this.broker,
        clock: this.deps.clock,
        facts: () => this.deps.facts(sessionId),
        recordDecision: (actor, payload) => this.recordDecision(sessionId, actor, payload),
      });
      this.sessionSsh.set(sessionId, ssh);
    }
    return ssh;
  }

  /** Runs still going (named by the terminal when asked to stop). */
  inFlight(): InFlightRun[] {
    return this.runner.inFlight();
  }

  /** No new run starts; resolves when the runs in flight have ended by themselves. */
  drain(): Promise<void> {
    return this.runner.drain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.broker.close('T-Minus is shutting down');
    await this.runner.close();
    this.recorder.close();
    await Promise.all([...this.sessionSsh.values()].map((ssh) => ssh.close()));
  }

  /** A host-key decision goes into the log of the session whose connection met the key. */
  private recordDecision(sessionId: string, actor: Actor, payload: KeyDecisionPayload): void {
    if (this.closed || this.deps.sessions.readOnlyReason(sessionId) !== null) return;
    try {
      if (actor === SYSTEM_ACTOR) this.deps.log.appendMany([{ sessionId, actor, type: 'host.keyDecision', payload }]);
      else this.deps.writer.write(sessionId, actor, [{ type: 'host.keyDecision', payload }]);
    } catch (error) {
      (this.deps.onError ?? ((what, e) => console.error(`[tminus] ${what} failed:`, e)))(`logging a host-key decision for ${payload.host}`, error);
    }
  }
}
