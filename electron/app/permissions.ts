// The one web permission the console uses: writing the war-room link to the clipboard ("Copy
// link", navigator.clipboard.writeText), which Chromium names clipboard-sanitized-write. Granted
// only to the main frame of our own app:// page; everything else (camera, notifications,
// geolocation, clipboard *read* …) is refused. No Electron import: unit-tested as is.
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './appOrigin';

export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

function isOwnPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** setPermissionRequestHandler: a page asks for a permission. */
export function grantsPermissionRequest(permission: string, details: { requestingUrl?: string; isMainFrame?: boolean }): boolean {
  return permission === CLIPBOARD_WRITE_PERMISSION && details.isMainFrame === true && isOwnPage(details.requestingUrl);
}

/** setPermissionCheckHandler: a page checks whether it has one (requestingOrigin as Chromium reports it). */
export function grantsPermissionCheck(permission: string, requestingOrigin: string, details: { isMainFrame?: boolean; requestingUrl?: string }): boolean {
  if (permission !== CLIPBOARD_WRITE_PERMISSION || requestingOrigin !== APP_ORIGIN || details.isMainFrame === false) return false;
  return details.requestingUrl === undefined || isOwnPage(details.requestingUrl);
}
