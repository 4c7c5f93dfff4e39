// Steps over SSH from the UI, against real OpenSSH hosts (test/support/sshd.ts) and the real
// browser shell started with the cluster's ssh config and known_hosts (TMINUS_SSH_CONFIG,
// TMINUS_KNOWN_HOSTS): a production run through the typed confirmation and the unknown host-key
// prompts with live output and exit codes per host; cancelling a long step; a secret given in the
// UI that the step uses and the page never shows; an encrypted key's passphrase asked in the UI.
import { test as base, expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole, type RunningConsole } from '../support/consoleServer';
import { startSshdCluster, type SshdCluster } from '../support/sshd';
import { openConsole } from './fixtures';
import { SessionsPage } from './pages/sessionsPage';
import { StepsPage } from './pages/stepsPage';

const HOST = '${TMINUS_HOST:-?}';

const RUNBOOK = `---
title: Steps from the UI
hosts:
  - name: app1
    groups: [app]
  - name: app2
    groups: [app]
  - name: db1
    groups: [db]
targets:
  Exit per host: [app, db]
  Count slowly: app1
  Sleep long: app
  Use secrets: app1
---

# Steps from the UI

## Deployment

### Exit per host

\`\`\`bash
echo "ran on ${HOST}"
printf '\\033[32mgreen on %s\\033[0m\\n' "${HOST}"
echo "warning from ${HOST}" >&2
case "${HOST}" in app2) exit 4;; db1) exit 3;; esac
exit 0
\`\`\`

### Count slowly

\`\`\`bash
for i in 1 2 3 4 5 6; do echo "tick $i on ${HOST}"; sleep 1; done
\`\`\`

### Sleep long

\`\`\`bash
echo "started on ${HOST}"
sleep 300
\`\`\`

### Use secrets

\`\`\`bash
echo "token=$DEPLOY_TOKEN"
printf '%s' "$DEPLOY_TOKEN" | base64
\`\`\`
`;

interface StepsFixtures {
  /** A console whose SSH reads the cluster's config; `knownHosts` false = every key unknown. */
  stepsApp: (options: { knownHosts: boolean; encryptedKey?: boolean }) => Promise<{ page: Page; server: RunningConsole }>;
  runbookFile: string;
}

const test = base.extend<StepsFixtures, { cluster: SshdCluster }>({
  cluster: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }, { name: 'db1' }] });
      try {
        await use(cluster);
      } finally {
        await cluster.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  // eslint-disable-next-line no-empty-pattern
  runbookFile: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), `tminus-steps-e2e-${process.pid}-`));
    const file = join(dir, 'steps-ui.md');
    writeFileSync(file, RUNBOOK);
    await use(file);
    rmSync(dir, { recursive: true, force: true });
  },
  stepsApp: async ({ cluster, page }, use) => {
    const servers: RunningConsole[] = [];
    try {
      await use(async ({ knownHosts, encryptedKey = false }) => {
        const sshConfig = join(cluster.dir, `ssh_config-${Math.random().toString(36).slice(2, 10)}`);
        writeFileSync(sshConfig, cluster.sshConfigText(encryptedKey ? { identityFile: cluster.encryptedClientKey.path } : {}));
        const knownHostsFile = cluster.writeKnownHosts(knownHosts ? cluster.hosts().map((h) => cluster.knownHostsLine(h.name)) : []);
        const server = await startConsole({ env: { TMINUS_SSH_CONFIG: sshConfig, TMINUS_KNOWN_HOSTS: knownHostsFile, SSH_AUTH_SOCK: '' } });
        servers.push(server);
        await openConsole(page, server.url);
        return { page, server };
      });
    } finally {
      for (const server of servers) await server.stop();
    }
  },
});

