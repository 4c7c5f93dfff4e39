// Page object for the IC's War room tab: inviting a seat, its invitation, the seats table, grants.
import { expect, type Locator, type Page } from '@playwright/test';

export class WarRoomPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'War room', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'War room', level: 2 })).toBeVisible();
  }

  /** Invites a person and returns the invitation section. */
  async invite(name: string, roles: string[]): Promise<Locator> {
    const form = this.page.getByRole('form', { name: 'Invite a person' });
    await form.getByLabel("Person's name").fill(name);
    for (const role of roles) await form.getByRole('checkbox', { name: role, exact: true }).check();
    await form.getByRole('button', { name: 'Create invitation' }).click();
    const invitation = this.page.getByRole('region', { name: `Invitation for ${name}` });
    await expect(invitation).toBeVisible();
    return invitation;
  }

  async linkOf(invitation: Locator): Promise<string> {
    return invitation.getByLabel('Seat link').inputValue();
  }

  seatRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Seats' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async grant(permission: string, to: string): Promise<void> {
    const permissions = this.page.getByRole('region', { name: 'Permissions' });
    await permissions.getByLabel('Permission').selectOption({ label: permission });
    await permissions.getByLabel('Granted to').selectOption({ label: to });
    await permissions.getByRole('button', { name: 'Grant', exact: true }).click();
    await expect(permissions.getByRole('listitem').filter({ hasText: `may ${permission}` })).toBeVisible();
  }

  async revoke(name: string): Promise<void> {
    await this.seatRow(name).getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Revoke the seat of ${name}?` });
    await dialog.getByRole('button', { name: 'Revoke seat' }).click();
    await expect(this.seatRow(name)).toContainText('Revoked');
  }
}
