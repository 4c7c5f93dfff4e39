// Running the runbook's steps on hosts: inventory, secrets, pre-flight, runs, output, prompts.
// The stateful parts live in the StepService (electron/steps/); these handlers check input against
// the session and turn it into events.
import { ApiError } from '../../shared/api/errors';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import { MIN_SECRET_LENGTH } from '../../shared/redact';
import type { HostSpec, Runbook } from '../../shared/runbook/model';
import type { SessionState } from '../../shared/session/sessionState';
import type { ApiHandlers } from '../core/router';
import { trustKeysPhrase } from '../../shared/api/steps';
import { checkProcessGroup, preflightHosts, SshError, type HostPreflight, type PreflightTarget } from '../ssh';
import { comparePasted, parsePastedKeys } from '../ssh/pastedKeys';
import { groupsOf, inventoryProblems, inventoryView, sessionHosts } from '../steps/inventory';
import { environmentWithoutSecrets, planRun } from '../steps/runPlan';
import { sshConfigContext } from '../steps/sshSettings';
import type { StepService } from '../steps/stepService';
import type { HandlerContext } from './context';

type StepCallName =
  | 'getInventory'
  | 'setInventory'
  | 'checkHosts'
  | 'trustHostKeys'
  | 'compareHostKeys'
  | 'setAcceptNew'
  | 'getSecretsStatus'
  | 'getSecretStorage'
  | 'setSecret'
  | 'forgetSecret'
  | 'runStep'
  | 'cancelRun'
  | 'checkRunHost'
  | 'getRunOutput'
  | 'listPrompts'
  | 'answerHostKeyPrompt'
  | 'answerPassphrasePrompt';

/** A page of output is at most this many characters (past its first chunk), whatever `limit` says. */
const MAX_PAGE_CHARS = 2 * 1024 * 1024;

