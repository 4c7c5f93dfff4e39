// The user's OpenSSH host-key configuration through the console, on real sshd hosts in network
// namespaces: UserKnownHostsFile (several files, ~ and %-tokens, from an Included file, hashed
// names) trusts without a prompt; StrictHostKeyChecking yes refuses unknown keys without asking;
// accept-new is honoured in staging, and in production only after the IC turns it on (logged);
// `no` is treated as ask and says so; a @cert-authority line is refused naming the limitation;
// "Check hosts" lists unknown keys from a fresh key exchange, compares them with ssh-keyscan output
// and trusts ten in one typed confirmation (ten logged events); a host rekeyed while its pooled
// connection is open is reported as changed and the next run is refused.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Fingerprint } from '../../../electron/ssh';
import type { ApiEventMessage } from '../../../shared/api/contract';
import type { SshPrompt } from '../../../shared/api/steps';
import type { EventPayload } from '../../../shared/log/eventTypes';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { waitFor } from '../../support/sshTestbed';
import { ada, loggedOf, openStepsConsole, type StepsConsole } from './stepsHarness';

const BULK = Array.from({ length: 10 }, (_, i) => `b${String(i + 1).padStart(2, '0')}`);
const NAMED = ['cfg1', 'cfg2', 'strict', 'anew', 'anewprod', 'sno', 'ca', 'rekey', 'rekeyprod'];
const ALL = [...NAMED, ...BULK];

const RUNBOOK = `---
title: Known hosts config test
hosts:
${ALL.map((name) => `  - name: ${name}\n    groups: [all]`).join('\n')}
targets:
  Hello: all
---

# Known hosts config test

## Work

### Hello

\`\`\`bash
echo "hello from \${TMINUS_HOST:-?}"
\`\`\`
`;

let cluster: SshdCluster;
let tm: StepsConsole;
let home: string;

const prompts = (events: readonly ApiEventMessage[]): SshPrompt[] =>
  events.filter((m): m is Extract<ApiEventMessage, { event: 'ssh.prompt' }> => m.event === 'ssh.prompt').map((m) => m.payload);
const fingerprintOf = (name: string): string => sha256Fingerprint(cluster.host(name).hostKey.blob);
type Decision = EventPayload<'host.keyDecision'> & { actor: string };
const decisions = (sessionId: string): Decision[] =>
  loggedOf(tm.service, sessionId, 'host.keyDecision').map((e) => ({ ...(e.payload as EventPayload<'host.keyDecision'>), actor: e.actor.name }));

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: ALL.map((name) => ({ name })) });
  home = join(cluster.dir, 'home-ic');
  mkdirSync(join(home, '.ssh', 'conf.d'), { recursive: true });
  mkdirSync(join(home, 'kh'), { recursive: true });
  // cfg1's key in a per-host file named with %k, cfg2's (hashed) in a file under ~; neither in the default file.
  writeFileSync(join(home, 'kh', 'cfg1.keys'), `${cluster.knownHostsLine('cfg1')}\n`);
  writeFileSync(join(home, '.ssh', 'team_known_hosts'), `${cluster.knownHostsLine('cfg2', { hashed: true })}\n`);
  const hostBlock = (name: string, extra: string[] = []) =>
    [`Host ${name}`, `  HostName ${cluster.host(name).address}`, `  Port ${cluster.host(name).port}`, '  User root', `  IdentityFile ${cluster.clientKey.path}`, ...extra, ''].join('\n');
  writeFileSync(
    join(home, '.ssh', 'conf.d', 'hosts.conf'),
    [
      hostBlock('cfg1', ['  UserKnownHostsFile ~/.ssh/missing_known_hosts %d/kh/%k.keys']),
      hostBlock('cfg2', ['  UserKnownHostsFile ~/.ssh/team_known_hosts']),
      hostBlock('strict', ['  StrictHostKeyChecking yes']),
      hostBlock('anew', ['  StrictHostKeyChecking accept-new']),
      hostBlock('anewprod', ['  StrictHostKeyChecking accept-new']),
      hostBlock('sno', ['  StrictHostKeyChecking no']),
      ...['ca', 'rekey', 'rekeyprod', ...BULK].map((name) => hostBlock(name)),
    ].join('\n'),
  );
  writeFileSync(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\n');
  const defaultFile = cluster.writeKnownHosts([
    cluster.knownHostsLine('rekey'),
    cluster.knownHostsLine('rekeyprod'),
    // A CA line covering only the `ca` host: ssh2 cannot check host certificates.
    cluster.knownHostsLine('ca', { marker: '@cert-authority', patterns: cluster.host('ca').address }).replace(cluster.host('ca').hostKey.publicLine.split(' ')[1]!, cluster.clientKey.publicLine.split(' ')[1]!),
  ]);
  tm = await openStepsConsole(cluster, { ssh: { configPath: join(home, '.ssh', 'config'), homeDir: home, knownHostsFiles: [defaultFile], promptTimeoutMs: 60_000, recheckAfterMs: 1 } });
}, 180_000);

