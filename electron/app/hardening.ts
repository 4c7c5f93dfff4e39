// Everything a hostile page could try, refused up front: new windows, navigation, webviews,
// permission prompts (camera, notifications, geolocation …). The console needs none of them but
// the clipboard write behind "Copy link" (permissions.ts).
import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './appProtocol';
import { grantsPermissionCheck, grantsPermissionRequest } from './permissions';

export function hardenApp(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to documentation may open in the user's browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(grantsPermissionRequest(permission, details)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => grantsPermissionCheck(permission, requestingOrigin, details));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    // The renderer needs nothing beyond its own files; no request may leave the machine.
    // blob: is how an exported report is handed to the user's download, never a network request.
    const allowed = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    callback({ cancel: !allowed });
  });
}
