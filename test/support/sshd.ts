// Real OpenSSH sshd hosts for integration tests and benchmarks.
//
// Mode `netns` (root with `ip netns`): every host in its own network namespace with its own
// address and hostname; internal hosts are reachable only through their jump host. Mode `loopback`
// (fallback, or TMINUS_SSHD_MODE=loopback): every host is an sshd on 127.0.0.1 with its own port;
// jump routing is then real but not enforced (`cluster.internalIsolated` says which).
//
// Each sshd runs in the foreground as a child of the test process with its own config, host key,
// pid file and HOME (see ENVIRONMENT.md: StrictModes no, MaxStartups/MaxSessions raised,
// SetEnv HOME=<empty dir> to skip root's shell startup files, UsePAM no).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey, knownHostsLine, readPublicKey, type KeyPair, type KnownHostsLineOptions } from './sshKeys';
import { createNetnsTopology, probeNetns, type NetnsTopology } from './sshNetns';

export type SshdMode = 'netns' | 'loopback';

export interface SshdHostPlan {
  name: string;
  /** Makes this an internal host reachable through the named host. */
  jump?: string;
}

export interface SshdHost {
  name: string;
  /** Address and port as dialled: from the test process, or from the jump host for internal hosts. */
  address: string;
  port: number;
  jump: string | null;
  dir: string;
  /** Current host key. */
  hostKey: { publicLine: string; blob: Buffer };
  /** Network namespace (netns mode). */
  namespace: string | null;
}

export interface StartClusterOptions {
  hosts: SshdHostPlan[];
  mode?: SshdMode | 'auto';
}

export interface SshdCluster {
  mode: SshdMode;
  /** Why this mode (shown in test output). */
  modeReason: string;
  /** True when internal hosts really cannot be reached without their jump host. */
  internalIsolated: boolean;
  dir: string;
  clientKey: KeyPair;
  encryptedClientKey: KeyPair;
  host(name: string): SshdHost;
  hosts(): SshdHost[];
  /** An ~/.ssh/config with one Host block per host (HostName, Port, User, IdentityFile, ProxyJump). */
  sshConfigText(options?: { identityFile?: string | null }): string;
  knownHostsLine(name: string, options?: KnownHostsLineOptions): string;
  /** Writes a known_hosts file in the cluster dir and returns its path. */
  writeKnownHosts(lines: string[]): string;
  /** SIGKILLs every connection's sshd (and what it runs) on a host: its clients see the connection drop. Returns how many. */
  killSessions(name: string): number;
  /** New host key, sshd restarted on the same address and port. */
  changeHostKey(name: string): Promise<void>;
  /** netns mode: takes the host's link down/up (the host stops answering, nothing is reset). */
  setReachable(name: string, reachable: boolean): void;
  stop(): Promise<void>;
}

interface RunningHost extends SshdHost {
  process: ChildProcess | null;
  logPath: string;
}

const SSHD = '/usr/sbin/sshd';

