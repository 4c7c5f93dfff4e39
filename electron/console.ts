// The console: the one implementation of the API contract, wired from the workspace's parts.
// Both shells (Electron IPC, browser HTTP/WebSocket) and the tests talk to it through its router.
import type { LoggedEvent } from '../shared/log/eventTypes';
import { EventHub } from './core/eventHub';
import { createRouter, type ApiHandlers, type Router } from './core/router';
import type { HandlerContext, ViewerLinkProvider } from './handlers/context';
import { checklistHandlers } from './handlers/checklistHandlers';
import { demoHandlers } from './handlers/demoHandlers';
import type { DemoControl } from './demo/demoControl';
import { metricsHandlers } from './handlers/metricsHandlers';
import { notifyHandlers } from './handlers/notifyHandlers';
import { MilestoneClock } from './notify/milestoneClock';
import { Notifier, type NotifierDeps } from './notify/notifier';
import { SessionMonitors, type SessionMonitorsDeps } from './metrics/sessionMonitors';
import { runbookHandlers } from './handlers/runbookHandlers';
import { createRunbookParser } from './runbook/runbookParser';
import { sessionHandlers } from './handlers/sessionHandlers';
import { timelineHandlers } from './handlers/timelineHandlers';
import { sessionFileHandlers } from './handlers/sessionFileHandlers';
import { reportHandlers } from './handlers/reportHandlers';
import type { PdfPrinter } from './report/chromiumPdf';
import { stepHandlers } from './handlers/stepHandlers';
import { workspaceHandlers } from './handlers/workspaceHandlers';
import { recoverInterruptedWork, type Recoverer } from './sessions/recovery';
import { osKeychainProvider } from './secrets/osKeychain';
import { createSecretStore, type SecretStore, type SecretVault, type SecretVaultProvider } from './secrets/secretStore';
import { SessionRegistry } from './sessions/sessionRegistry';
import { SessionStates } from './sessions/sessionStates';
import { SessionWriter } from './sessions/sessionWriter';
import { openWorkspace, type Workspace } from './store/workspace';
import { OutputStore } from './steps/outputStore';
import { sshOptionsFromEnv, type StepsSshOptions } from './steps/sshSettings';
import { stepRunRecoverer } from './steps/stepRecovery';
import type { InFlightRun } from './steps/stepRunner';
import { StepService, type StepServiceDeps } from './steps/stepService';
import { createSeatGate } from './warroom/seatGate';
import { WarRoom } from './warroom/warRoom';
import { seatQueueHandlers } from './handlers/seatQueueHandlers';
import { warRoomHandlers } from './handlers/warRoomHandlers';

export interface ConsoleOptions {
  dataDir: string;
  version: string;
  shell: 'desktop' | 'browser';
  clock?: { now(): number };
  nativeBinding?: string;
  validateResults?: boolean;
  /** Features' start-up recoverers: in-progress work they name is closed as interrupted. */
  recoverers?: readonly Recoverer[];
  /** How the shell prints a report to PDF (Electron's printToPDF); headless Chromium otherwise. */
  printPdf?: PdfPrinter;
  /**
   * Where secrets a person asks to remember are kept: the desktop's safeStorage vault, or a
   * provider; default: the OS keychain through @napi-rs/keyring when a probe succeeds, else memory.
   */
  secretVault?: SecretVault | SecretVaultProvider;
  /** The shell's read-only war-room link, if it can serve one. */
  share?: ViewerLinkProvider;
  /** Metrics seams (fetch, timer, wall clock) and tuning; tests inject fakes here. */
  metrics?: Pick<SessionMonitorsDeps, 'fetch' | 'scheduler' | 'now' | 'clearAfterMs' | 'defaultSustainedMs' | 'backfillMs' | 'onError'>;
  /** Where steps' SSH reads ssh config, known_hosts and the agent; default: the user's, or TMINUS_SSH_* (electron/steps/sshSettings.ts). */
  ssh?: StepsSshOptions;
  /** Output grouping tuning for steps (tests, benchmarks). */
  stepOutput?: StepServiceDeps['recorder'];
  /** Notification seams (fetch, timer) and retry tuning; tests inject a short backoff here. */
  notify?: Pick<NotifierDeps, 'fetch' | 'scheduler' | 'maxAttempts' | 'retryBaseMs' | 'timeoutMs'>;
  /** How long one runbook may take to read before it is refused (default: TMINUS_RUNBOOK_PARSE_LIMIT_MS, else 10 s). */
  runbookParseLimitMs?: number;
  /** The demo launch's service and facts (`tminus demo` only); without it the chaos calls are refused. */
  demo?: DemoControl;
}

