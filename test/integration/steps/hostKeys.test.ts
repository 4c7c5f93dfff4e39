// Host keys and prompts through the console on real sshd hosts: an unknown key is asked about
// (pushed and listed), trusted through the API and the decision logged; a rejected or unanswered
// prompt fails the host; a revoked or changed key is refused with the engine's message and no
// prompt; a jump host's key is checked on its own; an encrypted key asks for its passphrase;
// pre-flight reports and logs per host.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Fingerprint } from '../../../electron/ssh';
import type { ApiEventMessage } from '../../../shared/api/contract';
import type { SshPrompt } from '../../../shared/api/steps';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, grace, loggedOf, openStepsConsole, TEST_HOSTS, type StepsConsole } from './stepsHarness';

let cluster: SshdCluster;
let tm: StepsConsole;
let sessionId: string;

const fingerprintOf = (name: string): string => sha256Fingerprint(cluster.host(name).hostKey.blob);

function promptsOf(events: readonly ApiEventMessage[]): SshPrompt[] {
  return events.filter((m): m is Extract<ApiEventMessage, { event: 'ssh.prompt' }> => m.event === 'ssh.prompt').map((m) => m.payload);
}

async function nextPrompt(console_: StepsConsole, match: (prompt: SshPrompt) => boolean): Promise<SshPrompt> {
  return waitFor(() => promptsOf(console_.events).find(match), 'an ssh.prompt');
}

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: TEST_HOSTS });
  // app1 revoked; db1 and dbint known; app2 and the bastion unknown.
  tm = await openStepsConsole(cluster, {
    knownHosts: [cluster.knownHostsLine('app1', { marker: '@revoked' }), cluster.knownHostsLine('db1', { hashed: true }), cluster.knownHostsLine('dbint')],
  });
  sessionId = await tm.createSession('staging');
});

afterAll(async () => {
  await tm?.close();
  await cluster?.stop();
});

describe('host keys through the console', () => {
  it('asks about an unknown key, trusts it through the API, logs the decision and remembers it', async () => {
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Say hello'), targets: ['app2'] });
    const prompt = await nextPrompt(tm, (p) => p.kind === 'host-key' && p.target === 'app2');
    expect(prompt).toMatchObject({ kind: 'host-key', sessionId, host: cluster.host('app2').address, port: cluster.host('app2').port, keyType: 'ssh-ed25519', fingerprint: fingerprintOf('app2'), role: 'target', via: null });
    // A reloaded window finds it through listPrompts.
    expect(await tm.call('listPrompts', {})).toEqual([prompt]);
    expect(await tm.call('answerHostKeyPrompt', { promptId: prompt.promptId, actor: grace, decision: 'trust' })).toEqual({ ok: true });
    expect(tm.events.some((m) => m.event === 'ssh.promptClosed' && m.payload.promptId === prompt.promptId)).toBe(true);
    // Answered once only.
    expect(await tm.call('answerHostKeyPrompt', { promptId: prompt.promptId, actor: grace, decision: 'reject' })).toEqual({ ok: false });

    const run = await tm.waitForRun(sessionId, started.runId);
    expect(run.hosts.app2).toMatchObject({ status: 'succeeded' });
    const decisions = loggedOf(tm.service, sessionId, 'host.keyDecision');
    expect(decisions.map((e) => [e.actor, e.payload])).toEqual([
      [grace, { host: cluster.host('app2').address, port: cluster.host('app2').port, keyType: 'ssh-ed25519', fingerprint: fingerprintOf('app2'), decision: 'trusted', expectedFingerprint: null, target: 'app2', via: 'prompt' }],
    ]);
    const trusted = JSON.parse(readFileSync(join(tm.dataDir, 'tminus.trusted-keys.json'), 'utf8')) as { keys: Array<{ fingerprint: string; addedBy: string }> };
    expect(trusted.keys).toEqual([expect.objectContaining({ fingerprint: fingerprintOf('app2'), addedBy: 'Grace' })]);

    // Known now: the next connection asks nobody (a new session, so a new connection).
    const other = await tm.createSession('staging');
    const asked = promptsOf(tm.events).length;
    expect((await tm.run(other, 'Say hello', { targets: ['app2'] })).status).toBe('succeeded');
    expect(promptsOf(tm.events)).toHaveLength(asked);
  });

  it('a revoked key is refused with the reason, without a prompt, and the refusal is logged', async () => {
    const asked = promptsOf(tm.events).length;
    const run = await tm.run(sessionId, 'Say hello', { targets: ['app1'] });
    expect(run.hosts.app1).toMatchObject({ status: 'failed' });
    expect(run.hosts.app1!.reason).toMatch(/REVOKED host key presented by .*SHA256:/);
    expect(promptsOf(tm.events)).toHaveLength(asked);
    const refusal = await waitFor(() => loggedOf(tm.service, sessionId, 'host.keyDecision').find((e) => (e.payload as { decision: string }).decision === 'refused-revoked'), 'the refusal event');
    expect(refusal.actor).toEqual(SYSTEM_ACTOR);
    expect(refusal.payload).toMatchObject({ fingerprint: fingerprintOf('app1') });
  });

  it('a changed key is refused naming both fingerprints; nothing offers to accept it', async () => {
    const old = fingerprintOf('db1');
    await cluster.changeHostKey('db1');
    const asked = promptsOf(tm.events).length;
    const run = await tm.run(sessionId, 'Exit per host', { targets: ['db1'] });
    expect(run.hosts.db1).toMatchObject({ status: 'failed' });
    expect(run.hosts.db1!.reason).toContain('HOST KEY CHANGED');
    expect(run.hosts.db1!.reason).toContain(old);
    expect(run.hosts.db1!.reason).toContain(fingerprintOf('db1'));
    expect(promptsOf(tm.events)).toHaveLength(asked);
    const refusal = await waitFor(() => loggedOf(tm.service, sessionId, 'host.keyDecision').find((e) => (e.payload as { decision: string }).decision === 'refused-changed'), 'the refusal event');
    expect(refusal.payload).toMatchObject({ fingerprint: fingerprintOf('db1'), expectedFingerprint: old });
  });

  it("checks a jump host's key on its own: the bastion is asked about on the way to dbint", async () => {
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Internal hello') });
    const prompt = await nextPrompt(tm, (p) => p.kind === 'host-key' && p.target === 'dbint');
    expect(prompt).toMatchObject({ role: 'jump', fingerprint: fingerprintOf('bastion'), host: cluster.host('bastion').address });
    await tm.call('answerHostKeyPrompt', { promptId: prompt.promptId, actor: ada, decision: 'trust-once' });
    const run = await tm.waitForRun(sessionId, started.runId);
    expect(run.hosts.dbint).toMatchObject({ status: 'succeeded' });
    expect(loggedOf(tm.service, sessionId, 'host.keyDecision').at(-1)!.payload).toMatchObject({ fingerprint: fingerprintOf('bastion'), decision: 'trusted-once' });
  });

  it('a rejected key fails the host with the reason', async () => {
    const own = await tm.createSession('staging');
    const started = await tm.call('runStep', { sessionId: own, actor: ada, stepId: await tm.stepId(own, 'Internal hello') });
    const prompt = await nextPrompt(tm, (p) => p.kind === 'host-key' && p.sessionId === own);
    await tm.call('answerHostKeyPrompt', { promptId: prompt.promptId, actor: ada, decision: 'reject' });
    const run = await tm.waitForRun(own, started.runId);
    expect(run.hosts.dbint!.status).toBe('failed');
    expect(run.hosts.dbint!.reason).toMatch(/declined to trust it/);
    expect(loggedOf(tm.service, own, 'host.keyDecision').map((e) => [e.actor, (e.payload as { decision: string }).decision])).toEqual([[ada, 'rejected']]);
  });

  it('pre-flight checks every host of the inventory and logs the results', async () => {
    const { results } = await tm.call('checkHosts', { sessionId, actor: ada, hosts: ['app', 'dbint'] });
    expect(results.map((r) => [r.host, r.ok])).toEqual([
      ['app1', false],
      ['app2', true],
      ['dbint', true],
    ]);
    expect(results[0]!.checks.find((c) => c.name === 'host-key')).toMatchObject({ status: 'fail', message: expect.stringMatching(/REVOKED/) });
    expect(results[1]!.checks.map((c) => c.name)).toEqual(['reachability', 'host-key', 'auth', 'sudo', 'clock-skew', 'disk']);
    expect(results[1]!.checks.find((c) => c.name === 'auth')).toMatchObject({ status: 'ok', message: 'logged in as root' });
    expect(loggedOf(tm.service, sessionId, 'hosts.checked').at(-1)!.payload).toEqual({ results });
    expect((await tm.call('openSession', { sessionId })).state.steps.lastCheck?.results).toEqual(results);
  });
});

