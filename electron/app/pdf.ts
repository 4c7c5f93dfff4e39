// The desktop app prints report PDFs with its own Chromium: a hidden window (never shown — not
// Electron's offscreen-rendering mode, which printing has not always supported) loads the report
// from a temp file and `printToPDF` renders it. The window lives in its own in-memory session
// whose every request is cancelled except the report file itself, with JavaScript off: the report
// needs neither, and text from hosts in it could never reach the network.
import { BrowserWindow, session, type Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPrinter } from '../report/chromiumPdf';

const PARTITION = 'tminus-report-print';
/** The report files being printed right now: the only URLs the print session may load. */
const allowed = new Set<string>();
let printSession: Session | null = null;

function reportPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PARTITION, { cache: false });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowed.has(details.url) }));
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  printSession = ses;
  return ses;
}

export const printHtmlToPdf: PdfPrinter = async (html) => {
  const dir = await mkdtemp(join(tmpdir(), 'tminus-pdf-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  let window: BrowserWindow | null = null;
  try {
    await writeFile(file, html, 'utf8');
    allowed.add(url);
    window = new BrowserWindow({
      show: false,
      width: 1100,
      height: 1400,
      webPreferences: {
        session: reportPrintSession(),
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    await window.loadURL(url);
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    allowed.delete(url);
    window?.destroy();
    await rm(dir, { recursive: true, force: true });
  }
};
