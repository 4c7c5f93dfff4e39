// Who may call the console over IPC: the main frame of our own window, showing our own app://
// page. Kept free of Electron imports so the decision is unit-tested with the URL rules that
// really apply.
//
// Why not `new URL(frame.url).origin`: for a scheme the URL standard does not know (app:) that is
// the opaque origin "null", so the app's own window was refused (issue 13). Chromium serialises
// the origin of a scheme registered as *standard* (registerAppScheme) as "app://tminus", and
// `WebFrameMain.origin` reports exactly that. We check it, and the URL's scheme and host as well,
// so a frame whose URL and origin disagree (about:blank inheriting an origin) is refused too.
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './appOrigin';

export interface SenderFrameFacts {
  readonly url: string;
  readonly origin: string;
  readonly parent: unknown;
}

export interface SenderFacts {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrameFacts | null;
}

export interface WindowFacts {
  isDestroyed(): boolean;
  readonly webContents: { readonly id: number };
}

export function isTrustedSender(event: SenderFacts, window: WindowFacts): boolean {
  const frame = event.senderFrame;
  if (!frame || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  if (frame.parent !== null) return false;
  if (frame.origin !== APP_ORIGIN) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
