// The BUILT desktop main process (dist/electron/main.cjs) and preload, run under Node with the
// Electron STAND-IN (test/support/electronStandIn/ — not Electron), driven as its window would
// drive it, against a real workspace (SQLite file, lock, heads file) and, for PDF export, real
// headless Chromium. The `_electron` Playwright suite remains the proof on machines with Electron.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreloadBridge } from '../../../shared/api/bridge';
import { callNames, type ApiEventMessage } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/errors';
import { loadDesktopMain, type LoadedDesktop } from '../../support/electronStandIn/loadDesktopMain';
import { servedFingerprint } from '../../support/lanConsole';
import type { StandInBrowserWindow } from '../../support/electronStandIn/mainProcess';

const root = resolve('.');
const ada = { name: 'Ada', role: 'Incident Commander' };
const runbook = { sourceName: 'launch.md', content: '# Launch\n\n## Checks\n\n- [ ] Backups verified\n- [ ] DNS TTL lowered\n' };
let temp: string;
let userData: string;
let desktop: LoadedDesktop;
let window: StandInBrowserWindow;
let bridge: PreloadBridge;
const pushed: ApiEventMessage[] = [];

const result = <T>(envelope: Envelope<T>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result;
};

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'tminus-standin-'));
  userData = join(temp, 'workspace');
  // A relative TMINUS_DATA_DIR is made absolute (Electron's setPath refuses a relative one).
  process.env.TMINUS_DATA_DIR = relative(process.cwd(), userData);
  desktop = loadDesktopMain({ root, userData: join(temp, 'default-user-data'), resourcesPath: join(temp, 'resources'), printToPdf: true });
  expect(() => new desktop.electron.BrowserWindow()).toThrow(/before the app is ready/);
  desktop.control.becomeReady();
  await until(() => desktop.control.windows()[0]);
  window = desktop.control.windows()[0]!;
  await until(() => window.webContents.world?.mainWorld.tminus);
  bridge = window.webContents.world!.mainWorld.tminus as PreloadBridge;
  bridge.onEvent((message) => pushed.push(message));
}, 60_000);

afterAll(async () => {
  delete process.env.TMINUS_DATA_DIR;
  await desktop?.control.dispose();
  rmSync(temp, { recursive: true, force: true });
});

