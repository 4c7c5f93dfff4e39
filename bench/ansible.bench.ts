// One trivial task on a fleet through Ansible (forks 50) against T-Minus's own SSH engine on the
// same hosts in the same run (concurrency 50, fresh connections, as Ansible has none warm either;
// and warm, as in a launch where the pool already holds them). Real sshd hosts in network
// namespaces; `npm run bench -- ansible [hosts=N]` (default 200).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findAnsiblePlaybook, runPlaybook } from '../electron/ansible';
import { runFanOut } from '../electron/ssh/fanOut';
import { systemClock } from '../electron/ssh/clock';
import { startSshdCluster } from '../test/support/sshd';
import { createTestbed } from '../test/support/sshTestbed';
import { result, type Benchmark } from './harness';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: Trivial
      command: "true"
`;

const benchmark: Benchmark = {
  name: 'ansible',
  onlyWhenSelected: true,
  async run(ctx) {
    const ansiblePlaybook = findAnsiblePlaybook();
    if (!ansiblePlaybook) throw new Error('ansible-playbook is not installed');
    const count = Number(ctx.args.find((a) => a.startsWith('hosts='))?.slice(6) ?? 200);
    const names = Array.from({ length: count }, (_, i) => `h${i + 1}`);
    const started = performance.now();
    const cluster = await startSshdCluster({ hosts: names.map((name) => ({ name })) });
    ctx.log(`${count} sshd hosts (${cluster.mode}) up in ${Math.round(performance.now() - started)} ms`);
    const bed = createTestbed(cluster);
    const dir = mkdtempSync(join(ctx.tmpDir, 'cfg-'));
    try {
      const configPath = join(dir, 'ssh_config');
      writeFileSync(configPath, cluster.sshConfigText());
      const inventory = names.map((name) => ({ name, groups: ['fleet'], endpoint: bed.pool.resolve(name) }));
      const ansibleRun = async (): Promise<number> => {
        const t = performance.now();
        const fanOut = await runPlaybook({
          ansiblePlaybook,
          playbook: PLAYBOOK,
          inventory,
          targets: names,
          knownHostsFiles: [bed.knownHostsFile],
          globalKnownHostsFiles: [],
          trustedKeys: [],
          sshConfigPath: configPath,
          agentSocket: null,
          policy: { kind: 'all' },
          concurrency: 50,
          request: { script: PLAYBOOK },
          clock: systemClock,
        });
        const failed = fanOut.results.filter((r) => r.status !== 'succeeded');
        if (failed.length > 0) throw new Error(`ansible: ${failed.length} hosts failed, e.g. ${failed[0]!.target}: ${failed[0]!.reason}`);
        return performance.now() - t;
      };
      const engineRun = async (): Promise<number> => {
        const t = performance.now();
        const fanOut = await runFanOut({ runners: names.map((name) => bed.runner(name)), request: { script: 'true' }, policy: { kind: 'all' }, concurrency: 50 });
        if (fanOut.status !== 'succeeded') throw new Error('engine run failed');
        return performance.now() - t;
      };
      const engineCold = await engineRun();
      const engineWarm = await engineRun();
      await bed.pool.closeAll();
      const ansible = await ansibleRun();
      ctx.log(`ansible ${Math.round(ansible)} ms; engine cold ${Math.round(engineCold)} ms, warm ${Math.round(engineWarm)} ms`);
      return [
        result(`one trivial task on ${count} hosts via Ansible (forks 50)`, ansible, 'ms', 'T-Minus SSH engine, fresh connections, concurrency 50', engineCold, { extra: { engineWarmMs: Math.round(engineWarm) } }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await bed.close();
      await cluster.stop();
    }
  },
};

export default benchmark;
