// The export dialog's own client. The app store is built from feature slices that other features
// own; rather than reach into it, exporting opens its client on first use (Electron: the same
// preload bridge; browser shell: one more event socket on the same cookie) and keeps it for the
// page's lifetime. It needs pushed events only for `report.progress`.
import { createApiClient, type ApiClient } from '../../../../shared/api/client';
import { pickTransport, type RendererTransport } from '../../api/transports';

let transport: RendererTransport | null = null;
let client: ApiClient | null = null;

export function reportApi(): ApiClient {
  transport ??= pickTransport();
  client ??= createApiClient(transport);
  return client;
}

/**
 * Resolves once pushed events flow (so no progress event of an export is missed), or after
 * `timeoutMs` — an export without a progress bar is still an export.
 */
export function reportEventsReady(timeoutMs = 3000): Promise<void> {
  reportApi();
  return new Promise((resolve) => {
    let stop: (() => void) | null = null;
    const timer = setTimeout(finish, timeoutMs);
    function finish() {
      clearTimeout(timer);
      stop?.();
      resolve();
    }
    stop = transport!.onConnection((state) => {
      if (state === 'open') queueMicrotask(finish);
    });
  });
}