describe('prompts nobody answers, passphrases', () => {
  it('an unanswered host-key prompt gives up after its timeout and fails the host with the reason', async () => {
    const quick = await openStepsConsole(cluster, { knownHosts: [], ssh: { promptTimeoutMs: 1_500 } });
    try {
      const own = await quick.createSession('staging');
      const run = await quick.run(own, 'Say hello', { targets: ['app2'] });
      expect(run.hosts.app2!.status).toBe('failed');
      expect(run.hosts.app2!.reason).toMatch(/nobody answered the prompt \(nobody answered within 2 s\)/);
      expect(await quick.call('listPrompts', {})).toEqual([]);
      expect(loggedOf(quick.service, own, 'host.keyDecision').map((e) => [e.actor, (e.payload as { decision: string }).decision])).toEqual([[SYSTEM_ACTOR, 'rejected']]);
    } finally {
      await quick.close();
    }
  });

  it('an encrypted key asks for its passphrase (memory only) and the run goes on', async () => {
    const locked = await openStepsConsole(cluster, { identityFile: cluster.encryptedClientKey.path });
    try {
      const own = await locked.createSession('staging');
      const started = await locked.call('runStep', { sessionId: own, actor: ada, stepId: await locked.stepId(own, 'Say hello'), targets: ['app2'] });
      const first = await nextPrompt(locked, (p) => p.kind === 'passphrase');
      expect(first).toMatchObject({ kind: 'passphrase', sessionId: own, keyFile: cluster.encryptedClientKey.path, retry: false });
      await locked.call('answerPassphrasePrompt', { promptId: first.promptId, passphrase: 'wrong horse' });
      const retry = await nextPrompt(locked, (p) => p.kind === 'passphrase' && p.promptId !== first.promptId);
      expect(retry).toMatchObject({ retry: true });
      await locked.call('answerPassphrasePrompt', { promptId: retry.promptId, passphrase: 'correct horse' });
      const run = await locked.waitForRun(own, started.runId);
      expect(run.hosts.app2!.status).toBe('succeeded');
      // Nothing about the passphrase reaches the log.
      const logText = JSON.stringify(locked.service.workspace.log.read(own));
      expect(logText).not.toContain('correct horse');
      expect(logText).not.toContain('wrong horse');
    } finally {
      await locked.close();
    }
  });
});
