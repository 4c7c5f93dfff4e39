// The desktop IPC trust decision, with frame origins computed the way Chromium computes them for
// the app:// scheme registered as standard (test/support/electronStandIn/chromiumOrigin.ts).
import { describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../../electron/app/appOrigin';
import { isTrustedSender, type SenderFrameFacts } from '../../../electron/app/senderCheck';
import { chromiumOrigin } from '../../support/electronStandIn/chromiumOrigin';

const standard = [APP_SCHEME];
const window = { isDestroyed: () => false, webContents: { id: 7 } };
const mainFrame = (url: string): SenderFrameFacts => ({ url, origin: chromiumOrigin(url, standard), parent: null });
const event = (frame: SenderFrameFacts | null, senderId = 7) => ({ sender: { id: senderId }, senderFrame: frame });

describe('desktop IPC sender check (real origin rules)', () => {
  it("accepts the app's own main frame at app://tminus", () => {
    // The URL standard's origin for app: is "null"; Chromium's, for a standard scheme, is not.
    expect(new URL('app://tminus/index.html').origin).toBe('null');
    expect(mainFrame('app://tminus/index.html').origin).toBe('app://tminus');
    expect(isTrustedSender(event(mainFrame('app://tminus/index.html')), window)).toBe(true);
    expect(isTrustedSender(event(mainFrame('app://tminus/#/sessions/abc')), window)).toBe(true);
  });

  it('refuses a destroyed frame (senderFrame null)', () => {
    expect(isTrustedSender(event(null), window)).toBe(false);
  });

  it('refuses a subframe even at our own origin', () => {
    const parent = mainFrame('app://tminus/index.html');
    expect(isTrustedSender(event({ ...mainFrame('app://tminus/index.html'), parent }), window)).toBe(false);
  });

  it('refuses look-alike and foreign origins', () => {
    for (const url of ['app://tminusx.evil/index.html', 'app://tminus.evil/', 'https://tminus/', 'https://example.com/', 'file:///index.html', 'http://localhost:5173/', 'data:text/html,hi', 'about:blank']) {
      expect(isTrustedSender(event(mainFrame(url)), window), url).toBe(false);
    }
  });

  it("refuses a frame whose origin and URL disagree (about:blank inheriting our origin)", () => {
    expect(isTrustedSender(event({ url: 'about:blank', origin: 'app://tminus', parent: null }), window)).toBe(false);
    expect(isTrustedSender(event({ url: '', origin: 'app://tminus', parent: null }), window)).toBe(false);
  });

  it('refuses another webContents and a destroyed window', () => {
    expect(isTrustedSender(event(mainFrame('app://tminus/index.html'), 8), window)).toBe(false);
    expect(isTrustedSender(event(mainFrame('app://tminus/index.html')), { ...window, isDestroyed: () => true })).toBe(false);
  });
});
