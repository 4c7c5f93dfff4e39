// The pure parts of Ansible steps: which fences are playbooks, which secrets a playbook reads, the
// event stream as ansible.posix.jsonl writes it (lines captured from Ansible 2.14), the policy
// said in Ansible's words, and the inventory with host-key checking on.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findAnsiblePlaybook } from '../../../electron/ansible/ansibleAvailability';
import { ansibleConfigText, ansibleInventoryYaml } from '../../../electron/ansible/ansibleInventory';
import { describeResult, hostOutcome, parsePlaybookLine } from '../../../electron/ansible/playbookEvents';
import { applyPolicy, PlaybookError } from '../../../electron/ansible/playbookPolicy';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { isPlaybookFence, playbookSecrets } from '../../../shared/runbook/import/playbook';

const PLAYBOOK = `- hosts: web
  gather_facts: false
  tasks:
    - name: Deploy
      command: deploy --token {{ DEPLOY_TOKEN }} --host {{ inventory_hostname }}
`;

describe('playbook fences', () => {
  it('takes ansible fences and yaml lists of plays, not other yaml', () => {
    expect(isPlaybookFence('ansible', 'anything')).toBe(true);
    expect(isPlaybookFence('yaml', PLAYBOOK)).toBe(true);
    expect(isPlaybookFence('yml', '- hosts: all\n  roles: [web]\n')).toBe(true);
    expect(isPlaybookFence('yaml', 'apiVersion: v1\nkind: Pod\n')).toBe(false);
    expect(isPlaybookFence('yaml', '- name: x\n  image: y\n')).toBe(false);
    expect(isPlaybookFence('yaml', ': : not yaml [')).toBe(false);
    expect(isPlaybookFence('json', PLAYBOOK)).toBe(false);
  });

  it('reads UPPER_CASE Jinja variables as secrets, not Ansible variables or strings', () => {
    expect(playbookSecrets(PLAYBOOK)).toEqual(['DEPLOY_TOKEN']);
    expect(playbookSecrets("{{ lookup('env', 'HOME') }} {{ item.NAME }} {{ DB_PASS | default('x') }}")).toEqual(['DB_PASS']);
  });

  it('imports a playbook block as a step run by Ansible; a yaml example stays reference text', () => {
    const runbook = importMarkdown(`# R\n\n## Deploy web\n\n\`\`\`yaml\n${PLAYBOOK}\`\`\`\n\n## Config\n\n\`\`\`yaml\nkey: value\n\`\`\`\n`, 'r.md');
    expect(runbook.steps.map((s) => [s.title, s.shell, s.secrets])).toEqual([['Deploy web', 'ansible', ['DEPLOY_TOKEN']]]);
  });
});

describe('the jsonl event stream', () => {
  const ok = '{"_event":"v2_runner_on_ok","_timestamp":"2026-12-03T19:00:02.5Z","hosts":{"app1":{"action":"command","changed":true,"rc":0,"stdout":"hello\\nworld","stderr":""}},"task":{"duration":{"end":"2026-12-03T19:00:02.500000Z","start":"2026-12-03T19:00:01.250000Z"},"id":"x","name":"Say hello","path":"p"}}';
  const failed = '{"_event":"v2_runner_on_failed","hosts":{"app3":{"changed":true,"failed":true,"msg":"non-zero return code","rc":1,"stdout":"","stderr":"boom"}},"task":{"name":"Check","duration":{"start":"2026-12-03T19:00:01Z"}}}';
  const stats = '{"_event":"v2_playbook_on_stats","stats":{"app1":{"changed":1,"failures":0,"ignored":0,"ok":1,"rescued":0,"skipped":0,"unreachable":0},"app3":{"changed":0,"failures":1,"ok":0,"unreachable":0}}}';

  it('reads results per host with the task and its duration, and describes them as Ansible would', () => {
    const event = parsePlaybookLine(ok)!;
    expect(event).toMatchObject({ kind: 'result', outcome: 'ok', host: 'app1', task: 'Say hello', durationMs: 1250 });
    expect(describeResult(event as Extract<typeof event, { kind: 'result' }>)).toBe('TASK [Say hello] changed (1.25 s)\n  hello\n  world\n');
    const fail = parsePlaybookLine(failed) as Extract<ReturnType<typeof parsePlaybookLine>, { kind: 'result' }>;
    expect(describeResult(fail)).toBe('TASK [Check] FAILED rc=1\n  msg: non-zero return code\n  stderr: boom\n');
  });

  it('turns the closing stats into each host outcome', () => {
    const event = parsePlaybookLine(stats);
    if (event?.kind !== 'stats') throw new Error('not stats');
    expect(hostOutcome(event.stats.app1!).status).toBe('succeeded');
    expect(hostOutcome(event.stats.app3!)).toMatchObject({ status: 'failed', errorKind: null });
    expect(hostOutcome({ ok: 0, changed: 0, failures: 0, unreachable: 1, skipped: 0, rescued: 0, ignored: 0 }).errorKind).toBe('unreachable');
  });

  it('keeps what is not an event as text and never throws', () => {
    expect(parsePlaybookLine('[WARNING]: provided hosts list is empty')).toEqual({ kind: 'text', text: '[WARNING]: provided hosts list is empty' });
    expect(parsePlaybookLine('{"_event":"v2_runner_on_ok","hosts":42}')).toMatchObject({ kind: 'text' });
    expect(parsePlaybookLine('{"no":"event"}')).toMatchObject({ kind: 'text' });
    expect(parsePlaybookLine('   ')).toBeNull();
    expect(parsePlaybookLine('{"_event":"v2_playbook_on_include"}')).toBeNull();
  });
});