afterAll(async () => {
  await tm?.close();
  await cluster?.stop();
});

async function runOn(sessionId: string, targets: string[], production = false) {
  return tm.run(sessionId, 'Hello', { targets, ...(production ? { confirmation: { method: 'typed' as const, text: 'Hello' } } : {}) });
}

describe("the user's OpenSSH host-key configuration", () => {
  it('keys in UserKnownHostsFile files named in ~/.ssh/config (Include, ~, %d, %k, hashed) are accepted without a prompt', async () => {
    const sessionId = await tm.createSession('staging', RUNBOOK);
    const asked = prompts(tm.events).length;
    const run = await runOn(sessionId, ['cfg1', 'cfg2']);
    expect(run.hosts.cfg1).toMatchObject({ status: 'succeeded' });
    expect(run.hosts.cfg2).toMatchObject({ status: 'succeeded' });
    expect(prompts(tm.events)).toHaveLength(asked);
    expect(decisions(sessionId)).toEqual([]);
  });

  it('StrictHostKeyChecking yes refuses an unknown key without a prompt, saying why and where it looked', async () => {
    const sessionId = await tm.createSession('staging', RUNBOOK);
    const asked = prompts(tm.events).length;
    const run = await runOn(sessionId, ['strict']);
    expect(run.hosts.strict).toMatchObject({ status: 'failed' });
    expect(run.hosts.strict!.reason).toMatch(/StrictHostKeyChecking yes.*without asking.*looked in .*missing|StrictHostKeyChecking yes.*without asking/);
    expect(prompts(tm.events)).toHaveLength(asked);
    await waitFor(() => decisions(sessionId).find((d) => d.decision === 'rejected' && d.target === 'strict'), 'the refusal logged');
  });

  it('accept-new on a staging session accepts a first key without a prompt, logged', async () => {
    const sessionId = await tm.createSession('staging', RUNBOOK);
    const asked = prompts(tm.events).length;
    const run = await runOn(sessionId, ['anew']);
    expect(run.hosts.anew).toMatchObject({ status: 'succeeded' });
    expect(prompts(tm.events)).toHaveLength(asked);
    expect(decisions(sessionId)).toEqual([
      expect.objectContaining({ actor: 'T-Minus', decision: 'accepted-new', via: 'accept-new', target: 'anew', fingerprint: fingerprintOf('anew') }),
    ]);
  });

  it('accept-new on production asks until the IC turns it on for the session (logged); `no` asks and says it is treated as ask', async () => {
    const sessionId = await tm.createSession('production', RUNBOOK);
    const started = await tm.call('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Hello'), targets: ['anewprod'], confirmation: { method: 'typed', text: 'Hello' } });
    const prompt = await waitFor(() => prompts(tm.events).find((p) => p.kind === 'host-key' && p.target === 'anewprod'), 'the accept-new prompt');
    expect(prompt).toMatchObject({ strictHostKeyChecking: 'accept-new', note: expect.stringMatching(/production session.*not turned accept-new on/) });
    await tm.call('answerHostKeyPrompt', { promptId: prompt.promptId, actor: ada, decision: 'reject' });
    expect((await tm.waitForRun(sessionId, started.runId)).hosts.anewprod).toMatchObject({ status: 'failed' });

    await tm.call('setAcceptNew', { sessionId, actor: ada, enabled: true });
    expect(loggedOf(tm.service, sessionId, 'hosts.acceptNewSet').map((e) => e.payload)).toEqual([{ enabled: true }]);
    const asked = prompts(tm.events).length;
    expect((await runOn(sessionId, ['anewprod'], true)).hosts.anewprod).toMatchObject({ status: 'succeeded' });
    expect(prompts(tm.events)).toHaveLength(asked);
    expect(decisions(sessionId).at(-1)).toMatchObject({ decision: 'accepted-new', target: 'anewprod' });

    const staging = await tm.createSession('staging', RUNBOOK);
    expect((await tm.callError('setAcceptNew', { sessionId: staging, actor: ada, enabled: true })).message).toMatch(/Staging sessions already honour/);
    const noRun = await tm.call('runStep', { sessionId: staging, actor: ada, stepId: await tm.stepId(staging, 'Hello'), targets: ['sno'] });
    const noPrompt = await waitFor(() => prompts(tm.events).find((p) => p.kind === 'host-key' && p.target === 'sno'), 'the prompt for StrictHostKeyChecking no');
    expect(noPrompt).toMatchObject({ strictHostKeyChecking: 'no', note: expect.stringMatching(/StrictHostKeyChecking no.*treated as ask/) });
    await tm.call('answerHostKeyPrompt', { promptId: noPrompt.promptId, actor: ada, decision: 'trust-once' });
    expect((await tm.waitForRun(staging, noRun.runId)).hosts.sno).toMatchObject({ status: 'succeeded' });
  });

  it('a host covered only by @cert-authority is refused, naming the limitation and the host', async () => {
    const sessionId = await tm.createSession('staging', RUNBOOK);
    const run = await runOn(sessionId, ['ca']);
    expect(run.hosts.ca).toMatchObject({ status: 'failed' });
    expect(run.hosts.ca!.reason).toContain(cluster.host('ca').address);
    expect(run.hosts.ca!.reason).toMatch(/@cert-authority.*ssh2\) cannot verify host certificates/);
  });
});

