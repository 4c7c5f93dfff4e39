import type { StateCreator } from 'zustand';
import type { RunbookPreview } from '../features/runbook/RunbookPicker';
import type { AppState, StoreDeps } from './appStore';

export interface RunbookSlice {
  runbookPreview: RunbookPreview | null;
  previewRunbook(source: { sourceName: string; content: string }): Promise<RunbookPreview | null>;
  clearRunbookPreview(): void;
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
  });
