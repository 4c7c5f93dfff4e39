// Network namespaces for SSH test hosts: each host gets its own address on a private bridge, and
// "internal" hosts sit on a second link that only their jump host can reach. Names carry a random
// tag (other engineers run the same tests on this machine), and the address range is guarded by
// an `unreachable` route that stays after teardown, so a retry to a host whose namespace is gone
// fails locally instead of leaving the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface NetnsProbe {
  usable: boolean;
  reason: string;
}

/** Whether namespaces can be made here (root, `ip` present, `ip netns add` permitted). */
export function probeNetns(): NetnsProbe {
  if (process.env.TMINUS_SSHD_MODE === 'loopback') return { usable: false, reason: 'TMINUS_SSHD_MODE=loopback' };
  if (process.getuid?.() !== 0) return { usable: false, reason: 'not running as root' };
  const name = `tmprobe-${process.pid}-${randomBytes(3).toString('hex')}`;
  const added = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (added.error) return { usable: false, reason: `ip is not available (${added.error.message})` };
  if (added.status !== 0) return { usable: false, reason: `ip netns add is not permitted: ${added.stderr.trim()}` };
  spawnSync('ip', ['netns', 'del', name]);
  return { usable: true, reason: 'running as root with ip netns' };
}

export interface NetnsHostPlan {
  name: string;
  /** For an internal host: the host whose namespace is its only way in. */
  jump: string | null;
}

export interface NetnsHost {
  name: string;
  namespace: string;
  /** Address of the host on its (only) network. */
  address: string;
  /** The root-namespace end of the host's link (to cut it); null for internal hosts. */
  rootLink: string | null;
}

export interface NetnsTopology {
  hosts: Map<string, NetnsHost>;
  /** `10.A.0.0/16`, routed `unreachable` except for the bridge's own /24. */
  guardRange: string;
  /** Link of a host down (as if it lost power) / up again. */
  setLink(name: string, up: boolean): void;
  teardown(): void;
}

function usedSubnets(): Set<string> {
  const text = ip(['-4', 'route', 'show', 'table', 'all']) + ip(['-4', 'addr', 'show']);
  return new Set([...text.matchAll(/\b10\.(\d+)\.(\d+)\.\d+/g)].map((m) => `${m[1]}.${m[2]}`));
}

function pickSubnets(): { a: number; b: number } {
  const used = usedSubnets();
  for (let attempt = 0; attempt < 200; attempt++) {
    const a = 200 + Math.floor(Math.random() * 50);
    const b = 2 * Math.floor(Math.random() * 100);
    if (!used.has(`${a}.${b}`) && !used.has(`${a}.${b + 1}`)) return { a, b };
  }
  throw new Error('no free 10.x.y.0/24 pair for the test network');
}

export function createNetnsTopology(plans: readonly NetnsHostPlan[]): NetnsTopology {
  const tag = randomBytes(3).toString('hex');
  const { a, b } = pickSubnets();
  const bridge = `tmb${tag}`;
  const hosts = new Map<string, NetnsHost>();
  const namespaces: string[] = [];
  const guardRange = `10.${a}.0.0/16`;

  const teardown = (): void => {
    for (const ns of namespaces) {
      const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean);
      for (const pid of pids) spawnSync('kill', ['-KILL', pid]);
      spawnSync('ip', ['netns', 'del', ns]);
    }
    spawnSync('ip', ['link', 'del', bridge]);
  };

  try {
    ip(['route', 'replace', 'unreachable', guardRange]);
    ip(['link', 'add', bridge, 'type', 'bridge']);
    ip(['addr', 'add', `10.${a}.${b}.1/24`, 'dev', bridge]);
    ip(['link', 'set', bridge, 'up']);

    let external = 0;
    let internal = 0;
    const ordered = [...plans.filter((p) => !p.jump), ...plans.filter((p) => p.jump)];
    for (const [index, plan] of ordered.entries()) {
      const namespace = `tm${tag}-${plan.name}`;
      ip(['netns', 'add', namespace]);
      namespaces.push(namespace);
      ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
      if (!plan.jump) {
        const rootLink = `tv${tag}${index}`;
        const address = `10.${a}.${b}.${10 + external++}`;
        ip(['link', 'add', rootLink, 'type', 'veth', 'peer', 'name', `tp${tag}${index}`]);
        ip(['link', 'set', `tp${tag}${index}`, 'netns', namespace, 'name', 'eth0']);
        ip(['link', 'set', rootLink, 'master', bridge, 'up']);
        ip(['-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
        ip(['-n', namespace, 'link', 'set', 'eth0', 'up']);
        hosts.set(plan.name, { name: plan.name, namespace, address, rootLink });
      } else {
        const jump = hosts.get(plan.jump);
        if (!jump) throw new Error(`internal host ${plan.name}: jump host ${plan.jump} is not an external host`);
        const address = `10.${a}.${b + 1}.${10 + internal}`;
        const jumpSide = `tj${tag}${internal}`;
        ip(['link', 'add', jumpSide, 'netns', jump.namespace, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
        ip(['-n', jump.namespace, 'addr', 'add', `10.${a}.${b + 1}.${200 + internal}/24`, 'dev', jumpSide]);
        ip(['-n', jump.namespace, 'link', 'set', jumpSide, 'up']);
        ip(['-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
        ip(['-n', namespace, 'link', 'set', 'eth0', 'up']);
        internal++;
        hosts.set(plan.name, { name: plan.name, namespace, address, rootLink: null });
      }
    }
  } catch (error) {
    teardown();
    throw error;
  }

  return {
    hosts,
    guardRange,
    setLink(name, up) {
      const host = hosts.get(name);
      if (!host?.rootLink) throw new Error(`${name} has no link in the root namespace`);
      ip(['link', 'set', host.rootLink, up ? 'up' : 'down']);
    },
    teardown,
  };
}
