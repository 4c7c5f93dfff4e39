// The CLI's PDF printer on the real Chromium: a script in the page never runs (issue 16, point 13).
// The report has no script of its own; this proves a page that somehow carried one prints inert.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findChromium, printHtmlWithChromium } from '../../../electron/report/chromiumPdf';

const chromium = findChromium();

describe.skipIf(!chromium)('printing a PDF with headless Chromium', () => {
  it('prints the page as written, with its scripts not run', async () => {
    const html = '<!doctype html><p id="x">printed as written</p><script>document.getElementById("x").textContent = "script ran"</script>';
    const pdf = await printHtmlWithChromium(html, { executable: chromium });
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf) }).toString();
    expect(text).toContain('printed as written');
    expect(text).not.toContain('script ran');
  }, 120_000);
});
