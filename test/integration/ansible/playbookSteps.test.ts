// Playbook steps through real Ansible (Debian's ansible-playbook) against real sshd hosts in
// network namespaces: a playbook on 5 hosts with one failing, host-key checking on (a host whose
// key T-Minus does not know is refused by Ansible's ssh, never accepted), a cancel, a re-run of the
// failed host only (--limit), and the secret given as an extra var absent from the log, the pushed
// events and every export.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAnsiblePlaybook } from '../../../electron/ansible';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, loggedOf, openStepsConsole, type StepsConsole } from '../steps/stepsHarness';

const DEPLOY_TOKEN = 'ans-tok-7Hq2Lw9Zx4Pv';
const HOSTS = ['app1', 'app2', 'app3', 'app4', 'app5'];

const RUNBOOK = `---
title: Fleet through Ansible
hosts:
${HOSTS.map((name) => `  - name: ${name}\n    groups: [${name === 'app5' ? 'stranger' : 'fleet'}]`).join('\n')}
targets:
  Deploy fleet: fleet
  Long task: [app1, app2]
  Unknown key: stranger
---

# Fleet through Ansible

## Deploy fleet

\`\`\`yaml
- hosts: fleet
  gather_facts: false
  tasks:
    - name: Say hello
      command: echo "hello from {{ inventory_hostname }} token={{ DEPLOY_TOKEN }}"
    - name: Check the host is ready
      shell: test -f "$HOME/ready"
\`\`\`

## Long task

\`\`\`ansible
- hosts: all
  gather_facts: false
  tasks:
    - name: Wait a long time
      command: sleep 300
\`\`\`

## Unknown key

\`\`\`ansible
- hosts: all
  gather_facts: false
  tasks:
    - name: Never runs
      command: "true"
\`\`\`
`;

const available = findAnsiblePlaybook() !== null;
let cluster: SshdCluster;
let tm: StepsConsole;
let sessionId: string;

beforeAll(async () => {
  if (!available) return;
  cluster = await startSshdCluster({ hosts: HOSTS.map((name) => ({ name })) });
  // Every host but app3 is ready; the deploy fails on app3 until it is.
  for (const name of HOSTS.filter((h) => h !== 'app3')) writeFileSync(join(cluster.host(name).dir, 'home', 'ready'), '');
  // app5's key is not among the known keys: Ansible's ssh must refuse it.
  tm = await openStepsConsole(cluster, { knownHosts: HOSTS.filter((h) => h !== 'app5').map((h) => cluster.knownHostsLine(h)) });
  sessionId = await tm.createSession('staging', RUNBOOK);
  await tm.call('setSecret', { sessionId, actor: ada, name: 'DEPLOY_TOKEN', value: DEPLOY_TOKEN });
}, 120_000);

afterAll(async () => {
  await tm?.close();
  await cluster?.stop();
});