describe('Check hosts: fresh keys, one table, bulk trust', () => {
  it('lists ten unknown keys, marks them against ssh-keyscan output, and trusts all ten in one typed confirmation: ten logged events', async () => {
    const sessionId = await tm.createSession('staging', RUNBOOK);
    const { results } = await tm.call('checkHosts', { sessionId, actor: ada, hosts: BULK });
    expect(results.map((r) => [r.host, r.hostKey?.status, r.checks.find((c) => c.name === 'host-key')?.status])).toEqual(BULK.map((name) => [name, 'unknown', 'unknown']));
    expect(results[0]!.hostKey).toMatchObject({ keyType: 'ssh-ed25519', fingerprint: fingerprintOf('b01'), address: cluster.host('b01').address, strictHostKeyChecking: 'ask' });
    expect(results[0]!.hostKey!.lookedIn.join(' ')).toMatch(/known_hosts.*T-Minus trusted keys/);

    // Gathered out of band with OpenSSH's own tool; b10's line is tampered with.
    const keyscan = execFileSync('ssh-keyscan', ['-t', 'ed25519', ...BULK.slice(0, 9).map((name) => cluster.host(name).address)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const tampered = `${keyscan}${cluster.host('b10').address} ${cluster.host('b01').hostKey.publicLine}\n`;
    const compared = await tm.call('compareHostKeys', { sessionId, text: tampered });
    expect(compared.results.map((r) => r.match)).toEqual([...BULK.slice(0, 9).map(() => 'match'), 'different']);

    expect((await tm.callError('trustHostKeys', { sessionId, actor: ada, hosts: BULK, confirmation: 'yes' })).message).toMatch(/Type "trust 10 keys"/);
    expect(decisions(sessionId)).toEqual([]);
    const trusted = await tm.call('trustHostKeys', { sessionId, actor: ada, hosts: BULK, confirmation: 'trust 10 keys', pasted: keyscan });
    expect(trusted.trusted.map((t) => t.matchedPasted)).toEqual([...Array(9).fill(true), false]);
    const logged = decisions(sessionId);
    expect(logged).toHaveLength(10);
    expect(logged.map((d) => [d.actor, d.target, d.decision, d.via, d.fingerprint])).toEqual(BULK.map((name) => ['Ada', name, 'trusted', 'check-hosts', fingerprintOf(name)]));

    const asked = prompts(tm.events).length;
    const run = await runOn(sessionId, BULK);
    expect(BULK.map((name) => run.hosts[name]!.status)).toEqual(BULK.map(() => 'succeeded'));
    expect(prompts(tm.events)).toHaveLength(asked);
  });

  it('a host rekeyed while its pooled connection is open: Check hosts reports the change, closes that connection, and the next run is refused', async () => {
    const sessionId = await tm.createSession('staging', RUNBOOK);
    expect((await runOn(sessionId, ['rekey'])).hosts.rekey).toMatchObject({ status: 'succeeded' });
    const oldFingerprint = fingerprintOf('rekey');
    await cluster.changeHostKey('rekey');
    const [result] = (await tm.call('checkHosts', { sessionId, actor: ada, hosts: ['rekey'] })).results;
    expect(result!.ok).toBe(false);
    expect(result!.hostKey).toMatchObject({ status: 'changed', changedWhilePooled: true, fingerprint: fingerprintOf('rekey') });
    const keyCheck = result!.checks.find((c) => c.name === 'host-key')!;
    expect(keyCheck.status).toBe('fail');
    expect(keyCheck.message).toContain(`HOST KEY CHANGED`);
    expect(keyCheck.message).toContain(`it had ${oldFingerprint}); that connection was closed`);
    const run = await runOn(sessionId, ['rekey']);
    expect(run.hosts.rekey).toMatchObject({ status: 'failed' });
    expect(run.hosts.rekey!.reason).toMatch(/HOST KEY CHANGED/);
  });

  it('before a production run, a pooled connection older than the re-check age is checked afresh: a rekeyed host is refused', async () => {
    const sessionId = await tm.createSession('production', RUNBOOK);
    expect((await runOn(sessionId, ['rekeyprod'], true)).hosts.rekeyprod).toMatchObject({ status: 'succeeded' });
    await cluster.changeHostKey('rekeyprod');
    // recheckAfterMs is 1 ms here: the connection is already "old".
    const run = await runOn(sessionId, ['rekeyprod'], true);
    expect(run.hosts.rekeyprod).toMatchObject({ status: 'failed' });
    expect(run.hosts.rekeyprod!.reason).toMatch(/HOST KEY CHANGED/);
  });
});
