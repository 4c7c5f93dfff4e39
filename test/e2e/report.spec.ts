// Exporting the audit report from the session screen: pick a format, watch the progress bar,
// get the file as a download — HTML that names the session and its chain head, a PDF, and the
// runbook as run with the tick in it.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklistPage';
import { SessionsPage } from './pages/sessionsPage';

/** The export dialog, as a person uses it. */
class ExportDialogPage {
  constructor(private readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog', { name: 'Export the audit report' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Export…' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Chooses a format, exports, and returns the downloaded file's name and bytes. */
  async export(format: RegExp): Promise<{ name: string; body: Buffer }> {
    await this.dialog.getByRole('radio', { name: format }).check();
    const downloading = this.page.waitForEvent('download');
    await this.dialog.getByRole('button', { name: /^Export( again)?$/ }).click();
    const download = await downloading;
    await expect(this.dialog.getByRole('status')).toContainText(download.suggestedFilename());
    return { name: download.suggestedFilename(), body: await readFile((await download.path())!) };
  }
}

test('the audit report exports from the session screen as a download, in HTML, PDF and Markdown', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Payments go-live', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada', actorRole: 'Incident Commander' });
  const checklist = new ChecklistPage(app);
  await checklist.tick('API keys rotated and secured');
  await checklist.signOff('CTO approval', 'Grace Hopper');
  const head = (await app.locator('.log-footer').textContent())!.match(/chain head ([0-9a-f]{16})/)![1]!;

  const exporter = new ExportDialogPage(app);
  await exporter.open();
  const html = await exporter.export(/HTML report/);
  expect(html.name).toBe('payments-go-live-20251021.report.html');
  const text = html.body.toString('utf8');
  expect(text).toContain('<h1>Payments go-live</h1>');
  expect(text).toContain(head);
  expect(text).toContain('Grace Hopper');

  const pdf = await exporter.export(/PDF report/);
  expect(pdf.name).toBe('payments-go-live-20251021.report.pdf');
  expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  const md = await exporter.export(/Markdown/);
  expect(md.name).toBe('payments-go-live-20251021.as-run.md');
  expect(md.body.toString('utf8')).toMatch(/- \[x\] API keys rotated and secured/);

  await exporter.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(exporter.dialog).toBeHidden();
});

test('an export shows a progress bar with its stage until the file arrives', async ({ app }) => {
  await new SessionsPage(app).createSession({ name: 'Rehearsal', environment: 'staging', t0: '2025-10-21T12:00', actorName: 'Ada' });
  const exporter = new ExportDialogPage(app);
  await exporter.open();
  await exporter.dialog.getByRole('radio', { name: /PDF report/ }).check();
  const downloading = app.waitForEvent('download');
  await exporter.dialog.getByRole('button', { name: 'Export' }).click();
  // Printing a PDF takes Chromium seconds: the bar is there, past the reading stage, meanwhile.
  const bar = exporter.dialog.getByRole('progressbar', { name: 'Export progress' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', /Printing the PDF/);
  await downloading;
  await expect(bar).toBeHidden();
});