async function until<T>(check: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('desktop main process under the Electron stand-in', () => {
  it('opens one hardened window on app://tminus, with the workspace in the (absolute) data dir', () => {
    expect(desktop.control.errorBoxes).toEqual([]);
    expect(window.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(window.webContents.getURL()).toBe('app://tminus/index.html');
    expect(window.webContents.mainFrame.origin).toBe('app://tminus');
    expect(desktop.electron.app.getPath('userData')).toBe(userData);
    expect(existsSync(join(userData, 'tminus.lock'))).toBe(true);
    // One handler per contract call, and the preload exposes exactly the contract.
    expect(desktop.control.channels().sort()).toEqual(callNames.map((name) => `tminus:call:${name}`).sort());
    expect(Object.keys(bridge).sort()).toEqual([...callNames, 'onEvent'].sort());
  });

  it('serves the renderer over app:// with its CSP, and refuses traversal and other hosts', async () => {
    const session = desktop.control.defaultSession();
    const index = await session.request('app://tminus/index.html');
    expect(index).not.toBe('blocked');
    const page = index as Response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'|default-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toMatch(/<div id="root">|<html/);
    for (const url of ['app://tminus/%2e%2e/%2e%2e/package.json', 'app://tminus/..%2f..%2fpackage.json', 'app://tminus/..%5c..%5cpackage.json', 'app://tminus/%00index.html']) {
      expect(((await session.request(url)) as Response).status, url).toBe(404);
    }
    // Nothing leaves the machine: the request filter refuses every other origin, look-alikes too.
    expect(await session.request('https://example.com/')).toBe('blocked');
    expect(await session.request('app://tminusx.evil/index.html')).toBe('blocked');
  });

  it('blocks navigation, new windows and webviews; sends https links to the browser', () => {
    const contents = window.webContents;
    expect(contents.rendererNavigates('https://evil.example/')).toBe(false);
    expect(contents.rendererNavigates('app://tminusx.evil/index.html')).toBe(false);
    expect(contents.getURL()).toBe('app://tminus/index.html');
    expect(contents.rendererOpensWindow('https://docs.example/runbooks')).toBe('deny');
    expect(contents.rendererOpensWindow('app://tminus/index.html')).toBe('deny');
    expect(desktop.control.openedExternally).toEqual(['https://docs.example/runbooks']);
    expect(contents.rendererAttachesWebview()).toBe(false);
  });

  it('grants only the clipboard write of "Copy link", only to the app page', async () => {
    const own = { isMainFrame: true, requestingUrl: 'app://tminus/index.html' };
    expect(await window.webContents.rendererRequestsPermission('clipboard-sanitized-write', own)).toBe(true);
    expect(window.webContents.rendererChecksPermission('clipboard-sanitized-write', own)).toBe(true);
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation']) {
      expect(await window.webContents.rendererRequestsPermission(permission, own), permission).toBe(false);
    }
    expect(await window.webContents.rendererRequestsPermission('clipboard-sanitized-write', { isMainFrame: false, requestingUrl: 'app://tminus/index.html' })).toBe(false);
  });

  it('answers every contract call from its own window (none refused as foreign)', async () => {
    for (const name of callNames) {
      const envelope = (await (bridge[name] as (input: unknown) => Promise<Envelope<unknown>>)({})) as Envelope<unknown>;
      expect(typeof envelope.ok, name).toBe('boolean');
      if (!envelope.ok) expect(envelope.error.code, `${name}: ${envelope.error.message}`).not.toBe('forbidden');
    }
    expect(result(await bridge.workspaceInfo({}))).toMatchObject({ shell: 'desktop' });
  });

  it('creates a session, ticks an item and pushes the committed events to the window', async () => {
    const session = result(await bridge.createSession({ name: 'Stand-in launch', environment: 'production', t0: '2026-12-04T14:00:00Z', actor: ada, runbook }));
    const opened = result(await bridge.openSession({ sessionId: session.id }));
    const item = opened.runbook!.checklistItems.find((i) => i.text === 'Backups verified')!;
    result(await bridge.checkItem({ sessionId: session.id, actor: ada, itemId: item.id, note: 'restore tested' }));
    const state = result(await bridge.openSession({ sessionId: session.id })).state;
    expect(state.checklist[item.id]).toMatchObject({ checked: true, checkedBy: ada });
    await until(() => pushed.filter((m) => m.event === 'log.appended').length >= 2);
    const types = pushed.filter((m) => m.event === 'log.appended').map((m) => (m.payload as { event: { type: string } }).event.type);
    expect(types).toEqual(expect.arrayContaining(['session.created', 'checklist.checked']));
  });

  it('"Invite to the war room…" starts the HTTPS listener on the LAN address, tells the window, and seats get links to it', async () => {
    process.env.TMINUS_LAN_BIND = '127.0.0.2';
    try {
      await desktop.control.clickMenuItem('Invite to the war room…');
    } finally {
      delete process.env.TMINUS_LAN_BIND;
    }
    const opened = await until(() => pushed.find((m) => m.event === 'warRoom.openRequested'));
    const { url, fingerprint } = opened.payload as { url: string; fingerprint: string };
    const base = new URL(url);
    expect(base.protocol).toBe('https:');
    expect(base.hostname).toBe('127.0.0.2');
    expect(await servedFingerprint(base.hostname, Number(base.port))).toBe(fingerprint);
    const [summary] = result(await bridge.listSessions({}));
    const invitation = result(await bridge.createSeat({ sessionId: summary!.id, actor: ada, name: 'Dana', roles: ['Database Admin'] }));
    expect(invitation.url?.startsWith(url)).toBe(true);
    expect(invitation.certificateFingerprint).toBe(fingerprint);
  });

  it('exports the session as HTML and, through printToPDF (headless Chromium), as PDF', async () => {
    const [summary] = result(await bridge.listSessions({}));
    const html = result(await bridge.exportReport({ sessionId: summary!.id, format: 'html' }));
    expect(html.encoding).toBe('utf8');
    expect(html.content).toContain('Stand-in launch');
    const pdf = result(await bridge.exportReport({ sessionId: summary!.id, format: 'pdf' }));
    expect(pdf.encoding).toBe('base64');
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
  }, 60_000);

  it('refuses a message from any frame but its own main frame', async () => {
    const contents = window.webContents;
    const channel = 'tminus:call:listSessions';
    const frame = (url: string, parent: unknown = null) => ({ url, origin: desktop.control.originOf(url), parent });
    const own = frame('app://tminus/index.html');
    expect(await desktop.control.invokeAs({ sender: contents, senderFrame: own }, channel, {})).toMatchObject({ ok: true });
    for (const senderFrame of [frame('app://tminus/index.html', own), frame('app://tminusx.evil/'), frame('https://example.com/'), null]) {
      expect(await desktop.control.invokeAs({ sender: contents, senderFrame }, channel, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await desktop.control.invokeAs({ sender: { id: contents.id + 100 }, senderFrame: own }, channel, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a payload that cannot be cloned never reaches the main process', async () => {
    await expect(bridge.listSessions({ evil: () => 1 } as never)).rejects.toThrow(/could not be cloned/);
  });

  it('quitting while a step runs asks first; "Keep running" keeps it; then the run is cancelled and logged before the exit, lock released', async () => {
    const quitRunbook = { sourceName: 'quit.md', content: '---\ntitle: Quit test\ntargets:\n  Sleep long: local\n---\n\n# Quit test\n\n## Work\n\n### Sleep long\n\n```bash\necho started\nsleep 300\n```\n' };
    const session = result(await bridge.createSession({ name: 'Quit rehearsal', environment: 'staging', t0: '2026-12-04T14:00:00Z', actor: ada, runbook: quitRunbook }));
    const step = result(await bridge.openSession({ sessionId: session.id })).runbook!.steps[0]!;
    const { runId } = result(await bridge.runStep({ sessionId: session.id, actor: ada, stepId: step.id }));
    const logged = (type: string) => pushed.filter((m) => m.event === 'log.appended').map((m) => (m.payload as { event: { type: string; payload: { runId?: string; status?: string } } }).event).filter((e) => e.type === type && e.payload.runId === runId);
    await until(() => logged('step.runStarted').length > 0);

    desktop.control.answerMessageBoxesWith(1); // "Keep running"
    desktop.electron.app.quit();
    await until(() => desktop.control.messageBoxes.length === 1);
    expect(desktop.control.messageBoxes[0]).toEqual({ message: 'Steps are running — cancel them and quit?', buttons: ['Cancel steps and quit', 'Keep running'] });
    await new Promise((r) => setTimeout(r, 50));
    expect(window.isDestroyed()).toBe(false);
    expect(logged('step.runFinished')).toEqual([]);

    desktop.control.answerMessageBoxesWith(0); // "Cancel steps and quit"
    expect(existsSync(join(userData, 'tminus.lock'))).toBe(true);
    desktop.electron.app.quit();
    expect(await desktop.control.exited).toBe(0);
    expect(desktop.control.messageBoxes).toHaveLength(2);
    // The cancelled run's final event was committed (and pushed) before the process could exit.
    expect(logged('step.runFinished')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ runId, status: 'cancelled' }) })]);
    expect(existsSync(join(userData, 'tminus.lock'))).toBe(false);
    expect(window.isDestroyed()).toBe(true);
  }, 60_000);
});
