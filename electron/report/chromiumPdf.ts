// PDF from the report's HTML by headless Chromium, for the CLI and the browser shell (the desktop
// app prints with Electron itself, electron/app/pdf.ts). The binary is spawned directly — no
// Playwright, which is only a dev dependency — on a private profile, with the network shut off:
// the report needs nothing from it, and a DNS rule that resolves every name to nothing makes sure
// nothing could leave even if the page tried.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Turns the report's HTML into PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** No PDF can be made here (no browser engine found, or it failed); the message says what to do. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

export const CHROMIUM_HINT =
  'Install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium), or set TMINUS_CHROMIUM to the browser executable. ' +
  'The HTML report (--format html) also prints to PDF from any browser.';

/** Where Chromium-based browsers live on each platform, most specific first. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ...(env.HOME ? [join(env.HOME, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'), join(env.HOME, 'Applications/Chromium.app/Contents/MacOS/Chromium')] : []),
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => !!root);
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    // Debian's /usr/bin/chromium is a shell wrapper; the binary beside it starts without its warnings.
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

export interface FindChromiumOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
}

/** `TMINUS_CHROMIUM` when set (and present), else the first usual install found; null when none. */
export function findChromium(options: FindChromiumOptions = {}): string | null {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  if (env.TMINUS_CHROMIUM) {
    if (!exists(env.TMINUS_CHROMIUM)) throw new PdfUnavailableError(`TMINUS_CHROMIUM is set to ${env.TMINUS_CHROMIUM}, which does not exist. ${CHROMIUM_HINT}`);
    return env.TMINUS_CHROMIUM;
  }
  return chromiumCandidates(options.platform ?? process.platform, env).find((path) => exists(path)) ?? null;
}

export interface PrintArgsOptions {
  /**
   * Chromium refuses to start its sandbox as root, so only then is `--no-sandbox` passed; any
   * other user keeps the sandbox around the page (default: whether this process runs as root).
   */
  runningAsRoot?: boolean;
}

/** Whether this process runs as root (never on Windows, which has no uid). */
export function isRunningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Flags for a headless print with no network and nothing kept between runs. */
export function chromiumPrintArgs(profileDir: string, pdfPath: string, pageUrl: string, options: PrintArgsOptions = {}): string[] {
  const runningAsRoot = options.runningAsRoot ?? isRunningAsRoot();
  return [
    '--headless',
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--mute-audio',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfPath}`,
    pageUrl,
  ];
}

export interface ChromiumPrintOptions {
  executable?: string | null;
  /** Kill Chromium after this long (default: 2 min + 1 s per 100 KB of HTML). */
  timeoutMs?: number;
}

/**
 * The policy the printer puts in front of every page. The report has no script of its own (its CSP
 * forbids any), so scripts off costs nothing and keeps a page that somehow carried one from running
 * it in a browser with file access. It is a page policy, not a browser flag, because Chromium's
 * `--blink-settings=scriptEnabled=false` makes headless `--print-to-pdf` write no file at all
 * (Chromium 156); policies only add up, so the page's own CSP still holds.
 */
export const SCRIPTS_OFF_POLICY = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'">`;

/** `html` with SCRIPTS_OFF_POLICY first (after the doctype, which must stay first). */
export function withScriptsOff(html: string): string {
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + SCRIPTS_OFF_POLICY + html.slice(at);
}

/** Prints the HTML with headless Chromium; throws PdfUnavailableError with a clear message. */
export async function printHtmlWithChromium(html: string, options: ChromiumPrintOptions = {}): Promise<Uint8Array> {
  const executable = options.executable === undefined ? findChromium() : options.executable;
  if (!executable) throw new PdfUnavailableError(`No Chromium, Chrome or Edge was found to print the PDF. ${CHROMIUM_HINT}`);
  const dir = await mkdtemp(join(tmpdir(), 'tminus-pdf-'));
  try {
    const htmlPath = join(dir, 'report.html');
    const pdfPath = join(dir, 'report.pdf');
    await writeFile(htmlPath, withScriptsOff(html), 'utf8');
    const timeoutMs = options.timeoutMs ?? 120_000 + Math.ceil(html.length / 100_000) * 1000;
    await runChromium(executable, chromiumPrintArgs(join(dir, 'profile'), pdfPath, pathToFileURL(htmlPath).href), timeoutMs);
    let pdf: Buffer;
    try {
      pdf = await readFile(pdfPath);
    } catch {
      throw new PdfUnavailableError(`${executable} ran but wrote no PDF. ${CHROMIUM_HINT}`);
    }
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfUnavailableError(`${executable} wrote something that is not a PDF.`);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runChromium(executable: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    child.stderr!.on('data', (data: Buffer) => {
      stderr = (stderr + data.toString()).slice(-4000);
    });
    const kill = () => {
      try {
        // The whole process group: Chromium's helpers must not outlive a timed-out print.
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new PdfUnavailableError(`${executable} did not finish printing within ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new PdfUnavailableError(`${executable} could not be started (${(error as NodeJS.ErrnoException).code ?? error.message}). ${CHROMIUM_HINT}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PdfUnavailableError(`${executable} failed to print (${signal ?? `exit ${code}`}): ${lastLines(stderr)}`));
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ') || 'no message';
}
