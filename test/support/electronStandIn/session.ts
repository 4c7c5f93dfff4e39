// The stand-in's session and frame (see mainProcess.ts: a STAND-IN for Electron, not Electron).
// A session applies its webRequest filter before any protocol handler, as Chromium does; a frame
// reports the origin string Chromium would (chromiumOrigin.ts).
import { chromiumOrigin } from './chromiumOrigin';
import { StandInRuleError } from './ruleError';

export type RequestFilter = (details: { url: string; resourceType: string }, callback: (response: { cancel?: boolean }) => void) => void;
export type ProtocolHandlers = Map<string, (request: Request) => Promise<Response> | Response>;

export class StandInSession {
  constructor(private readonly protocolHandlers: ProtocolHandlers) {}

  permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  private filter: RequestFilter | null = null;
  readonly webRequest = {
    onBeforeRequest: (filter: RequestFilter) => void (this.filter = filter),
  };
  setPermissionRequestHandler(handler: StandInSession['permissionRequest']) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: StandInSession['permissionCheck']) {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: StandInSession['devicePermission']) {
    this.devicePermission = handler;
  }
  /** As Chromium does: the filter first (no filter: allowed), then who serves the URL. */
  allows(url: string, resourceType = 'mainFrame'): boolean {
    if (!this.filter) return true;
    let cancel = false;
    this.filter({ url, resourceType }, (response) => void (cancel = response.cancel === true));
    return !cancel;
  }
  async request(url: string): Promise<Response | 'blocked'> {
    if (!this.allows(url)) return 'blocked';
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new StandInRuleError(`no protocol handler for ${scheme}:`);
    return handler(new Request(url));
  }
}

export class StandInFrame {
  constructor(private readonly standardSchemes: string[]) {}

  url = '';
  parent: StandInFrame | null = null;
  get origin() {
    return chromiumOrigin(this.url, this.standardSchemes);
  }
}
