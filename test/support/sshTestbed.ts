// The SSH engine wired to a test cluster the way the console will wire it: a pool with a host-key
// policy (known_hosts file + trust store), prompts answered by the test, events recorded.
import { systemClock } from '../../electron/ssh/clock';
import { SshConnectionPool, type PoolEvent } from '../../electron/ssh/connectionPool';
import type { ConnectSettings } from '../../electron/ssh/connect';
import type { PassphrasePrompt, PassphraseRequest } from '../../electron/ssh/auth';
import { HostKeyPolicy, type HostKeyAnswer, type HostKeyDecisionEvent, type HostKeyPromptRequest } from '../../electron/ssh/hostKeyPolicy';
import type { HostRunResult, OutputChunk, RunRequest } from '../../electron/ssh/hostRunner';
import { SshHostRunner } from '../../electron/ssh/runOnHost';
import type { SshConfigContext } from '../../electron/ssh/sshConfig';
import { MemoryTrustStore, type TrustStore } from '../../electron/ssh/trustStore';
import type { SshdCluster } from './sshd';

export interface TestbedOptions {
  /** known_hosts lines; by default every host's current key. */
  knownHosts?: string[];
  /** Answer to host key prompts; null disables prompting. */
  answer?: HostKeyAnswer | null;
  trustStore?: TrustStore;
  passphrases?: (request: PassphraseRequest) => string | null;
  agentSocket?: string | null;
  identityFile?: string | null;
  connect?: Partial<ConnectSettings>;
}

export interface Testbed {
  pool: SshConnectionPool;
  policy: HostKeyPolicy;
  trustStore: TrustStore;
  knownHostsFile: string;
  prompts: HostKeyPromptRequest[];
  passphraseRequests: PassphraseRequest[];
  decisions: HostKeyDecisionEvent[];
  poolEvents: PoolEvent[];
  sshConfig: SshConfigContext;
  runner(name: string): SshHostRunner;
  /** Runs a script on one host and collects its output. */
  run(name: string, script: string, request?: Omit<RunRequest, 'script'>): Promise<{ result: HostRunResult; chunks: OutputChunk[]; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

export function createTestbed(cluster: SshdCluster, options: TestbedOptions = {}): Testbed {
  const knownHostsFile = cluster.writeKnownHosts(options.knownHosts ?? cluster.hosts().map((h) => cluster.knownHostsLine(h.name)));
  const trustStore = options.trustStore ?? new MemoryTrustStore();
  const prompts: HostKeyPromptRequest[] = [];
  const passphraseRequests: PassphraseRequest[] = [];
  const decisions: HostKeyDecisionEvent[] = [];
  const poolEvents: PoolEvent[] = [];
  const answer = options.answer === undefined ? 'reject' : options.answer;
  const policy = new HostKeyPolicy({
    knownHostsFiles: [knownHostsFile],
    // Hermetic: the machine's /etc/ssh/ssh_known_hosts must not decide a test.
    globalKnownHostsFiles: [],
    trustStore,
    prompt:
      answer === null
        ? null
        : async (request) => {
            prompts.push(request);
            return answer;
          },
    onDecision: (event) => decisions.push(event),
    clock: systemClock,
  });
  // homeDir is the cluster dir, so OpenSSH's default ~/.ssh/id_* of the machine are never used.
  const sshConfig: SshConfigContext = {
    configText: cluster.sshConfigText({ identityFile: options.identityFile === undefined ? cluster.clientKey.path : options.identityFile }),
    homeDir: cluster.dir,
    localUser: 'root',
    localHost: 'tminus-test',
  };
  const passphrasePrompt: PassphrasePrompt | null = options.passphrases
    ? async (request) => {
        passphraseRequests.push(request);
        return options.passphrases!(request);
      }
    : null;
  const pool = new SshConnectionPool({
    sshConfig,
    hostKeys: policy,
    agentSocket: options.agentSocket ?? null,
    passphrasePrompt,
    connect: { readyTimeoutMs: 20_000, ...options.connect },
    onEvent: (event) => poolEvents.push(event),
    clock: systemClock,
  });
  const runner = (name: string): SshHostRunner => new SshHostRunner(name, pool.resolve(name), pool, systemClock);

  return {
    pool,
    policy,
    trustStore,
    knownHostsFile,
    prompts,
    passphraseRequests,
    decisions,
    poolEvents,
    sshConfig,
    runner,
    async run(name, script, request = {}) {
      const chunks: OutputChunk[] = [];
      const result = await runner(name).run({
        ...request,
        script,
        onOutput: async (chunk) => {
          chunks.push(chunk);
          await request.onOutput?.(chunk);
        },
      });
      const join = (stream: string): string => chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
      return { result, chunks, stdout: join('stdout'), stderr: join('stderr') };
    },
    close: () => pool.closeAll(),
  };
}

/** Polls until `check` returns a truthy value (generous deadline for a loaded 2-core machine). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
