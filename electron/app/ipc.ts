// IPC handlers derived from the contract. Every message's sender is checked (senderCheck.ts): it
// must be the main frame of our own window showing our own app:// origin — not a subframe, not a
// page it navigated to (navigation is blocked too; this is the second lock on the door).
import { ipcMain, type BrowserWindow } from 'electron';
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL } from '../../shared/api/bridge';
import { callNames } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { ConsoleService } from '../console';
import { createOutputPacer, DEFAULT_OUTPUT_PACE } from '../core/outputPacer';
import { isTrustedSender } from './senderCheck';

export function registerIpc(service: ConsoleService, window: BrowserWindow): () => void {
  for (const name of callNames) {
    ipcMain.handle(`${CALL_CHANNEL_PREFIX}${name}`, async (event, input: unknown) => {
      if (!isTrustedSender(event, window)) {
        return { ok: false, error: new ApiError('forbidden', 'This message did not come from the T-Minus window.').toData() };
      }
      return service.router.dispatch(name, input, { access: 'write' });
    });
  }
  // A flood of output must not pile up in the window's IPC queue: past the pace it is read from
  // the log instead (see outputPacer).
  const admit = createOutputPacer({ ...DEFAULT_OUTPUT_PACE, now: () => performance.now() });
  const unsubscribe = service.hub.subscribe((message) => {
    if (!window.isDestroyed() && admit(message)) window.webContents.send(EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(`${CALL_CHANNEL_PREFIX}${name}`);
  };
}