export function stepHandlers(context: HandlerContext, steps: StepService): Pick<ApiHandlers, StepCallName> {
  const { states, writer, workspace, secrets, clock } = context;

  function session(sessionId: string): { state: SessionState; runbook: Runbook | null } {
    const state = states.get(sessionId);
    if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
    return { state, runbook: states.runbook(sessionId) };
  }

  function committed(sessionId: string, events: LoggedEvent[]) {
    const last = events.at(-1);
    if (last) return { changed: true, seq: last.seq, hash: last.hash };
    const head = workspace.log.head(sessionId)!;
    return { changed: false, seq: head.seq, hash: head.hash };
  }

  function secretNames(state: SessionState, runbook: Runbook | null): string[] {
    return [...new Set([...(runbook?.secrets ?? []), ...state.steps.secretsProvided])].sort();
  }

  /** Host or group names → inventory hosts (pre-flight); all hosts when none are named. */
  function pickHosts(inventory: readonly HostSpec[], names: readonly string[] | undefined): HostSpec[] {
    if (!names || names.length === 0) return [...inventory];
    const unknown = names.filter((name) => !inventory.some((host) => host.name === name || host.groups.includes(name)));
    if (unknown.length > 0) {
      throw new ApiError('invalid_input', `Not in this session's inventory: ${unknown.join(', ')}.`, [{ path: 'hosts', message: `unknown: ${unknown.join(', ')}` }]);
    }
    return inventory.filter((host) => names.includes(host.name) || host.groups.some((group) => names.includes(group)));
  }

  return {
    getInventory: ({ sessionId }) => {
      const { state, runbook } = session(sessionId);
      const hosts = sessionHosts(state.steps, runbook);
      let ssh;
      try {
        ssh = sshConfigContext(steps.settings);
      } catch {
        // An unreadable ssh config shows as "adds nothing" here; a run names the problem.
        ssh = { configText: null, homeDir: steps.settings.homeDir, localUser: '', localHost: '' };
      }
      return { hosts: inventoryView(hosts, runbook, ssh), groups: groupsOf(hosts) };
    },

    setInventory: ({ sessionId, actor, hosts }) => {
      writer.assertWritable(sessionId);
      const problems = inventoryProblems(hosts);
      if (problems.length > 0) throw new ApiError('invalid_input', `The inventory has ${problems.length === 1 ? 'a problem' : 'problems'}: ${problems.map((p) => p.message).join('; ')}.`, problems);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'hosts.inventorySet', payload: { hosts, source: 'ui' } }]));
    },

    checkHosts: async ({ sessionId, actor, hosts: names }) => {
      writer.assertWritable(sessionId);
      const { state, runbook } = session(sessionId);
      const hosts = pickHosts(sessionHosts(state.steps, runbook), names);
      if (hosts.length === 0) throw new ApiError('invalid_input', "This session's inventory has no hosts to check.");
      const ssh = steps.ssh(sessionId);
      const targets: PreflightTarget[] = [];
      const unresolved: HostPreflight[] = [];
      for (const host of hosts) {
        try {
          targets.push({ target: host.name, endpoint: ssh.resolve(host) });
        } catch (error) {
          if (!(error instanceof SshError)) throw error;
          unresolved.push({ target: host.name, status: 'fail', checks: [{ name: 'reachability', status: 'fail', message: error.message }], hostKey: null });
        }
      }
      const checked = await preflightHosts(targets, {
        pool: ssh.pool,
        hostKeys: ssh.policy,
        // The host's clock is compared with real time, not a rehearsal's shifted console clock.
        clock: { now: () => Date.now() },
        needsSudo: runbook?.steps.some((step) => /\bsudo\b/.test(step.script)) ?? false,
      });
      const byName = new Map([...checked, ...unresolved].map((result) => [result.target, result]));
      const results = hosts.map((host) => {
        const result = byName.get(host.name)!;
        // Ready means nothing failed and nothing is unknown (an untrusted key would stop a run to ask).
        return { host: host.name, ok: result.status !== 'fail' && result.status !== 'unknown', checks: result.checks.map((check) => ({ ...check })), hostKey: result.hostKey };
      });
      writer.write(sessionId, actor, [{ type: 'hosts.checked', payload: { results } }]);
      return { results };
    },

    trustHostKeys: async ({ sessionId, actor, hosts: names, confirmation, pasted }) => {
      writer.assertWritable(sessionId);
      const { state } = session(sessionId);
      const lastCheck = state.steps.lastCheck;
      if (!lastCheck) throw new ApiError('invalid_input', 'Check hosts first: keys are trusted from the table of the last check.');
      const wanted = [...new Set(names)];
      const problems: string[] = [];
      const keys = wanted.flatMap((name) => {
        const key = lastCheck.results.find((result) => result.host === name)?.hostKey;
        if (!key) return problems.push(`${name}: the last check saw no key for it`), [];
        if (key.status === 'changed' || key.status === 'revoked') {
          return problems.push(`${name}: its key is ${key.status} (${key.matchedAt ?? 'known_hosts'}); fix the known_hosts file first`), [];
        }
        if (key.status === 'trusted') return problems.push(`${name}: its key is already trusted`), [];
        return [{ name, key }];
      });
      if (problems.length > 0) throw new ApiError('invalid_input', `Cannot trust: ${problems.join('; ')}.`, [{ path: 'hosts', message: problems.join('; ') }]);
      const phrase = trustKeysPhrase(keys.length);
      if (confirmation.trim().toLowerCase() !== phrase) {
        throw new ApiError('invalid_input', `Type "${phrase}" to confirm.`, [{ path: 'confirmation', message: `type "${phrase}"` }]);
      }
      const parsed = pasted ? parsePastedKeys(pasted) : null;
      const toTrust = keys.map(({ name, key }) => ({
        target: name,
        host: key.address,
        port: key.port,
        publicKey: key.publicKey,
        matchedPasted: parsed !== null && comparePasted(parsed, { inventoryName: name, filedAs: key.address, port: key.port }, key.fingerprint).match === 'match',
      }));
      await steps.ssh(sessionId).trustKeys(actor, toTrust);
      const head = workspace.log.head(sessionId)!;
      return { changed: true, seq: head.seq, hash: head.hash, trusted: toTrust.map((k, i) => ({ host: k.target, fingerprint: keys[i]!.key.fingerprint, matchedPasted: k.matchedPasted })) };
    },

    compareHostKeys: ({ sessionId, text }) => {
      const lastCheck = session(sessionId).state.steps.lastCheck;
      if (!lastCheck) throw new ApiError('invalid_input', 'Check hosts first: the pasted keys are compared with what the last check saw.');
      const parsed = parsePastedKeys(text);
      const results = lastCheck.results.flatMap((result) => {
        const key = result.hostKey;
        if (!key) return [];
        return [{ host: result.host, fingerprint: key.fingerprint, ...comparePasted(parsed, { inventoryName: result.host, filedAs: key.address, port: key.port }, key.fingerprint) }];
      });
      return { results, ignored: parsed.ignored };
    },

    setAcceptNew: ({ sessionId, actor, enabled }) => {
      writer.assertWritable(sessionId);
      const { state } = session(sessionId);
      if (state.header.environment !== 'production') {
        throw new ApiError('invalid_input', 'Staging sessions already honour StrictHostKeyChecking accept-new; the switch is for production sessions.');
      }
      if (state.steps.acceptNew === enabled) return committed(sessionId, []);
      return committed(sessionId, writer.write(sessionId, actor, [{ type: 'hosts.acceptNewSet', payload: { enabled } }]));
    },

    getSecretsStatus: ({ sessionId }) => {
      const { state, runbook } = session(sessionId);
      return secretNames(state, runbook).map((name) => {
        return {
          name,
          source: secrets.sourceOf(sessionId, name),
          usedBy: (runbook?.steps ?? []).filter((step) => step.secrets.includes(name)).map((step) => step.id),
        };
      });
    },

    getSecretStorage: () => {
      const status = secrets.storage();
      return { canRemember: status.available, where: status.where, reason: status.reason };
    },

    setSecret: ({ sessionId, actor, name, value, remember }) => {
      writer.assertWritable(sessionId);
      if (value.length < MIN_SECRET_LENGTH) {
        // Shorter values cannot be redacted from output without destroying it; refuse rather than leak.
        throw new ApiError('invalid_input', `A secret must be at least ${MIN_SECRET_LENGTH} characters: a shorter value could not be redacted from step output.`, [
          { path: 'value', message: `at least ${MIN_SECRET_LENGTH} characters` },
        ]);
      }
      if (remember && !secrets.storage().available) {
        throw new ApiError('invalid_input', `${name} cannot be remembered on this computer: ${secrets.storage().reason ?? 'no keychain'}. Set it for this session only.`, [
          { path: 'remember', message: 'no keychain available' },
        ]);
      }
      // Into the store first: a keychain that fails now must not leave a "provided" in the log.
      secrets.set(sessionId, name, value, remember ?? false);
      const events = writer.write(sessionId, actor, [{ type: 'secrets.provided', payload: { names: [name], source: remember ? 'keychain' : 'session' } }]);
      return committed(sessionId, events);
    },

    forgetSecret: ({ sessionId, actor, name }) => {
      writer.assertWritable(sessionId);
      const source = secrets.sourceOf(sessionId, name);
      if (source !== 'session' && source !== 'keychain') return committed(sessionId, []);
      const events = writer.write(sessionId, actor, [{ type: 'secrets.forgotten', payload: { names: [name] } }]);
      secrets.forget(sessionId, name);
      return committed(sessionId, events);
    },

    runStep: (input) => {
      writer.assertWritable(input.sessionId);
      const { state, runbook } = session(input.sessionId);
      const plan = planRun(input, {
        state,
        runbook,
        secrets,
        clock,
        ssh: () => steps.ssh(input.sessionId),
        isRunning: (stepId) => steps.runner.runningRunOf(input.sessionId, stepId),
        localEnv: environmentWithoutSecrets(process.env),
        sessionIds: () => context.sessions.list().map((summary) => summary.id),
      });
      return steps.runner.start(plan, input);
    },

    cancelRun: ({ sessionId, actor, runId, reason }) => {
      writer.assertWritable(sessionId);
      const run = session(sessionId).state.steps.runs[runId];
      if (!run) throw new ApiError('not_found', `This session has no run ${runId}.`);
      // Already over, or already being cancelled: nothing more to do or log.
      if (run.status !== 'running' || run.cancelRequested) return committed(sessionId, []);
      return committed(sessionId, steps.runner.cancel(sessionId, runId, actor, reason ?? null));
    },

    checkRunHost: async ({ sessionId, actor, runId, target }) => {
      writer.assertWritable(sessionId);
      const { state, runbook } = session(sessionId);
      const run = state.steps.runs[runId];
      const host = run?.hosts[target];
      if (!run || !host) throw new ApiError('not_found', `This session has no run ${runId} on ${target}.`);
      if (host.status !== 'interrupted') {
        throw new ApiError('invalid_input', `The outcome of run ${runId.slice(0, 8)} on ${target} is known (${host.status}); there is nothing to check.`);
      }
      if (target === 'local') throw new ApiError('invalid_input', 'A local run cannot be checked from here: look at the processes on this workstation.');
      const spec = sessionHosts(state.steps, runbook).find((h) => h.name === target);
      if (!spec) throw new ApiError('invalid_input', `${target} is no longer in this session's inventory.`);
      const ssh = steps.ssh(sessionId);
      let endpoint;
      try {
        endpoint = ssh.resolve(spec);
      } catch (error) {
        if (!(error instanceof SshError)) throw error;
        throw new ApiError('invalid_input', `Cannot resolve ${target}: ${error.message}`);
      }
      const found = await checkProcessGroup(ssh.pool, endpoint, host.processGroup);
      const [event] = writer.write(sessionId, actor, [
        { type: 'step.hostChecked', payload: { runId, target, reachable: found.reachable, stillRunning: found.stillRunning, processGroup: host.processGroup, processes: found.processes, detail: found.detail } },
      ]);
      return { seq: event!.seq, ...found };
    },

    getRunOutput: ({ sessionId, runId, target, fromSeq, limit }) => {
      const run = session(sessionId).state.steps.runs[runId];
      if (!run) throw new ApiError('not_found', `This session has no run ${runId}.`);
      const host = run.hosts[target];
      if (!host) throw new ApiError('not_found', `Run ${runId.slice(0, 8)} did not run on ${target}.`);
      const key = { sessionId, runId, target };
      const chunks = steps.outputs.page(key, fromSeq, limit, MAX_PAGE_CHARS);
      const nextSeq = chunks.length > 0 ? chunks.at(-1)!.seq + 1 : fromSeq;
      const hostDone = host.status !== 'pending' && host.status !== 'running';
      const complete = hostDone && steps.outputs.page(key, nextSeq, 1, 1).length === 0;
      return { chunks, nextSeq, complete };
    },

    listPrompts: () => steps.broker.list(),

    answerHostKeyPrompt: ({ promptId, actor, decision }) => ({ ok: steps.broker.answerHostKey(promptId, { answer: decision, actor }) }),

    answerPassphrasePrompt: ({ promptId, passphrase }) => ({ ok: steps.broker.answerPassphrase(promptId, passphrase) }),
  };
}