describe.skipIf(!available)('playbook steps through real Ansible (skipped only where ansible-playbook is not installed)', () => {
  let deployRun = '';

  it('reads a yaml playbook as a step that needs the secret its Jinja names', async () => {
    const runbook = (await tm.call('openSession', { sessionId })).runbook!;
    const deploy = runbook.steps.find((s) => s.title === 'Deploy fleet')!;
    expect(deploy.shell).toBe('ansible');
    expect(deploy.secrets).toEqual(['DEPLOY_TOKEN']);
  });

  it('runs on 5 hosts: every host result logged, the failing host named with its task, the secret redacted', async () => {
    const run = await tm.run(sessionId, 'Deploy fleet', { concurrency: 5 });
    deployRun = run.runId;
    expect(run.status).toBe('failed');
    const byHost = Object.fromEntries(Object.entries(run.hosts).map(([host, h]) => [host, h.status]));
    expect(byHost, JSON.stringify(run.hosts)).toEqual({ app1: 'succeeded', app2: 'succeeded', app3: 'failed', app4: 'succeeded' });
    expect(run.hosts.app3!.reason).toMatch(/task "Check the host is ready" failed/);
    const started = loggedOf(tm.service, sessionId, 'step.runStarted', run.runId)[0]!.payload as { runner?: string };
    expect(started.runner).toBe('ansible');
    const out = await tm.output(sessionId, run.runId, 'app1');
    expect(out).toContain('TASK [Say hello] changed');
    expect(out).toContain('hello from app1 token=[REDACTED:DEPLOY_TOKEN]');
    expect(await tm.output(sessionId, run.runId, 'app3')).toContain('TASK [Check the host is ready] FAILED');
  }, 120_000);

  it('re-runs only the failed host (--limit) and it succeeds once the host is ready', async () => {
    writeFileSync(join(cluster.host('app3').dir, 'home', 'ready'), '');
    const rerun = await tm.run(sessionId, 'Deploy fleet', { rerunOf: deployRun });
    expect(Object.keys(rerun.hosts)).toEqual(['app3']);
    expect(rerun.status).toBe('succeeded');
  }, 120_000);

  it('keeps host-key checking on: a host whose key T-Minus does not know fails, nothing is accepted', async () => {
    const run = await tm.run(sessionId, 'Unknown key');
    expect(run.status).toBe('failed');
    expect(run.hosts.app5!.status).toBe('failed');
    expect(run.hosts.app5!.reason).toMatch(/unreachable: .*(no \w+ host key is known|host key verification failed)/i);
  }, 120_000);

  it("honours a host's own UserKnownHostsFile from ~/.ssh/config: the key filed only there is trusted by Ansible's ssh too (issue 17)", async () => {
    // app5's key is in a file only its Host block names; the console's default file lacks it.
    const ownFile = join(cluster.dir, 'app5_known_hosts');
    writeFileSync(ownFile, `${cluster.knownHostsLine('app5')}\n`);
    const configPath = join(cluster.dir, 'ssh_config-own-files');
    writeFileSync(configPath, cluster.sshConfigText().replace(/^Host app5\n/m, `Host app5\n  UserKnownHostsFile ${ownFile}\n`));
    const own = await openStepsConsole(cluster, { knownHosts: HOSTS.filter((h) => h !== 'app5').map((h) => cluster.knownHostsLine(h)), ssh: { configPath } });
    try {
      const ownSession = await own.createSession('staging', RUNBOOK);
      const run = await own.run(ownSession, 'Unknown key');
      expect(run.hosts.app5!.reason ?? null).toBeNull();
      expect(run.status).toBe('succeeded');
    } finally {
      await own.close();
    }
  }, 120_000);

  it('cancels a running playbook: SIGINT to Ansible, the hosts end cancelled', async () => {
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Long task') });
    await waitFor(async () => loggedOf(tm.service, sessionId, 'step.hostStarted', started.runId).length === 2 || null, 'both hosts started', 60_000);
    await tm.call('cancelRun', { sessionId, actor: ada, runId: started.runId, reason: 'test cancel' });
    const run = await tm.waitForRun(sessionId, started.runId, 60_000);
    expect(run.status).toBe('cancelled');
    expect(Object.values(run.hosts).map((h) => h.status)).toEqual(['cancelled', 'cancelled']);
  }, 120_000);

  it('leaves the secret nowhere: not in the log, the pushed events or any export', async () => {
    const haystacks = [JSON.stringify(tm.service.workspace.log.read(sessionId)), JSON.stringify(tm.events)];
    for (const format of ['html', 'md', 'json', 'csv'] as const) haystacks.push((await tm.call('exportReport', { sessionId, format })).content);
    for (const text of haystacks) expect(text).not.toContain(DEPLOY_TOKEN);
    expect(haystacks.join('')).toContain('[REDACTED:DEPLOY_TOKEN]');
  }, 120_000);

  it('says how to install Ansible when it is missing, and logs nothing', async () => {
    const before = tm.service.workspace.log.read(sessionId).length;
    process.env.TMINUS_ANSIBLE_PLAYBOOK = join(cluster.dir, 'no-such-ansible-playbook');
    try {
      expect(existsSync(process.env.TMINUS_ANSIBLE_PLAYBOOK)).toBe(false);
      const error = await tm.callError('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Deploy fleet') });
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(/Ansible is not installed.*apt-get install ansible/);
    } finally {
      delete process.env.TMINUS_ANSIBLE_PLAYBOOK;
    }
    expect(tm.service.workspace.log.read(sessionId).length).toBe(before);
  });
});
