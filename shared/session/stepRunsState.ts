// Step runs as the log tells them: every run with its hosts, statuses, exit codes and who started
// it; the session's inventory; host-key decisions; the last pre-flight. Folded in place for a
// rebuild and copy-on-write per event for the UI, like the checklist.
import type { Actor } from '../log/actor';
import type { EventPayload, LoggedEvent } from '../log/eventTypes';
import type { StepRun } from '../timeline/runs';

export type HostRunState = {
  target: string;
  status: 'pending' | 'running' | EventPayload<'step.hostFinished'>['status'];
  startedAt: string | null;
  endedAt: string | null;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  durationMs: number | null;
  outputBytes: number;
  outputSha256: string | null;
  /** What ended it when it failed in the SSH layer (`connection-lost` …). */
  errorKind: string | null;
  /** The remote process group, once the host reported it. */
  processGroup: number | null;
  /** The last check of a host whose outcome is unknown. */
  check: (EventPayload<'step.hostChecked'> & { at: string; actor: Actor }) | null;
};

export interface StepRunState {
  runId: string;
  stepId: string;
  stepTitle: string;
  startedAt: string;
  startedBy: Actor;
  endedAt: string | null;
  status: 'running' | EventPayload<'step.runFinished'>['status'];
  policy: EventPayload<'step.runStarted'>['policy'];
  /** Most hosts at once the run allowed. */
  concurrency: number;
  confirmation: EventPayload<'step.runStarted'>['confirmation'];
  rerunOf: string | null;
  /** Started before what it waits for was done: what that was and the reason given. */
  outOfOrder: EventPayload<'step.runStarted'>['outOfOrder'] | null;
  /** Hosts run again although their earlier outcome was unknown, as acknowledged when starting. */
  acknowledgedUnknown: string[];
  secretNames: string[];
  cancelRequested: boolean;
  hosts: Record<string, HostRunState>;
  /** Target names in the order given. */
  targets: string[];
}

export interface StepRunsState {
  runs: Record<string, StepRunState>;
  /** Run ids, oldest first. */
  order: string[];
  inventory: EventPayload<'hosts.inventorySet'> | null;
  keyDecisions: Array<EventPayload<'host.keyDecision'> & { at: string; actor: Actor }>;
  lastCheck: (EventPayload<'hosts.checked'> & { at: string }) | null;
  /** Secret names given for this session (values never). */
  secretsProvided: string[];
  /** Production: whether the IC turned on StrictHostKeyChecking accept-new for this session. */
  acceptNew: boolean;
}

export function emptyStepRunsState(): StepRunsState {
  return { runs: {}, order: [], inventory: null, keyDecisions: [], lastCheck: null, secretsProvided: [], acceptNew: false };
}

const pendingHost = (target: string): HostRunState => ({
  target,
  status: 'pending',
  startedAt: null,
  endedAt: null,
  exitCode: null,
  signal: null,
  reason: null,
  durationMs: null,
  outputBytes: 0,
  outputSha256: null,
  errorKind: null,
  processGroup: null,
  check: null,
});

/** Folds one event in place; returns false when it is not about steps or hosts. */
export function reduceStepRuns(state: StepRunsState, event: LoggedEvent): boolean {
  switch (event.type) {
    case 'step.runStarted': {
      const p = event.payload;
      state.runs[p.runId] = {
        runId: p.runId,
        stepId: p.stepId,
        stepTitle: p.stepTitle,
        startedAt: event.at,
        startedBy: event.actor,
        endedAt: null,
        status: 'running',
        policy: p.policy,
        concurrency: p.concurrency,
        confirmation: p.confirmation,
        rerunOf: p.rerunOf,
        outOfOrder: p.outOfOrder ?? null,
        acknowledgedUnknown: p.acknowledgedUnknown ?? [],
        secretNames: p.secretNames,
        cancelRequested: false,
        hosts: Object.fromEntries(p.targets.map((target) => [target, pendingHost(target)])),
        targets: p.targets,
      };
      state.order.push(p.runId);
      return true;
    }
    case 'step.hostStarted': {
      const host = state.runs[event.payload.runId]?.hosts[event.payload.target];
      if (host) Object.assign(host, { status: 'running', startedAt: event.at });
      return true;
    }
    case 'step.hostFinished': {
      const p = event.payload;
      const host = state.runs[p.runId]?.hosts[p.target];
      if (host) {
        Object.assign(host, {
          status: p.status,
          endedAt: event.at,
          exitCode: p.exitCode,
          signal: p.signal,
          reason: p.reason,
          durationMs: p.durationMs,
          outputBytes: p.outputBytes,
          outputSha256: p.outputSha256,
          errorKind: p.errorKind,
          processGroup: p.remoteProcessGroup ?? null,
        });
      }
      return true;
    }
    case 'step.hostChecked': {
      const host = state.runs[event.payload.runId]?.hosts[event.payload.target];
      if (host) host.check = { ...event.payload, at: event.at, actor: event.actor };
      return true;
    }
    case 'step.cancelRequested': {
      const run = state.runs[event.payload.runId];
      if (run) run.cancelRequested = true;
      return true;
    }
    case 'step.runFinished': {
      const run = state.runs[event.payload.runId];
      if (run) Object.assign(run, { status: event.payload.status, endedAt: event.at });
      return true;
    }
    case 'hosts.inventorySet':
      state.inventory = event.payload;
      return true;
    case 'host.keyDecision':
      state.keyDecisions.push({ ...event.payload, at: event.at, actor: event.actor });
      return true;
    case 'hosts.checked':
      state.lastCheck = { ...event.payload, at: event.at };
      return true;
    case 'hosts.acceptNewSet':
      state.acceptNew = event.payload.enabled;
      return true;
    case 'secrets.provided':
      state.secretsProvided = [...new Set([...state.secretsProvided, ...event.payload.names])].sort();
      return true;
    case 'secrets.forgotten':
      state.secretsProvided = state.secretsProvided.filter((name) => !event.payload.names.includes(name));
      return true;
    default:
      return false;
  }
}

/** Copy-on-write version for the UI: copies only the run an event touches. */
export function applyStepRunsEvent(state: StepRunsState, event: LoggedEvent): StepRunsState {
  if (!event.type.startsWith('step.') && !event.type.startsWith('host') && !event.type.startsWith('secrets.')) return state;
  const runId = (event.payload as { runId?: string }).runId;
  const run = runId ? state.runs[runId] : undefined;
  const next: StepRunsState = {
    ...state,
    runs: run ? { ...state.runs, [run.runId]: { ...run, hosts: Object.fromEntries(Object.entries(run.hosts).map(([k, h]) => [k, { ...h }])) } } : { ...state.runs },
    order: [...state.order],
    keyDecisions: [...state.keyDecisions],
  };
  reduceStepRuns(next, event);
  return next;
}

/** The runs as the timeline reads them (plan vs actual, projection). */
export function timelineRuns(state: StepRunsState): StepRun[] {
  return state.order.map((runId) => {
    const run = state.runs[runId]!;
    return {
      stepId: run.stepId,
      startedAtMs: Date.parse(run.startedAt),
      endedAtMs: run.endedAt ? Date.parse(run.endedAt) : null,
      status: run.status,
    };
  });
}

/** Runs still open (for start-up recovery: closed as interrupted). */
export function openRuns(state: StepRunsState): StepRunState[] {
  return state.order.map((id) => state.runs[id]!).filter((run) => run.status === 'running');
}
