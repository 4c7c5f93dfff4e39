// Page object for the demo launch: the banner every screen carries and the chaos controls of the
// demo session.
import { expect, type Locator, type Page } from '@playwright/test';

export class DemoPage {
  constructor(private readonly page: Page) {}

  get banner(): Locator {
    return this.page.getByRole('complementary', { name: 'Demo launch' });
  }

  get chaos(): Locator {
    return this.page.getByRole('region', { name: 'Demo chaos' });
  }

  /** The line that says what the demo service is being made to do. */
  get chaosState(): Locator {
    return this.chaos.getByRole('status', { name: 'Demo service now' });
  }

  chaosButton(name: 'Raise error rate' | 'Add latency' | 'Take it down' | 'Bring it back up' | 'Back to normal' | RegExp): Locator {
    return this.chaos.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Accepts the demo's own IC, which the "who is at the keyboard" prompt offers. */
  async workAsDemoIc(): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Who is at the keyboard?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Your name')).toHaveValue('Demo IC');
    await expect(dialog.getByLabel('Your role')).toHaveValue('Incident Commander');
    await dialog.getByRole('button', { name: 'Start working' }).click();
    await expect(dialog).toBeHidden();
  }

  /** One press of "Raise error rate", which names the rate it goes to next. */
  async raiseErrorRate(expectedPercent: number): Promise<void> {
    await expect(this.chaos.getByText(`to ${expectedPercent}%`, { exact: true })).toBeVisible();
    await this.chaosButton('Raise error rate').click();
    await expect(this.chaosState).toContainText(`${expectedPercent}% of requests fail`);
  }

  async skipToNextGate(): Promise<void> {
    await this.chaosButton(/^Skip to the next gate/).click();
  }
}
