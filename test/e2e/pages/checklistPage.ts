// Page object for checklist work inside a session.
import { expect, type Page } from '@playwright/test';

export class ChecklistPage {
  constructor(private readonly page: Page) {}

  get list() {
    return this.page.getByRole('list', { name: 'Checklist' });
  }

  checkbox(text: string) {
    return this.list.getByRole('checkbox', { name: text, exact: true });
  }

  row(text: string) {
    return this.list.getByRole('listitem').filter({ has: this.page.getByRole('checkbox', { name: text, exact: true }) });
  }

  async identify(name: string, role: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Who is at the keyboard?' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByLabel('Your role').selectOption(role);
    await dialog.getByRole('button', { name: 'Start working' }).click();
    await expect(dialog).toBeHidden();
  }

  async tick(text: string): Promise<void> {
    // The box shows ticked once the event is committed, not on the click itself.
    await this.checkbox(text).click();
    await expect(this.checkbox(text)).toBeChecked();
  }

  async signOff(text: string, approver: string): Promise<void> {
    await this.checkbox(text).click();
    const dialog = this.page.getByRole('dialog', { name: 'Record sign-off' });
    await dialog.getByLabel('Approved by').fill(approver);
    await dialog.getByRole('button', { name: 'Record sign-off' }).click();
    await expect(this.checkbox(text)).toBeChecked();
  }

  async untick(text: string, reason: string): Promise<void> {
    await this.checkbox(text).click();
    const dialog = this.page.getByRole('dialog', { name: 'Untick item' });
    await dialog.getByLabel('Reason (optional)').fill(reason);
    await dialog.getByRole('button', { name: 'Untick' }).click();
    await expect(this.checkbox(text)).not.toBeChecked();
  }

  async addNote(text: string, note: string): Promise<void> {
    await this.page.getByRole('button', { name: `Add note to ${text}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add note' });
    await dialog.getByLabel('Note').fill(note);
    await dialog.getByRole('button', { name: 'Add note' }).click();
    await expect(this.row(text)).toContainText(note);
  }

  async history(text: string): Promise<string[]> {
    await this.page.getByRole('button', { name: `History of ${text}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Item history' });
    const entries = await dialog.getByRole('list', { name: 'History' }).getByRole('listitem').allInnerTexts();
    await dialog.getByRole('button', { name: 'Close' }).click();
    return entries;
  }
}
