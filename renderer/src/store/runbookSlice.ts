import type { StateCreator } from 'zustand';
import type { CallResult } from '../../../shared/api/contract';
import type { RunbookPreview } from '../features/runbook/RunbookPicker';
import type { AppState, StoreDeps } from './appStore';

export interface RunbookSlice {
  runbookPreview: RunbookPreview | null;
  previewRunbook(source: { sourceName: string; content: string }): Promise<RunbookPreview | null>;
  clearRunbookPreview(): void;
  previewReimport(sessionId: string, source: { sourceName: string; content: string }): Promise<CallResult<'previewReimport'> | null>;
  applyReimport(sessionId: string, source: { sourceName: string; content: string }, expectedModelHash: string): Promise<boolean>;
}

export const createRunbookSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], RunbookSlice> =>
  (set, get) => ({
    runbookPreview: null,
    async previewRunbook(source) {
      try {
        const preview = { ...(await api.previewRunbook(source)), source };
        set({ runbookPreview: preview });
        return preview;
      } catch (error) {
        get().notifyError(error, 'import the runbook');
        set({ runbookPreview: null });
        return null;
      }
    },
    clearRunbookPreview() {
      set({ runbookPreview: null });
    },
    async previewReimport(sessionId, source) {
      try {
        return await api.previewReimport({ sessionId, source });
      } catch (error) {
        get().notifyError(error, 'compare the runbooks');
        return null;
      }
    },
    async applyReimport(sessionId, source, expectedModelHash) {
      const actor = get().actors[sessionId];
      if (!actor) return false;
      try {
        await api.applyReimport({ sessionId, actor, source, expectedModelHash });
        await get().openSession(sessionId);
        get().notify('success', 'Runbook updated in this session.');
        return true;
      } catch (error) {
        get().notifyError(error, 'apply the re-import');
        return false;
      }
    },
  });
