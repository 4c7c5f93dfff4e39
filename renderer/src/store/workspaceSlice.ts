import type { StateCreator } from 'zustand';
import type { WorkspaceInfo } from '../../../shared/api/workspace';
import type { AppState, StoreDeps } from './appStore';
import type { ConnectionState } from '../api/transports';

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null;
  connection: ConnectionState;
  loadWorkspace(): Promise<void>;
  setConnection(state: ConnectionState): void;
  /** The console's time (it may run shifted for rehearsals and tests): use this, not Date.now(). */
  now(): number;
  getViewerLink(sessionId: string): Promise<{ url: string | null; note: string } | null>;
}

export const createWorkspaceSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], WorkspaceSlice> =>
  (set, get) => ({
    workspace: null,
    connection: 'connecting',
    async loadWorkspace() {
      try {
        set({ workspace: await api.workspaceInfo({}) });
      } catch (error) {
        get().notifyError(error, 'load the workspace');
      }
    },
    setConnection(connection) {
      set({ connection });
    },
    now() {
      return Date.now() + (get().workspace?.clockOffsetMs ?? 0);
    },
    async getViewerLink(sessionId) {
      try {
        return await api.getViewerLink({ sessionId });
      } catch (error) {
        get().notifyError(error, 'get the war-room link');
        return null;
      }
    },
  });
