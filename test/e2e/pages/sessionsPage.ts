// Page object for the sessions list and the new-session form.
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/consoleServer';

export const SEED_RUNBOOK = join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md');

export interface NewSession {
  name: string;
  environment: 'staging' | 'production';
  /** `YYYY-MM-DDTHH:MM`, read as UTC. */
  t0: string;
  actorName: string;
  actorRole?: string;
  /** Runbook file to import (default: the seed). */
  runbook?: string;
}

export class SessionsPage {
  constructor(private readonly page: Page) {}

  get table() {
    return this.page.getByRole('table', { name: 'Sessions' });
  }

  row(name: string) {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name }) });
  }

  async chooseRunbook(file: string): Promise<void> {
    await this.page.getByLabel('Runbook (markdown)').setInputFiles(file);
    await expect(this.page.getByRole('region', { name: 'Import summary' })).toBeVisible();
  }

  async createSession(session: NewSession): Promise<void> {
    await this.page.getByRole('button', { name: 'New session' }).click();
    await this.chooseRunbook(session.runbook ?? SEED_RUNBOOK);
    await this.page.getByLabel('Session name').fill(session.name);
    await this.page.getByRole('radio', { name: session.environment === 'production' ? 'Production' : 'Staging (rehearsal)' }).check();
    await this.page.getByLabel('T0 (UTC)').fill(session.t0);
    await this.page.getByLabel('Your name').fill(session.actorName);
    if (session.actorRole !== undefined) await this.page.getByLabel('Your role').fill(session.actorRole);
    await this.page.getByRole('button', { name: 'Create session' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: session.name })).toBeVisible();
  }
}
