// Everything the UI shows about a session, folded from its events by one function that both the
// console and the renderer run — the console to answer `openSession`, the renderer to apply each
// pushed event without asking again.
import type { LoggedEvent } from '../log/eventTypes';
import { applyChecklistEvent, reduceChecklist, type ChecklistState } from './checklistState';
import { applySessionEvent, type SessionHeader } from './sessionHeader';
import { applyMetricsEvent, emptyMetricsState, reduceMetrics, type MetricsState } from './metricsState';
import { applyNotifyEvent, emptyNotifyState, reduceNotify, type NotifyState } from './notifyState';
import { applyWarRoomEvent, emptyWarRoomState, reduceWarRoom, type WarRoomState } from './warRoomState';
import { applyStepRunsEvent, emptyStepRunsState, reduceStepRuns, type StepRunsState } from './stepRunsState';

export interface SessionState {
  headSeq: number;
  header: SessionHeader;
  checklist: ChecklistState;
  metrics: MetricsState;
  steps: StepRunsState;
  notify: NotifyState;
  warRoom: WarRoomState;
}

export function initialSessionState(created: LoggedEvent): SessionState {
  const header = applySessionEvent(null, created);
  if (!header) throw new Error('a session log must begin with session.created');
  return { headSeq: created.seq, header, checklist: {}, metrics: emptyMetricsState(), steps: emptyStepRunsState(), notify: emptyNotifyState(), warRoom: emptyWarRoomState() };
}

/** Applies the next event (seq must be headSeq + 1). */
export function applySessionStateEvent(state: SessionState, event: LoggedEvent): SessionState {
  if (event.seq !== state.headSeq + 1) {
    throw new Error(`event ${event.seq} does not follow ${state.headSeq}`);
  }
  return {
    headSeq: event.seq,
    header: applySessionEvent(state.header, event) ?? state.header,
    checklist: applyChecklistEvent(state.checklist, event),
    metrics: applyMetricsEvent(state.metrics, event),
    steps: applyStepRunsEvent(state.steps, event),
    notify: applyNotifyEvent(state.notify, event),
    warRoom: applyWarRoomEvent(state.warRoom, event),
  };
}

/** Rebuilds the state of a whole session, folding in place (linear in the number of events). */
export function foldSessionState(events: Iterable<LoggedEvent>): SessionState | null {
  let state: SessionState | null = null;
  for (const event of events) {
    if (!state) {
      state = initialSessionState(event);
      continue;
    }
    if (event.seq !== state.headSeq + 1) throw new Error(`event ${event.seq} does not follow ${state.headSeq}`);
    state.headSeq = event.seq;
    state.header = applySessionEvent(state.header, event) ?? state.header;
    reduceChecklist(state.checklist, event);
    reduceMetrics(state.metrics, event);
    reduceStepRuns(state.steps, event);
    reduceNotify(state.notify, event);
    reduceWarRoom(state.warRoom, event);
  }
  return state;
}