describe('the policy in Ansible words', () => {
  it('sets serial and max_fail_percentage for rolling, any_errors_fatal for stop on first failure', () => {
    const rolling = applyPolicy(PLAYBOOK, { kind: 'rolling', batchSize: 2 });
    expect(parse(rolling.playbook)[0]).toMatchObject({ hosts: 'web', serial: 2, max_fail_percentage: 0 });
    expect(rolling.notes[0]).toMatch(/rolling, 2 at a time/);
    expect(parse(applyPolicy(PLAYBOOK, { kind: 'stop-on-first-failure' }).playbook)[0].any_errors_fatal).toBe(true);
    expect(applyPolicy(PLAYBOOK, { kind: 'all' }).notes).toEqual([]);
  });

  it('refuses what is not a list of plays, naming the line', () => {
    expect(() => applyPolicy('hosts: all\n', { kind: 'all' })).toThrow(PlaybookError);
    expect(() => applyPolicy('- hosts: [a\n', { kind: 'all' })).toThrow(/playbook line \d+, column \d+/);
  });
});

describe('the inventory and configuration Ansible gets', () => {
  const endpoint = { alias: 'db1', name: 'db1', host: '10.0.0.5', port: 2222, user: 'deploy', identityFiles: ['/k/id'], hostKeyAlias: 'db1.prod', identitiesOnly: true, key: 'k', jumps: [{ alias: 'bastion', host: 'bastion.example', port: 22, user: 'ops', identityFiles: [], hostKeyAlias: null, identitiesOnly: false }] };

  const defaults = { userFiles: ['/home/a b/.ssh/known_hosts'], globalFiles: ['/etc/ssh/ssh_known_hosts'], trustedFile: '/tmp/run/tminus_known_hosts' };

  it('writes each host as T-Minus resolves it, with its jump hosts, groups and the known_hosts files T-Minus reads for it', () => {
    const inventory = parse(ansibleInventoryYaml([{ name: 'db1', groups: ['db', 'prod'], endpoint }], defaults));
    expect(inventory.all.hosts.db1).toEqual({
      ansible_host: '10.0.0.5',
      ansible_port: 2222,
      ansible_user: 'deploy',
      ansible_ssh_private_key_file: '/k/id',
      ansible_ssh_common_args:
        '-o ProxyJump=ops@bastion.example:22 -o HostKeyAlias=db1.prod -o IdentitiesOnly=yes ' +
        `-o 'UserKnownHostsFile="/home/a b/.ssh/known_hosts" /tmp/run/tminus_known_hosts' -o GlobalKnownHostsFile=/etc/ssh/ssh_known_hosts`,
    });
    expect(Object.keys(inventory.all.children)).toEqual(['db', 'prod']);
  });

  it("uses each host's own UserKnownHostsFile / GlobalKnownHostsFile from the ssh config, never one file list for all (issue 17)", () => {
    const teamFiles = { ...endpoint, alias: 'web1', name: 'web1', jumps: [], hostKeyAlias: null, identitiesOnly: false, hostKeys: { userKnownHostsFiles: ['/srv/team/known_hosts', '/home/a/.ssh/known_hosts.d/web1'], globalKnownHostsFiles: ['none'], strictHostKeyChecking: 'yes' as const, checkHostIP: false } };
    const inventory = parse(ansibleInventoryYaml([{ name: 'db1', groups: [], endpoint }, { name: 'web1', groups: [], endpoint: teamFiles }], defaults));
    expect(inventory.all.hosts.web1.ansible_ssh_common_args).toBe("-o 'UserKnownHostsFile=/srv/team/known_hosts /home/a/.ssh/known_hosts.d/web1 /tmp/run/tminus_known_hosts' -o GlobalKnownHostsFile=none");
    expect(inventory.all.hosts.db1.ansible_ssh_common_args).toContain('/home/a b/.ssh/known_hosts');
    // Nothing in ansible.cfg may override a host's files: ssh takes the first value it is given.
    expect(ansibleConfigText({ forks: 5, sshConfigPath: null, controlPathDir: '/tmp/cp' })).not.toMatch(/KnownHostsFile/);
  });

  it('keeps host-key checking strict', () => {
    const text = ansibleConfigText({ forks: 50, sshConfigPath: '/home/a/.ssh/config', controlPathDir: '/tmp/cp' });
    expect(text).toContain('host_key_checking = True');
    expect(text).toContain('-o StrictHostKeyChecking=yes');
    expect(text).toContain('stdout_callback = ansible.posix.jsonl');
    expect(text).toContain('forks = 50');
  });
});

describe('finding ansible-playbook', () => {
  it('looks on PATH, honours TMINUS_ANSIBLE_PLAYBOOK, and answers null when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tminus-ansible-path-'));
    expect(findAnsiblePlaybook({ PATH: dir })).toBeNull();
    writeFileSync(join(dir, 'ansible-playbook'), '#!/bin/sh\n');
    expect(findAnsiblePlaybook({ PATH: dir })).toBeNull();
    chmodSync(join(dir, 'ansible-playbook'), 0o755);
    expect(findAnsiblePlaybook({ PATH: `/nonexistent:${dir}` })).toBe(join(dir, 'ansible-playbook'));
    expect(findAnsiblePlaybook({ PATH: dir, TMINUS_ANSIBLE_PLAYBOOK: '/nope' })).toBeNull();
  });
});
