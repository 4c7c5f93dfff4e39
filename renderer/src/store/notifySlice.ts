// Notification settings of the open session: read from the console (URLs never come back), changed
// through it; deliveries are folded from the log (state.notify), so they arrive with every commit.
import type { StateCreator } from 'zustand';
import type { CallInput, CallResult } from '../../../shared/api/contract';
import type { AppState, StoreDeps } from './appStore';

export type NotifySettings = CallResult<'getNotifySettings'>;
export type NotifyTargetInput = CallInput<'saveNotifyTarget'>['target'];

export interface NotifySlice {
  notifySettings: { sessionId: string; settings: NotifySettings } | null;
  loadNotifySettings(sessionId: string): Promise<void>;
  saveNotifyTarget(target: NotifyTargetInput, url: string | null): Promise<boolean>;
  removeNotifyTarget(targetId: string): Promise<boolean>;
  sendTestNotification(targetId: string): Promise<boolean>;
}

export const createNotifySlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], NotifySlice> =>
  (set, get) => {
    const who = () => {
      const current = get().current;
      const actor = current ? get().actors[current.session.id] : undefined;
      return current && actor ? { sessionId: current.session.id, actor } : null;
    };
    const act = async (doing: string, fn: (w: { sessionId: string; actor: NonNullable<ReturnType<typeof who>>['actor'] }) => Promise<unknown>) => {
      const w = who();
      if (!w) return false;
      try {
        await fn(w);
        await get().loadNotifySettings(w.sessionId);
        return true;
      } catch (error) {
        get().notifyError(error, doing);
        return false;
      }
    };
    return {
      notifySettings: null,
      async loadNotifySettings(sessionId) {
        try {
          set({ notifySettings: { sessionId, settings: await api.getNotifySettings({ sessionId }) } });
        } catch (error) {
          get().notifyError(error, 'load the notification settings');
        }
      },
      saveNotifyTarget: (target, url) => act('save the notification target', (w) => api.saveNotifyTarget({ ...w, target, url })),
      removeNotifyTarget: (targetId) => act('remove the notification target', (w) => api.removeNotifyTarget({ ...w, targetId })),
      sendTestNotification: (targetId) => act('send the test message', (w) => api.sendTestNotification({ ...w, targetId })),
    };
  };
