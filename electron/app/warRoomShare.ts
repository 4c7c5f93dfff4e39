// The desktop app's browser server, started on first need over the same console: on 127.0.0.1 for
// the read-only wall link, and — from "Invite to the war room…" — with the LAN listener (HTTPS)
// for seats. Its writer token is random and never shown: the IC works in the app window; seats
// and the wall get their own tokens.
import type { ConsoleService } from '../console';
import type { InvitationBase, ViewerLinkProvider } from '../handlers/context';
import { loadOrCreateLanCertificate } from '../web/lanCertificate';
import { startWebServer, type LanListener, type WebServer } from '../web/server';
import { singleLanAddress } from '../web/lanAddress';

export interface DesktopShare extends ViewerLinkProvider {
  /** Starts the LAN listener (restarting the loopback server with it); the address from TMINUS_LAN_BIND or the machine's only one. */
  openLan(): Promise<LanListener>;
  close(): Promise<void>;
}

export function createDesktopShare(service: () => ConsoleService | null, staticDir: string, dataDir: () => string): DesktopShare {
  let server: Promise<WebServer> | null = null;
  function current(): ConsoleService {
    const console = service();
    if (!console) throw new Error('the console is not open');
    return console;
  }
  return {
    async viewerLink() {
      if (!service()) return null;
      server ??= startWebServer({ console: current(), staticDir, port: 0 });
      const running = await server;
      return running.lan?.viewerUrl ?? running.viewerUrl;
    },
    async invitationBase(): Promise<InvitationBase | null> {
      const running = server ? await server : null;
      // Seats need the LAN listener: from the app window alone there is no browser to invite to.
      return running?.lan ? { base: running.lan.base, fingerprint: running.lan.fingerprint } : null;
    },
    async openLan() {
      const previous = server ? await server : null;
      if (previous?.lan) return previous.lan;
      const host = process.env.TMINUS_LAN_BIND || singleLanAddress();
      const certificate = await loadOrCreateLanCertificate(dataDir(), host);
      // The same tokens across the restart: a wall already open on 127.0.0.1 reconnects by itself.
      const tokens = previous?.tokens;
      await previous?.close();
      server = startWebServer({ console: current(), staticDir, port: previous?.port ?? 0, tokens, lan: { host, port: 0, cert: certificate.cert, key: certificate.key, fingerprint: certificate.fingerprint } });
      return (await server).lan!;
    },
    async close() {
      if (server) await (await server).close();
    },
  };
}