export async function startSshdCluster(options: StartClusterOptions): Promise<SshdCluster> {
  mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `tminus-sshd-${process.pid}-`));
  const clientKey = generateKey(join(dir, 'client_ed25519'));
  const encryptedClientKey = generateKey(join(dir, 'client_encrypted'), 'correct horse');
  writeFileSync(join(dir, 'authorized_keys'), `${clientKey.publicLine}\n${encryptedClientKey.publicLine}\n`);

  const probe = options.mode === 'loopback' ? { usable: false, reason: 'loopback requested' } : probeNetns();
  if (options.mode === 'netns' && !probe.usable) throw new Error(`netns mode requested but unavailable: ${probe.reason}`);
  const mode: SshdMode = probe.usable ? 'netns' : 'loopback';
  const modeReason = probe.usable ? probe.reason : `loopback ports: ${probe.reason}`;

  let topology: NetnsTopology | null = null;
  const hosts = new Map<string, RunningHost>();
  const exitCleanup = (): void => topology?.teardown();
  process.once('exit', exitCleanup);

  try {
    if (mode === 'netns') topology = createNetnsTopology(options.hosts.map((h) => ({ name: h.name, jump: h.jump ?? null })));
    for (const plan of options.hosts) {
      const hostDir = join(dir, plan.name);
      mkdirSync(join(hostDir, 'home'), { recursive: true });
      generateKey(join(hostDir, 'ssh_host_ed25519_key'), null, plan.name);
      const ns = topology?.hosts.get(plan.name) ?? null;
      hosts.set(plan.name, {
        name: plan.name,
        address: ns ? ns.address : '127.0.0.1',
        port: ns ? 22 : await freePort(),
        jump: plan.jump ?? null,
        dir: hostDir,
        hostKey: readPublicKey(join(hostDir, 'ssh_host_ed25519_key')),
        namespace: ns?.namespace ?? null,
        process: null,
        logPath: join(hostDir, 'sshd.log'),
      });
    }
    await Promise.all([...hosts.values()].map((host) => startWithPortRetry(host, dir)));
  } catch (error) {
    for (const host of hosts.values()) host.process?.kill('SIGKILL');
    topology?.teardown();
    process.removeListener('exit', exitCleanup);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const get = (name: string): RunningHost => {
    const host = hosts.get(name);
    if (!host) throw new Error(`no test host ${name}`);
    return host;
  };

  return {
    mode,
    modeReason,
    internalIsolated: mode === 'netns',
    dir,
    clientKey,
    encryptedClientKey,
    host: get,
    hosts: () => [...hosts.values()],
    sshConfigText({ identityFile = clientKey.path } = {}) {
      return [...hosts.values()]
        .map((h) =>
          [
            `Host ${h.name}`,
            `  HostName ${h.address}`,
            `  Port ${h.port}`,
            '  User root',
            ...(identityFile ? [`  IdentityFile ${identityFile}`] : []),
            ...(h.jump ? [`  ProxyJump ${h.jump}`] : []),
            '',
          ].join('\n'),
        )
        .join('\n');
    },
    knownHostsLine(name, lineOptions = {}) {
      const host = get(name);
      return knownHostsLine(host.address, host.port, host.hostKey.publicLine, lineOptions);
    },
    writeKnownHosts(lines) {
      const path = join(dir, `known_hosts-${Math.random().toString(36).slice(2, 10)}`);
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    },
    killSessions(name) {
      const host = get(name);
      if (!host.process?.pid) return 0;
      const sessions = childrenOf(host.process.pid);
      const victims = sessions.flatMap((pid) => [pid, ...descendantsOf(pid)]);
      for (const pid of victims) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      return sessions.length;
    },
    async changeHostKey(name) {
      const host = get(name);
      await stopSshd(host);
      rmSync(join(host.dir, 'ssh_host_ed25519_key'), { force: true });
      rmSync(join(host.dir, 'ssh_host_ed25519_key.pub'), { force: true });
      generateKey(join(host.dir, 'ssh_host_ed25519_key'), null, `${name}-rekeyed`);
      host.hostKey = readPublicKey(join(host.dir, 'ssh_host_ed25519_key'));
      await startSshd(host, dir);
    },
    setReachable(name, reachable) {
      if (!topology) throw new Error('setReachable needs netns mode');
      topology.setLink(name, reachable);
    },
    async stop() {
      await Promise.all([...hosts.values()].map(async (host) => {
        if (host.process?.pid) for (const pid of descendantsOf(host.process.pid)) tryKill(pid);
        await stopSshd(host);
      }));
      topology?.teardown();
      process.removeListener('exit', exitCleanup);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sshdConfig(host: RunningHost, clusterDir: string): string {
  return [
    `ListenAddress ${host.address}`,
    `Port ${host.port}`,
    `HostKey ${join(host.dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(host.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(clusterDir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    'StrictModes no',
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'AllowTcpForwarding yes',
    'PrintMotd no',
    'LogLevel INFO',
    `SetEnv HOME=${join(host.dir, 'home')} TMINUS_HOST=${host.name}`,
    '',
  ].join('\n');
}

async function startSshd(host: RunningHost, clusterDir: string): Promise<void> {
  const configPath = join(host.dir, 'sshd_config');
  writeFileSync(configPath, sshdConfig(host, clusterDir));
  writeFileSync(host.logPath, '');
  const sshdArgs = [SSHD, '-D', '-e', '-f', configPath];
  // In a namespace, `unshare --uts` gives the host its own hostname; ip/unshare/sh all exec, so
  // the child's pid is sshd's.
  const [command, args] = host.namespace
    ? ['ip', ['netns', 'exec', host.namespace, 'unshare', '--uts', 'sh', '-c', `hostname ${host.name} && exec "$@"`, 'sh', ...sshdArgs]]
    : [sshdArgs[0]!, sshdArgs.slice(1)];
  const log = openSync(host.logPath, 'a');
  host.process = spawn(command as string, args as string[], { stdio: ['ignore', log, log] });
  closeSync(log);
  const deadline = Date.now() + 30_000;
  while (!readFileSync(host.logPath, 'utf8').includes('Server listening on')) {
    if (host.process.exitCode !== null || Date.now() > deadline) {
      throw new Error(`sshd for ${host.name} did not start: ${readFileSync(host.logPath, 'utf8').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Loopback ports are picked before sshd binds them; another test may take one in between. */
async function startWithPortRetry(host: RunningHost, clusterDir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSshd(host, clusterDir);
    } catch (error) {
      if (host.namespace || attempt >= 3 || !/Address already in use/.test((error as Error).message)) throw error;
      host.port = await freePort();
    }
  }
}

async function stopSshd(host: RunningHost): Promise<void> {
  const child = host.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) comes after the parenthesised command, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  for (const child of childrenOf(pid)) out.push(child, ...descendantsOf(child));
  return out;
}

/** A port the OS says is free right now (loopback mode). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
