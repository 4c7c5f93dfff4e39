// Everything checked before a step starts, so a refused run writes nothing: the session takes
// changes, the step exists, its targets resolve, nothing of the same step is running, a
// production run carries the deliberate confirmation (the step title typed exactly), every secret
// the script reads has a value. The result is the plan the runner executes.
import { ApiError } from '../../shared/api/errors';
import type { ParsedInput } from '../../shared/api/contract';
import { MIN_SECRET_LENGTH } from '../../shared/redact';
import type { Runbook, Step } from '../../shared/runbook/model';
import type { SessionState } from '../../shared/session/sessionState';
import { describeWaitingFor, waitingFor, type WaitingFor } from '../../shared/session/planInputs';
import { environmentSecretName, type SecretStore } from '../secrets/secretStore';
import { PLAYBOOK_SHELL } from '../../shared/runbook/import/playbook';
import { LocalHostRunner, SshError, type Clock, type HostRunner } from '../ssh';
import { planAnsible, type AnsiblePlan } from './ansiblePlan';
import { unknownOutcomeHosts } from '../../shared/session/unknownOutcome';
import { resolveTargets, sessionHosts, type ResolvedTargets } from './inventory';
import type { SessionSsh } from './sessionSsh';

export type RunStepInput = ParsedInput<'runStep'>;

export interface RunPlan {
  sessionId: string;
  step: Step;
  targets: ResolvedTargets;
  runners: HostRunner[];
  /** Set for a playbook step: it runs through ansible-playbook instead of the runners. */
  ansible: AnsiblePlan | null;
  /** The step's own secrets, exported to its script. */
  secrets: Record<string, string>;
  /** Every secret value of the session, and every other one the console knows, redacted from the output. */
  redact: Record<string, string>;
  timeoutMs: number | null;
  confirmation: { method: 'typed' | 'hold'; text: string | null } | null;
  rerunOf: string | null;
  /** What the step waited for that was not done, and why it ran anyway; null when in order. */
  outOfOrder: { reason: string; waitingFor: WaitingFor[] } | null;
  /** Targets whose earlier outcome is unknown, run again with the person's acknowledgement. */
  acknowledgedUnknown: string[];
}

export interface PlanDeps {
  state: SessionState;
  runbook: Runbook | null;
  secrets: SecretStore;
  clock: Clock;
  ssh: () => SessionSsh;
  /** Whether a run of this step is in progress in this console. */
  isRunning: (stepId: string) => string | null;
  /** Environment of local runs (T-Minus's own secret variables are removed from it). */
  localEnv: NodeJS.ProcessEnv;
  /** Every session of the workspace, whose secrets are redacted from this run's output too. */
  sessionIds: () => readonly string[];
}

