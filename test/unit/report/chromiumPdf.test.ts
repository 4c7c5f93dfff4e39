import { describe, expect, it } from 'vitest';
import { chromiumPrintArgs, findChromium, printHtmlWithChromium, PdfUnavailableError, SCRIPTS_OFF_POLICY, withScriptsOff } from '../../../electron/report/chromiumPdf';

const present = (...paths: string[]) => (path: string) => paths.includes(path);

describe('finding Chromium for PDFs (fake file system)', () => {
  it('takes TMINUS_CHROMIUM first, and refuses clearly when it points nowhere', () => {
    expect(findChromium({ env: { TMINUS_CHROMIUM: '/opt/chrome/chrome' }, platform: 'linux', exists: present('/opt/chrome/chrome', '/usr/bin/chromium') })).toBe('/opt/chrome/chrome');
    expect(() => findChromium({ env: { TMINUS_CHROMIUM: '/nope' }, platform: 'linux', exists: present() })).toThrow(/TMINUS_CHROMIUM is set to \/nope, which does not exist/);
  });

  it('prefers Debian’s binary over its wrapper, then the other usual names', () => {
    expect(findChromium({ env: {}, platform: 'linux', exists: present('/usr/bin/chromium', '/usr/lib/chromium/chromium') })).toBe('/usr/lib/chromium/chromium');
    expect(findChromium({ env: {}, platform: 'linux', exists: present('/usr/bin/google-chrome-stable') })).toBe('/usr/bin/google-chrome-stable');
  });

  it('looks in the usual macOS and Windows places', () => {
    expect(findChromium({ env: {}, platform: 'darwin', exists: present('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome') })).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const edge = 'C:\\Program Files (x86)/Microsoft/Edge/Application/msedge.exe';
    expect(findChromium({ env: { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, platform: 'win32', exists: (p) => p.replace(/\\/g, '/') === edge.replace(/\\/g, '/') })).toMatch(/msedge\.exe$/);
  });

  it('answers null when there is none, and printing then fails with a message that says what to install', async () => {
    expect(findChromium({ env: {}, platform: 'linux', exists: present() })).toBeNull();
    await expect(printHtmlWithChromium('<p>x</p>', { executable: null })).rejects.toThrow(PdfUnavailableError);
    await expect(printHtmlWithChromium('<p>x</p>', { executable: null })).rejects.toThrow(/No Chromium, Chrome or Edge was found.*apt-get install chromium.*TMINUS_CHROMIUM/);
  });

  it('prints headless, without header and footer, on a private profile, with every host name resolving to nothing', () => {
    const args = chromiumPrintArgs('/tmp/p', '/tmp/r.pdf', 'file:///tmp/r.html', { runningAsRoot: true });
    expect(args).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', '--print-to-pdf=/tmp/r.pdf', '--user-data-dir=/tmp/p', '--host-resolver-rules=MAP * ~NOTFOUND', '--disable-background-networking']));
    expect(args.at(-1)).toBe('file:///tmp/r.html');
  });

  it('drops the sandbox only for root, who cannot have one (issue 16, point 13)', () => {
    const asUser = chromiumPrintArgs('/tmp/p', '/tmp/r.pdf', 'file:///tmp/r.html', { runningAsRoot: false });
    const asRoot = chromiumPrintArgs('/tmp/p', '/tmp/r.pdf', 'file:///tmp/r.html', { runningAsRoot: true });
    expect(asUser).not.toContain('--no-sandbox');
    expect(asRoot).toContain('--no-sandbox');
    expect(asUser.filter((arg) => /sandbox/.test(arg))).toEqual([]);
  });

  it('puts a scripts-off policy in front of every page it prints, after the doctype', () => {
    expect(withScriptsOff('<!DOCTYPE html><html><p>x</p>')).toBe(`<!DOCTYPE html>${SCRIPTS_OFF_POLICY}<html><p>x</p>`);
    expect(withScriptsOff('<p>x</p>')).toBe(`${SCRIPTS_OFF_POLICY}<p>x</p>`);
  });

  it('a browser that fails to start is reported as such, not as a crash', async () => {
    await expect(printHtmlWithChromium('<p>x</p>', { executable: '/definitely/not/chromium' })).rejects.toThrow(/could not be started \(ENOENT\)/);
  });
});
