// The desktop window's web permissions: only "Copy link"'s clipboard write, only for our own page.
import { describe, expect, it } from 'vitest';
import { grantsPermissionCheck, grantsPermissionRequest } from '../../../electron/app/permissions';

describe('desktop permissions', () => {
  it("grants the clipboard write Copy link needs to the app's main frame", () => {
    expect(grantsPermissionRequest('clipboard-sanitized-write', { requestingUrl: 'app://tminus/index.html', isMainFrame: true })).toBe(true);
    expect(grantsPermissionCheck('clipboard-sanitized-write', 'app://tminus', { isMainFrame: true, requestingUrl: 'app://tminus/index.html' })).toBe(true);
  });

  it('refuses every other permission, even to our own page', () => {
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen', 'pointerLock']) {
      expect(grantsPermissionRequest(permission, { requestingUrl: 'app://tminus/index.html', isMainFrame: true }), permission).toBe(false);
      expect(grantsPermissionCheck(permission, 'app://tminus', { isMainFrame: true }), permission).toBe(false);
    }
  });

  it('refuses the clipboard to subframes and to other origins', () => {
    expect(grantsPermissionRequest('clipboard-sanitized-write', { requestingUrl: 'app://tminus/index.html', isMainFrame: false })).toBe(false);
    expect(grantsPermissionRequest('clipboard-sanitized-write', { requestingUrl: 'app://tminusx.evil/', isMainFrame: true })).toBe(false);
    expect(grantsPermissionRequest('clipboard-sanitized-write', { requestingUrl: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(grantsPermissionCheck('clipboard-sanitized-write', 'null', { isMainFrame: true })).toBe(false);
    expect(grantsPermissionCheck('clipboard-sanitized-write', 'https://example.com', { isMainFrame: true })).toBe(false);
  });
});
