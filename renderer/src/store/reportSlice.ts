import type { StateCreator } from 'zustand';
import type { CallResult } from '../../../shared/api/contract';
import type { ReportFormat } from '../../../shared/report/formats';
import type { ReportProgressEvent } from '../features/report/progress';
import type { AppState, StoreDeps } from './appStore';

export interface ReportSlice {
  /** Exports a session report through the app's one client, reporting its progress events. */
  exportReport(sessionId: string, format: ReportFormat, onProgress: (progress: ReportProgressEvent) => void): Promise<CallResult<'exportReport'>>;
}

function newRequestId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const createReportSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], ReportSlice> =>
  () => ({
    async exportReport(sessionId, format, onProgress) {
      const requestId = newRequestId();
      const unsubscribe = api.subscribe((message) => {
        if (message.event !== 'report.progress') return;
        const progress = message.payload as ReportProgressEvent;
        if (progress.requestId === requestId) onProgress(progress);
      });
      try {
        return await api.exportReport({ sessionId, format, requestId });
      } finally {
        unsubscribe();
      }
    },
  });
