// One bound store built from typed slices (zustand's slices pattern). Components read through
// selectors; the api client is injected at creation, so the store never reaches for a global.
import { createContext, useContext } from 'react';
import { createStore, useStore, type StateCreator, type StoreApi } from 'zustand';
import type { ApiClient } from '../../../shared/api/client';
import { createActorSlice, type ActorSlice } from './actorSlice';
import { createChecklistSlice, type ChecklistSlice } from './checklistSlice';
import { createDemoSlice, type DemoSlice } from '../features/demo/demoSlice';
import { createMetricsSlice, type MetricsSlice } from './metricsSlice';
import { createNoticesSlice, type NoticesSlice } from './noticesSlice';
import { createNotifySlice, type NotifySlice } from './notifySlice';
import { createReportSlice, type ReportSlice } from './reportSlice';
import { createRunbookSlice, type RunbookSlice } from './runbookSlice';
import { createSessionsSlice, type SessionsSlice } from './sessionsSlice';
import { createStepsSlice, type StepsSlice } from './stepsSlice';
import { createTimelineSlice, type TimelineSlice } from './timelineSlice';
import { createWarRoomSlice, type WarRoomSlice } from './warRoomSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice';

export type AppState = WorkspaceSlice & SessionsSlice & NoticesSlice & ActorSlice & ChecklistSlice & RunbookSlice & TimelineSlice & StepsSlice & MetricsSlice & DemoSlice & ReportSlice & NotifySlice & WarRoomSlice;

export type Slice<T> = StateCreator<AppState, [], [], T>;

export interface StoreDeps {
  api: ApiClient;
}

export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createWorkspaceSlice(deps)(...a),
    ...createSessionsSlice(deps)(...a),
    ...createNoticesSlice(...a),
    ...createActorSlice(deps)(...a),
    ...createChecklistSlice(deps)(...a),
    ...createRunbookSlice(deps)(...a),
    ...createStepsSlice(deps)(...a),
    ...createTimelineSlice(deps)(...a),
    ...createMetricsSlice(deps)(...a),
    ...createDemoSlice(deps)(...a),
    ...createReportSlice(deps)(...a),
    ...createNotifySlice(deps)(...a),
    ...createWarRoomSlice(deps)(...a),
  }));
}

export const StoreContext = createContext<StoreApi<AppState> | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return useStore(store, selector);
}
