// The application menu: the usual roles, plus "Invite to the war room…", which starts the LAN
// listener and asks the window to open the War room tab (through the contract's pushed event, so
// the renderer needs nothing desktop-specific).
import { Menu, dialog, type MenuItemConstructorOptions } from 'electron';
import type { ConsoleService } from '../console';
import type { DesktopShare } from './warRoomShare';

export const INVITE_MENU_LABEL = 'Invite to the war room…';

export function installWarRoomMenu(service: () => ConsoleService | null, share: DesktopShare): void {
  async function invite(): Promise<void> {
    const console = service();
    if (!console) return;
    try {
      const lan = await share.openLan();
      console.hub.emit('warRoom.openRequested', { url: lan.base, fingerprint: lan.fingerprint });
    } catch (error) {
      dialog.showErrorBox('The war room cannot be opened', `T-Minus could not start its HTTPS listener on the local network: ${(error as Error).message}`);
    }
  }
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'War room', submenu: [{ label: INVITE_MENU_LABEL, click: () => void invite() }] },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
