// The console as the step tests use it: real sshd hosts (test/support/sshd.ts), an ssh config and
// known_hosts of the test's own, a console made by createConsole on a temp data dir, a session
// from a runbook whose front matter names the hosts and targets, and every pushed event recorded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsole, type ConsoleService, type ConsoleOptions } from '../../../electron/console';
import type { StepsSshOptions } from '../../../electron/steps/sshSettings';
import type { ApiEventMessage, CallInput, CallName, CallResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { StepRunState } from '../../../shared/session/stepRunsState';
import type { SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';

export const ada = { name: 'Ada', role: 'Incident Commander' };
export const grace = { name: 'Grace', role: 'SRE' };

export const TEST_HOSTS = [{ name: 'app1' }, { name: 'app2' }, { name: 'db1' }, { name: 'bastion' }, { name: 'dbint', jump: 'bastion' }];

/** `${TMINUS_HOST:-?}`: the sshd sets TMINUS_HOST; the fallback keeps it from counting as a secret. */
export const HOST_VAR = '${TMINUS_HOST:-?}';

export const STEPS_RUNBOOK = `---
title: Steps over SSH test
hosts:
  - name: app1
    groups: [app, web]
  - name: app2
    groups: [app]
  - name: db1
    groups: [db]
  - name: dbint
    groups: [internal]
targets:
  Say hello: app
  Exit per host: [app, db]
  Sleep long: app
  Begin then finish: app
  Use secrets: app1
  Local check: local
  Internal hello: internal
---

# Steps over SSH test

## Work

### Say hello

\`\`\`bash
echo "hello from ${HOST_VAR}"
echo "warn from ${HOST_VAR}" >&2
\`\`\`

### Exit per host

\`\`\`bash
echo "ran on ${HOST_VAR}"
case "${HOST_VAR}" in app2) exit 4;; db1) exit 3;; esac
exit 0
\`\`\`

### Sleep long

\`\`\`bash
echo "started on ${HOST_VAR}"
sleep 300
\`\`\`

### Begin then finish

\`\`\`bash
echo "begin on ${HOST_VAR}"
sleep 4
echo "done on ${HOST_VAR}"
\`\`\`

### Use secrets

\`\`\`bash
echo "token=$DEPLOY_TOKEN"
printf '%s' "$DEPLOY_TOKEN" | base64
printf 'split=%s' "\${DEPLOY_TOKEN:0:6}"; sleep 0.3; printf '%s\\n' "\${DEPLOY_TOKEN:6}"
cat "$HOME/leak.txt"
\`\`\`

### Local check

\`\`\`bash
echo "local ok"
\`\`\`

### Internal hello

\`\`\`bash
echo "inside ${HOST_VAR}"
\`\`\`

### Nowhere

\`\`\`bash
echo "no target"
\`\`\`
`;

export interface StepsConsole {
  service: ConsoleService;
  dataDir: string;
  events: ApiEventMessage[];
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>>;
  callError(name: CallName, input: unknown): Promise<{ code: string; message: string }>;
  createSession(environment?: 'staging' | 'production', runbook?: string): Promise<string>;
  stepId(sessionId: string, title: string): Promise<string>;
  /** Waits until the run is over and returns its state. */
  waitForRun(sessionId: string, runId: string, timeoutMs?: number): Promise<StepRunState>;
  run(sessionId: string, title: string, extra?: Partial<CallInput<'runStep'>>): Promise<StepRunState>;
  output(sessionId: string, runId: string, target: string): Promise<string>;
  close(): Promise<void>;
}

export interface StepsConsoleOptions {
  knownHosts?: string[];
  /** Key file the ssh config names (default: the cluster's plain client key). */
  identityFile?: string;
  /** Merged over the harness's SSH settings. */
  ssh?: StepsSshOptions;
  dataDir?: string;
  options?: Partial<ConsoleOptions>;
}

/** The ssh config file of the cluster (its Host blocks: HostName, Port, User, IdentityFile, ProxyJump). */
export function writeSshConfig(cluster: SshdCluster, identityFile?: string): string {
  const path = join(cluster.dir, `ssh_config-${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(path, cluster.sshConfigText(identityFile ? { identityFile } : {}));
  return path;
}

export async function openStepsConsole(cluster: SshdCluster, options: StepsConsoleOptions = {}): Promise<StepsConsole> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `tminus-steps-${process.pid}-`));
  const knownHosts = cluster.writeKnownHosts(options.knownHosts ?? cluster.hosts().map((h) => cluster.knownHostsLine(h.name)));
  const service = createConsole({
    dataDir,
    version: '0.0.0-test',
    shell: 'browser',
    validateResults: true,
    ssh: { configPath: writeSshConfig(cluster, options.identityFile), knownHostsFiles: [knownHosts], globalKnownHostsFiles: [], agentSocket: null, homeDir: cluster.dir, cancelGraceMs: 1_000, connect: { readyTimeoutMs: 20_000 }, ...options.ssh },
    ...options.options,
  });
  const events: ApiEventMessage[] = [];
  const unsubscribe = service.hub.subscribe((message) => events.push(message));

  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
    const envelope = await service.router.dispatch(name, input, { access: 'write' });
    if (!envelope.ok) throw ApiError.from(envelope.error);
    return envelope.result as CallResult<N>;
  };
  const runState = async (sessionId: string, runId: string): Promise<StepRunState | undefined> =>
    (await call('openSession', { sessionId })).state.steps.runs[runId];
  const waitForRun = async (sessionId: string, runId: string, timeoutMs = 60_000): Promise<StepRunState> =>
    waitFor(async () => {
      const run = await runState(sessionId, runId);
      return run && run.status !== 'running' ? run : null;
    }, `run ${runId} to end`, timeoutMs);
  const stepId = async (sessionId: string, title: string): Promise<string> => {
    const step = (await call('openSession', { sessionId })).runbook!.steps.find((s) => s.title === title);
    if (!step) throw new Error(`no step "${title}"`);
    return step.id;
  };

  return {
    service,
    dataDir,
    events,
    call,
    async callError(name, input) {
      const envelope = await service.router.dispatch(name, input, { access: 'write' });
      if (envelope.ok) throw new Error(`${name} succeeded but was expected to fail`);
      return envelope.error;
    },
    async createSession(environment = 'staging', runbook = STEPS_RUNBOOK) {
      const summary = await call('createSession', {
        name: `Steps ${environment} ${Math.random().toString(36).slice(2, 6)}`,
        environment,
        t0: '2025-10-21T12:00:00Z',
        actor: ada,
        runbook: { sourceName: 'steps.md', content: runbook },
      });
      return summary.id;
    },
    stepId,
    waitForRun,
    async run(sessionId, title, extra = {}) {
      const started = await call('runStep', { sessionId, actor: ada, stepId: await stepId(sessionId, title), ...extra });
      return waitForRun(sessionId, started.runId);
    },
    async output(sessionId, runId, target) {
      let text = '';
      let fromSeq = 0;
      for (;;) {
        const page = await call('getRunOutput', { sessionId, runId, target, fromSeq });
        text += page.chunks.map((chunk) => chunk.text).join('');
        if (page.chunks.length === 0) return text;
        fromSeq = page.nextSeq;
      }
    },
    async close() {
      unsubscribe();
      await service.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Text pushed as `step.output` for one host of a run, in order. */
export function pushedOutput(events: readonly ApiEventMessage[], runId: string, target: string): string {
  return events
    .filter((m): m is Extract<ApiEventMessage, { event: 'step.output' }> => m.event === 'step.output' && m.payload.runId === runId && m.payload.target === target)
    .flatMap((m) => m.payload.chunks)
    .map((chunk) => chunk.text)
    .join('');
}

/** Logged events of a type for a run, as the console's log holds them. */
export function loggedOf(service: ConsoleService, sessionId: string, type: string, runId?: string) {
  return service.workspace.log.read(sessionId).filter((event) => event.type === type && (runId === undefined || (event.payload as { runId?: string }).runId === runId));
}