const fingerprintOf = (blob: Buffer) => `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;

test('a production run goes through the typed confirmation and the host-key prompts, with live output and exit codes per host', async ({ stepsApp, runbookFile, cluster }) => {
  const { page } = await stepsApp({ knownHosts: false });
  await new SessionsPage(page).createSession({ name: 'Go-live', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: runbookFile });
  const steps = new StepsPage(page);
  await steps.open();

  const form = await steps.startRun('Exit per host');
  await expect(steps.whereItRuns(form)).toContainText('Runs on 3 hosts: app1, app2, db1');
  await expect(steps.whereItRuns(form)).toContainText('PRODUCTION');
  await form.getByRole('button', { name: 'Continue to confirmation' }).click();

  // The confirmation names the step and the hosts; only the exact title enables the button.
  const confirm = steps.confirmDialog;
  await expect(confirm).toContainText('Exit per host');
  await expect(confirm.getByRole('list', { name: 'Hosts it runs on' }).getByRole('listitem')).toHaveText(['app1', 'app2', 'db1']);
  const runButton = confirm.getByRole('button', { name: 'Run in production' });
  const typed = confirm.getByLabel(/Type the step title to confirm/);
  await expect(runButton).toBeDisabled();
  await typed.fill('exit per host');
  await expect(runButton).toBeDisabled();
  await typed.press('Enter');
  await expect(confirm).toBeVisible();
  await typed.fill('Exit per host');
  await expect(runButton).toBeEnabled();
  await runButton.click();
  await expect(confirm).toBeHidden();

  // Three unknown keys: each shows the host's real fingerprint, and Enter trusts nothing.
  const expected = new Set(cluster.hosts().map((h) => fingerprintOf(h.hostKey.blob)));
  for (let i = 0; i < 3; i++) {
    await expect(steps.hostKeyDialog).toBeVisible({ timeout: 30_000 });
    const shown = await steps.promptedFingerprint();
    expect(expected.has(shown)).toBe(true);
    await page.keyboard.press('Enter');
    await expect(steps.hostKeyDialog).toBeVisible();
    await expect(steps.hostKeyDialog.getByRole('group', { name: 'Host key to verify' })).toContainText(shown);
    await steps.answerHostKey('Trust always');
    // The next prompt (if any) is for another key.
    await expect.poll(async () => ((await steps.hostKeyDialog.isVisible()) ? await steps.promptedFingerprint() : 'closed'), { timeout: 10_000 }).not.toBe(shown);
  }

  await expect(steps.hostRow('app1')).toContainText('succeeded', { timeout: 30_000 });
  await expect(steps.hostRow('app2')).toContainText('failed');
  await expect(steps.hostRow('db1')).toContainText('failed');
  expect(await steps.hostCells('app1')).toMatchObject({ exitCode: '0' });
  expect(await steps.hostCells('app2')).toMatchObject({ exitCode: '4' });
  expect(await steps.hostCells('db1')).toMatchObject({ exitCode: '3' });
  await expect(page.getByRole('region', { name: /^Run of Exit per host/ })).toContainText('confirmed by typing “Exit per host”');

  // Each host's own output: stdout, colours as styled spans, stderr marked.
  const app1 = steps.output('app1');
  await expect(app1).toContainText('ran on app1');
  await expect(app1.locator('.out-stderr')).toHaveText('warning from app1');
  await expect(app1.locator('.ansi-green-fg')).toHaveText('green on app1');
  const db1 = await steps.showOutput('db1');
  await expect(db1).toContainText('ran on db1');
  await expect(db1).not.toContainText('app1');

  // Keys are trusted now: the next run starts without prompts, and its output arrives while it runs.
  await steps.startRun('Count slowly');
  await steps.confirmProductionRun('Count slowly');
  const counting = steps.output('app1');
  await expect(counting).toContainText('tick 2 on app1', { timeout: 30_000 });
  await expect(steps.hostRow('app1')).toContainText('running');
  await expect(counting).toContainText('tick 6 on app1', { timeout: 30_000 });
  await expect(steps.hostRow('app1')).toContainText('succeeded');
  await expect(steps.hostKeyDialog).toBeHidden();

  // Find in output counts the matches over every line.
  const find = steps.findInOutput('app1');
  await find.getByRole('searchbox').fill('tick');
  await expect(find).toContainText('6 matches');
  await find.getByRole('button', { name: 'Next' }).click();
  await expect(find).toContainText('1 of 6');
  await find.getByRole('button', { name: 'Previous' }).click();
  await expect(find).toContainText('6 of 6');
});

test('a long step is cancelled from the UI and its hosts can be re-run', async ({ stepsApp, runbookFile }) => {
  const { page } = await stepsApp({ knownHosts: true });
  await new SessionsPage(page).createSession({ name: 'Rehearsal', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: runbookFile });
  const steps = new StepsPage(page);
  await steps.open();

  const form = await steps.startRun('Sleep long');
  await expect(steps.whereItRuns(form)).toContainText('Runs on 2 hosts: app1, app2');
  await steps.runFromForm('Sleep long');
  await expect(steps.output('app1')).toContainText('started on app1', { timeout: 30_000 });
  await expect(steps.hostRow('app2')).toContainText('running');

  await steps.cancelRun('wrong window');
  await expect(steps.hostRow('app1')).toContainText('cancelled', { timeout: 30_000 });
  await expect(steps.hostRow('app2')).toContainText('cancelled', { timeout: 30_000 });
  const run = page.getByRole('region', { name: /^Run of Sleep long/ });
  await expect(run.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);

  // Re-running takes exactly the hosts that did not succeed.
  await run.getByRole('button', { name: 'Re-run failed hosts (2)' }).click();
  const rerun = page.getByRole('dialog', { name: 'Re-run failed hosts: Sleep long' });
  await expect(rerun.getByRole('status', { name: 'What will run where' })).toContainText('Runs on 2 hosts: app1, app2');
  await rerun.getByRole('button', { name: 'Cancel' }).click();
  await expect(rerun).toBeHidden();
});

test('a connection lost mid-command is outcome unknown: the host can be checked, and a run there again needs a logged acknowledgement', async ({ stepsApp, runbookFile, cluster }) => {
  const { page } = await stepsApp({ knownHosts: true });
  await new SessionsPage(page).createSession({ name: 'Lost link', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: runbookFile });
  const steps = new StepsPage(page);
  await steps.open();
  await steps.startRun('Sleep long');
  await steps.runFromForm('Sleep long');
  await expect(steps.hostRow('app2')).toContainText('running', { timeout: 30_000 });
  await expect(steps.output('app1')).toContainText('started on app1', { timeout: 30_000 });

  // app2's sshd dies under the command: the console cannot know how the command ended.
  expect(cluster.killSessions('app2')).toBeGreaterThan(0);
  await expect(steps.hostRow('app2')).toContainText('outcome unknown', { timeout: 30_000 });
  // The panel speaks once the run has ended: app1's sleep is cancelled.
  await steps.cancelRun('app2 lost its connection');
  const unknown = page.getByRole('status', { name: 'Outcome unknown' });
  await expect(unknown).toContainText('Outcome unknown on app2.', { timeout: 30_000 });
  await expect(unknown).toContainText('may have finished, failed, or may still be running there. It is not counted as failed.');
  await expect(steps.hostRow('app2')).not.toContainText('failed');

  await unknown.getByRole('button', { name: 'Check app2' }).click();
  await expect(page.getByTestId('check-app2')).toContainText(/^(no longer running|still running|could not tell) — .* by Ada/, { timeout: 30_000 });

  await unknown.getByRole('button', { name: 'Run again on app2…' }).click();
  const acknowledge = page.getByRole('dialog', { name: 'Run again where the outcome is unknown?' });
  const proceed = acknowledge.getByRole('button', { name: 'Continue to the run form' });
  await expect(proceed).toBeDisabled();
  await acknowledge.getByRole('checkbox', { name: /I understand the outcome on app2 is unknown/ }).check();
  await proceed.click();
  const rerun = page.getByRole('dialog', { name: 'Run again on hosts with an unknown outcome: Sleep long' });
  await expect(rerun.getByRole('status', { name: 'What will run where' })).toContainText('Runs on 1 host: app2');
  await rerun.getByRole('button', { name: /^Run on 1 host$/ }).click();
  const again = page.getByRole('region', { name: /^Run of Sleep long/ }).first();
  await expect(again).toContainText('run again despite an unknown outcome on app2 (acknowledged)');
  // A console stopping with a run in flight waits for it: end the 300 s sleep here.
  await steps.cancelRun('test over');
  await expect(again.getByRole('button', { name: 'Cancel run' })).toHaveCount(0, { timeout: 30_000 });
});

test('a secret set in the UI reaches the step and never appears in the page', async ({ stepsApp, runbookFile }) => {
  const secret = `tok-${Math.random().toString(36).slice(2, 12)}-Zq9`;
  const forms = [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
  const { page } = await stepsApp({ knownHosts: true });
  await new SessionsPage(page).createSession({ name: 'Secrets', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: runbookFile });
  const steps = new StepsPage(page);
  await steps.open();

  // Without a value the run form says so and will not start.
  const form = await steps.startRun('Use secrets');
  await expect(form).toContainText('DEPLOY_TOKEN has no value in this session');
  await expect(form.getByRole('button', { name: /^Run on/ })).toBeDisabled();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await steps.openSecrets();
  await expect(steps.secretRow('DEPLOY_TOKEN')).toContainText('missing');
  // No OS keychain on this test host (no D-Bus session): the tab says so before anything is set.
  await expect(page.getByRole('note').filter({ hasText: 'Secrets live in memory only' })).toContainText('must be set again');
  await steps.setSecret('DEPLOY_TOKEN', secret);

  await steps.view('Steps and runs');
  await steps.startRun('Use secrets');
  await steps.runFromForm('Use secrets');
  await expect(steps.hostRow('app1')).toContainText('succeeded', { timeout: 30_000 });
  await expect(steps.output('app1')).toContainText('token=[REDACTED:DEPLOY_TOKEN]');

  const html = await page.content();
  const text = await page.locator('body').innerText();
  for (const form of forms) {
    expect(html).not.toContain(form);
    expect(text).not.toContain(form);
  }
});

test('an encrypted key asks for its passphrase in the UI, again after a wrong one, and the page never keeps it', async ({ stepsApp, runbookFile }) => {
  const { page } = await stepsApp({ knownHosts: true, encryptedKey: true });
  await new SessionsPage(page).createSession({ name: 'Keys', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: runbookFile });
  const steps = new StepsPage(page);
  await steps.open();
  await steps.startRun('Count slowly');
  await steps.runFromForm('Count slowly');

  const prompt = page.getByRole('dialog', { name: 'Key passphrase' });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await expect(prompt.getByLabel('Passphrase')).toHaveAttribute('type', 'password');
  await prompt.getByLabel('Passphrase').fill('wrong horse');
  await prompt.getByRole('button', { name: 'Unlock key' }).click();
  await expect(prompt.getByRole('alert')).toHaveText(/did not unlock the key/, { timeout: 30_000 });
  await expect(prompt.getByLabel('Passphrase')).toHaveValue('');
  await prompt.getByLabel('Passphrase').fill('correct horse');
  await prompt.getByRole('button', { name: 'Unlock key' }).click();
  await expect(prompt).toBeHidden();

  await expect(steps.output('app1')).toContainText('tick 1 on app1', { timeout: 30_000 });
  await expect(steps.hostRow('app1')).toContainText('succeeded', { timeout: 30_000 });
  expect(await page.content()).not.toContain('correct horse');
});

test('Check hosts lists every unknown key in one table, and trusts them all after the typed confirmation', async ({ stepsApp, runbookFile, cluster }, testInfo) => {
  const { page } = await stepsApp({ knownHosts: false });
  await new SessionsPage(page).createSession({ name: 'Trust keys', environment: 'production', t0: '2025-10-21T12:00', actorName: 'Ada', runbook: runbookFile });
  const steps = new StepsPage(page);
  await steps.open();
  await steps.view('Hosts');
  await page.getByRole('button', { name: 'Check hosts' }).click();

  const table = page.getByRole('table', { name: 'Unknown host keys' });
  await expect(table.getByRole('row')).toHaveCount(4);
  for (const host of cluster.hosts()) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: host.name, exact: true }) });
    await expect(row).toContainText(fingerprintOf(host.hostKey.blob));
    await expect(row).toContainText('T-Minus trusted keys');
  }
  await expect(page.getByRole('table', { name: 'Host check results' })).toContainText('? key unknown');
  // Production: accept-new is the IC's switch, off until turned on.
  await expect(page.getByRole('checkbox', { name: /Honour StrictHostKeyChecking accept-new/ })).not.toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('unknown-keys.png'), fullPage: true });

  await page.getByRole('button', { name: 'Trust all (3)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trust 3 host keys' });
  const confirm = dialog.getByRole('button', { name: 'Trust 3 keys' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type trust 3 keys to confirm/).fill('trust 3 keys');
  await confirm.click();
  await expect(table).toHaveCount(0);

  // Known now: a fresh check trusts every key without a question.
  await page.getByRole('button', { name: 'Check hosts' }).click();
  await expect(page.getByRole('table', { name: 'Host check results' }).getByText('✓ ok')).toHaveCount(3);
});
