// The desktop app's war-room link: on first request it starts the browser shell's server on
// 127.0.0.1 over the same console and hands out only its viewer (read-only) link. The server's
// writer token is random and never shown, so the link can watch but never change anything.
import type { ConsoleService } from '../console';
import type { ViewerLinkProvider } from '../handlers/context';
import { startWebServer, type WebServer } from '../web/server';

export interface DesktopShare extends ViewerLinkProvider {
  close(): Promise<void>;
}

export function createDesktopShare(service: () => ConsoleService | null, staticDir: string): DesktopShare {
  let server: Promise<WebServer> | null = null;
  return {
    async viewerLink() {
      const console = service();
      if (!console) return null;
      server ??= startWebServer({ console, staticDir, port: 0 });
      return (await server).viewerUrl;
    },
    async close() {
      if (server) await (await server).close();
    },
  };
}
