// Page object for the Steps tab: the step list, the run form and production confirmation, the SSH
// prompts, a run's host rows and output, cancel, and the secrets and hosts views.
import { expect, type Locator, type Page } from '@playwright/test';

export class StepsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Steps', exact: true }).click();
    await this.view('Steps and runs');
  }

  async view(name: 'Steps and runs' | 'Hosts' | RegExp): Promise<void> {
    const tab = this.page.getByRole('tablist', { name: 'Steps views' }).getByRole('tab', { name });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  async openSecrets(): Promise<void> {
    await this.view(/^Secrets/);
  }

  stepItem(title: string): Locator {
    return this.page.getByRole('list', { name: 'Steps' }).getByRole('listitem').filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }

  runDialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: `Run step: ${title}` });
  }

  /** Opens the run form of a step from its Run button in the list. */
  async startRun(title: string): Promise<Locator> {
    await this.stepItem(title).getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = this.runDialog(title);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** What the form says will run where (`Runs on 2 hosts: app1, app2 …`). */
  whereItRuns(dialog: Locator): Locator {
    return dialog.getByRole('status', { name: 'What will run where' });
  }

  get confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Confirm production run' });
  }

  /** Production: from the form to the typed confirmation, then runs. */
  async confirmProductionRun(title: string): Promise<void> {
    await this.runDialog(title).getByRole('button', { name: 'Continue to confirmation' }).click();
    const confirm = this.confirmDialog;
    await expect(confirm).toBeVisible();
    await confirm.getByLabel(/Type the step title to confirm/).fill(title);
    await confirm.getByRole('button', { name: 'Run in production' }).click();
    await expect(confirm).toBeHidden();
  }

  /** Staging: the form's own button starts the run. */
  async runFromForm(title: string): Promise<void> {
    const dialog = this.runDialog(title);
    await dialog.getByRole('button', { name: /^Run on \d+ hosts?$/ }).click();
    await expect(dialog).toBeHidden();
  }

  get hostKeyDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Unknown host key' });
  }

  /** The fingerprint shown in the open host-key prompt. */
  async promptedFingerprint(): Promise<string> {
    return (await this.hostKeyDialog.getByRole('group', { name: 'Host key to verify' }).getByText(/^SHA256:/).innerText()).trim();
  }

  async answerHostKey(answer: 'Trust always' | 'Trust once' | 'Reject'): Promise<void> {
    await this.hostKeyDialog.getByRole('button', { name: answer }).click();
  }

  get hostRuns(): Locator {
    return this.page.getByRole('table', { name: 'Hosts of this run' });
  }

  hostRow(host: string): Locator {
    return this.hostRuns.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: host, exact: true }) });
  }

  /** A host row's cells by column: status, exit code … */
  async hostCells(host: string): Promise<{ status: string; exitCode: string }> {
    const cells = this.hostRow(host).getByRole('cell');
    return { status: (await cells.nth(0).innerText()).trim(), exitCode: (await cells.nth(1).innerText()).trim() };
  }

  async showOutput(host: string): Promise<Locator> {
    await this.hostRow(host).getByRole('button', { name: /^Show/ }).click();
    return this.output(host);
  }

  output(host: string): Locator {
    return this.page.getByRole('region', { name: `Output lines of ${host}` });
  }

  findInOutput(host: string): Locator {
    return this.page.getByRole('search', { name: `Find in output of ${host}` });
  }

  async cancelRun(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel run', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Cancel this run?' });
    await dialog.getByLabel('Reason (optional)').fill(reason);
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    await expect(dialog).toBeHidden();
  }

  secretRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Secrets of this runbook' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async setSecret(name: string, value: string): Promise<void> {
    await this.secretRow(name).getByRole('button', { name: `Set ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Set secret ${name}` });
    await dialog.getByLabel(`Value of ${name}`).fill(value);
    await dialog.getByRole('button', { name: 'Save secret' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.secretRow(name)).toContainText('set in this session');
  }
}