export function planRun(input: RunStepInput, deps: PlanDeps): RunPlan {
  const { state, runbook } = deps;
  if (!runbook) throw new ApiError('invalid_input', 'This session has no runbook, so it has no steps to run.');
  const step = runbook.steps.find((candidate) => candidate.id === input.stepId);
  if (!step) throw new ApiError('not_found', `This session's runbook has no step ${input.stepId}.`);

  const running = deps.isRunning(step.id) ?? Object.values(state.steps.runs).find((run) => run.stepId === step.id && run.status === 'running')?.runId;
  if (running) {
    const run = state.steps.runs[running];
    throw new ApiError('conflict', `"${step.title}" is already running (run ${running.slice(0, 8)}${run ? `, started by ${run.startedBy.name}` : ''}); wait for it to end or cancel it first.`);
  }

  let requested = input.targets ?? null;
  if (input.rerunOf) {
    const earlier = state.steps.runs[input.rerunOf];
    if (!earlier) throw new ApiError('not_found', `This session has no run ${input.rerunOf} to re-run.`);
    if (earlier.stepId !== step.id) throw new ApiError('invalid_input', `Run ${input.rerunOf.slice(0, 8)} was a run of "${earlier.stepTitle}", not of "${step.title}".`, [{ path: 'rerunOf', message: 'a run of another step' }]);
    if (!requested) {
      requested = earlier.targets.filter((target) => earlier.hosts[target]?.status !== 'succeeded');
      if (requested.length === 0) throw new ApiError('invalid_input', `Every host of run ${input.rerunOf.slice(0, 8)} succeeded: there is nothing to re-run.`, [{ path: 'rerunOf', message: 'no failed hosts' }]);
    }
  }
  const inventory = sessionHosts(state.steps, runbook);
  const targets = resolveTargets(step, requested, inventory);
  const ansible = step.shell === PLAYBOOK_SHELL ? planAnsible(step, targets, inventory, deps.ssh(), deps.localEnv) : null;
  const acknowledgedUnknown = checkUnknownOutcomes(step, targets.names, state, input.acknowledgedUnknown ?? []);

  const confirmation = input.confirmation ?? null;
  if (state.header.environment === 'production' && confirmation?.text !== step.title) {
    const where = targets.names.join(', ');
    throw new ApiError(
      'invalid_input',
      confirmation
        ? `The confirmation does not match: type the step title exactly — "${step.title}" — to run it in production on ${where}.`
        : `Running "${step.title}" in production on ${where} needs a deliberate confirmation: type the step title exactly — "${step.title}".`,
      [{ path: 'confirmation.text', message: `must be exactly "${step.title}"` }],
    );
  }

  // A re-run of failed hosts repeats a start already made (and reasoned) in or out of order.
  const waiting = input.rerunOf ? [] : waitingFor(runbook, state, step.id, deps.clock.now());
  const reason = input.outOfOrderReason ?? null;
  if (waiting.length > 0 && !reason) {
    throw new ApiError(
      'invalid_input',
      `"${step.title}" waits for ${describeWaitingFor(waiting)}. To run it out of order, give a reason (it is logged with the run).`,
      [{ path: 'outOfOrderReason', message: 'required: the step runs before what it waits for is done' }],
    );
  }

  const missing = step.secrets.filter((name) => deps.secrets.get(state.header.id, name) === null);
  if (missing.length > 0) {
    throw new ApiError(
      'invalid_input',
      `"${step.title}" reads ${missing.length === 1 ? 'the secret' : 'the secrets'} ${missing.join(', ')}, which ${missing.length === 1 ? 'has' : 'have'} no value in this session: give ${missing.length === 1 ? 'it' : 'them'} a value first (or set ${missing.map(environmentSecretName).join(', ')} before starting T-Minus).`,
      missing.map((name) => ({ path: 'secrets', message: `${name} has no value` })),
    );
  }
  const allNames = [...new Set([...runbook.secrets, ...state.steps.secretsProvided])];

  const runners: HostRunner[] = [];
  // A playbook step has no runners: ansible-playbook reaches the hosts itself.
  if (!ansible) {
    if (targets.local) runners.push(new LocalHostRunner({ clock: deps.clock, env: deps.localEnv }));
    for (const host of targets.hosts) {
      try {
        runners.push(deps.ssh().runner(host));
      } catch (error) {
        if (!(error instanceof SshError)) throw error;
        throw new ApiError('invalid_input', `Cannot resolve ${host.name}: ${error.message}`, [{ path: 'targets', message: error.message }]);
      }
    }
  }

  return {
    sessionId: state.header.id,
    step,
    targets,
    runners,
    ansible,
    secrets: deps.secrets.values(state.header.id, step.secrets),
    redact: redactionSet(deps.secrets.values(state.header.id, allNames), deps.secrets.allValues(deps.sessionIds())),
    timeoutMs: input.timeoutMs ?? step.timeoutMs ?? null,
    confirmation,
    rerunOf: input.rerunOf ?? null,
    outOfOrder: waiting.length > 0 && reason ? { reason, waitingFor: waiting } : null,
    acknowledgedUnknown,
  };
}

/**
 * The session's own secrets under their names, plus every other value the console knows that is
 * long enough to redact (a short foreign value would only be reported as unredactable, by a name
 * this run never used).
 */
export function redactionSet(own: Record<string, string>, known: Record<string, string>): Record<string, string> {
  const result = { ...own };
  const values = new Set(Object.values(own));
  for (const [name, value] of Object.entries(known)) {
    if (values.has(value) || value.length < MIN_SECRET_LENGTH) continue;
    values.add(value);
    let key = name;
    for (let n = 2; key in result; n++) key = `${name}#${n}`;
    result[key] = value;
  }
  return result;
}

/**
 * Refuses to run a step again on a host where its last run's outcome is unknown unless the person
 * acknowledged exactly that; answers the acknowledged hosts (for the log).
 */
function checkUnknownOutcomes(step: Step, targetNames: readonly string[], state: SessionState, acknowledged: readonly string[]): string[] {
  const unknown = unknownOutcomeHosts(state.steps, step.id);
  const affected = targetNames.filter((name) => unknown.has(name));
  const missing = affected.filter((name) => !acknowledged.includes(name));
  if (missing.length > 0) {
    throw new ApiError(
      'invalid_input',
      `The outcome of the last run of "${step.title}" on ${missing.join(', ')} is unknown (the connection was lost while the command ran): it may have finished or may still be running there. Check the host first; running it again needs an explicit acknowledgement.`,
      missing.map((name) => ({ path: 'acknowledgedUnknown', message: `${name}: outcome unknown, not acknowledged` })),
    );
  }
  return affected;
}

/** This process's environment without T-Minus's own secret variables (local runs never see them unasked). */
export function environmentWithoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('TMINUS_SECRET_')));
}