export interface ConsoleService {
  router: Router;
  hub: EventHub;
  workspace: Workspace;
  /** Seat tokens and presence, for the transports that serve seats. */
  warRoom: WarRoom;
  /** Resolves when every notification started so far has logged its last attempt (tests). */
  notificationsSettled(): Promise<void>;
  /** Step runs in flight, each with its session's name (for the terminal on shutdown). */
  inFlightRuns(): Array<InFlightRun & { sessionName: string }>;
  /** A graceful stop: no new run starts; resolves when the runs in flight have ended. */
  drainRuns(): Promise<void>;
  /** Stops everything; runs still in flight are cancelled as "cancelled because the console shut down". */
  close(): Promise<void>;
}

export function createConsole(options: ConsoleOptions): ConsoleService {
  const clock = options.clock ?? { now: () => Date.now() };
  const hub = new EventHub();
  let registry: SessionRegistry | null = null;
  let states: SessionStates | null = null;
  const onCommitted = (events: LoggedEvent[]) => {
    for (const event of events) {
      registry?.apply(event);
      states?.apply(event);
      hub.emit('log.appended', { sessionId: event.sessionId, event });
    }
  };
  const workspace = openWorkspace({ dataDir: options.dataDir, clock, nativeBinding: options.nativeBinding, onCommitted });
  registry = new SessionRegistry(workspace);
  states = new SessionStates(workspace.log, workspace.runbooks);
  const writer = new SessionWriter(workspace.log, registry);
  const outputs = new OutputStore(workspace.db);
  // Before anything is served: in-progress work from a previous run is closed as interrupted.
  recoverInterruptedWork(
    { log: workspace.log, sessionIds: () => workspace.log.sessionIds(), readOnlyReason: registry.readOnlyReason.bind(registry), state: states.get.bind(states) },
    [stepRunRecoverer(outputs, clock), ...(options.recoverers ?? [])],
  );
  const secrets: SecretStore = createSecretStore({ vault: options.secretVault ?? osKeychainProvider() });
  const runbookParser = createRunbookParser({ timeLimitMs: options.runbookParseLimitMs });
  const sessionStates = states;
  const warRoom = new WarRoom({ dataDir: options.dataDir, hub, clock, warRoomOf: (sessionId) => sessionStates.get(sessionId)?.warRoom ?? null });
  const context: HandlerContext = { version: options.version, shell: options.shell, clock, workspace, sessions: registry, states, writer, hub, secrets, runbookParser, share: options.share ?? { viewerLink: async () => null }, warRoom };
  const monitors = new SessionMonitors({
    ...options.metrics,
    sessionIds: () => workspace.log.sessionIds(),
    states,
    log: workspace.log,
    readOnlyReason: registry.readOnlyReason.bind(registry),
    hub,
    secrets: context.secrets,
  });
  const steps = new StepService({
    dataDir: options.dataDir,
    outputs,
    log: workspace.log,
    writer,
    sessions: registry,
    facts: (sessionId) => {
      const state = states?.get(sessionId);
      return { environment: state?.header.environment ?? 'production', acceptNew: state?.steps.acceptNew ?? false };
    },
    hub,
    clock,
    ssh: options.ssh ?? sshOptionsFromEnv(),
    secretsPersisted: options.secretVault !== undefined,
    recorder: options.stepOutput,
  });
  const notifier = new Notifier({
    ...options.notify,
    hub,
    log: workspace.log,
    states,
    sessionIds: () => workspace.log.sessionIds(),
    readOnlyReason: registry.readOnlyReason.bind(registry),
    secrets,
  });
  // Milestones reached are written to the log on the console clock; the notifier follows the log.
  const milestones = new MilestoneClock({
    hub,
    log: workspace.log,
    states,
    sessionIds: () => workspace.log.sessionIds(),
    readOnlyReason: registry.readOnlyReason.bind(registry),
    clock,
    scheduler: options.notify?.scheduler ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  });
  const handlers: ApiHandlers = {
    ...workspaceHandlers(context),
    ...sessionHandlers(context),
    ...runbookHandlers(context),
    ...checklistHandlers(context),
    ...timelineHandlers(context),
    ...sessionFileHandlers(context),
    ...reportHandlers(context, { printPdf: options.printPdf }),
    ...metricsHandlers(context, monitors),
    ...stepHandlers(context, steps),
    ...demoHandlers(context, options.demo ?? null),
    ...notifyHandlers(context, notifier, options.secretVault !== undefined ? 'keychain' : 'session'),
    ...warRoomHandlers(context),
    ...seatQueueHandlers(context),
  };
  const router = createRouter(handlers, { validateResults: options.validateResults, seatGate: createSeatGate({ states, writer, warRoom }) });
  // Sessions whose log says monitoring is on are watched again.
  monitors.restore();
  let closed = false;
  return {
    router,
    hub,
    workspace,
    warRoom,
    notificationsSettled: () => notifier.settled(),
    inFlightRuns: () => steps.inFlight().map((run) => ({ ...run, sessionName: registry?.get(run.sessionId)?.name ?? run.sessionId })),
    drainRuns: () => steps.drain(),
    async close() {
      if (closed) return;
      closed = true;
      await steps.close();
      milestones.dispose();
      notifier.dispose();
      monitors.dispose();
      await runbookParser.close();
      workspace.close();
    },
  };
}
