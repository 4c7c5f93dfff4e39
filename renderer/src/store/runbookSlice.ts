import type { StateCreator } from 'zustand';
import type { CallInput, CallResult } from '../../../shared/api/contract';
import type { RunbookPreview } from '../features/runbook/RunbookPicker';
import type { AppState, StoreDeps } from './appStore';

type RunbookSourceInput = CallInput<'previewRunbook'>;

export interface RunbookSlice {
  runbookPreview: RunbookPreview | null;
  previewRunbook(source: RunbookSourceInput): Promise<RunbookPreview | null>;
  clearRunbookPreview(): void;
  previewReimport(sessionId: string, source: { sourceName: string; content: string }): Promise<CallResult<'previewReimport'> | null>;
  applyReimport(sessionId: string, source: { sourceName: string; content: string }, expectedModelHash: string): Promise<boolean>;
  /** Corrects what was read in the open session's runbook; returns the side file to keep beside the runbook. */
  correctRunbook(sessionId: string, request: CallInput<'correctRunbook'>['request']): Promise<CallResult<'correctRunbook'>['correctionsFile'] | null>;
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
    async correctRunbook(sessionId, request) {
      const actor = get().actors[sessionId];
      const current = get().current;
      const modelHash = current?.session.id === sessionId ? current.session.runbook?.modelHash : undefined;
      if (!actor || !modelHash) return null;
      try {
        const result = await api.correctRunbook({ sessionId, actor, request, expectedModelHash: modelHash });
        await get().openSession(sessionId);
        get().notify('success', 'Correction applied and logged.');
        return result.correctionsFile;
      } catch (error) {
        get().notifyError(error, 'apply the correction');
        return null;
      }
    },
  });
