// The console API: every call and every pushed event, defined once. The Electron IPC handlers, the
// preload bridge, the browser shell's HTTP + WebSocket transport, the renderer client and the docs
// are all derived from these two objects; adding a call means adding it to one feature file here.
import type { z } from 'zod';
import type { CallSpec, EventSpec } from './define';
import { checklistCalls } from './checklist';
import { demoCalls, demoEvents } from './demo';
import { logEvents } from './events';
import { metricsCalls, metricsEvents } from './metrics';
import { notifyCalls } from './notify';
import { reportCalls, reportEvents } from './reports';
import { runbookCalls } from './runbooks';
import { timelineCalls } from './timeline';
import { sessionCalls } from './sessions';
import { sessionFileCalls } from './sessionFiles';
import { stepCalls, stepEvents } from './steps';
import { seatQueueCalls, warRoomCalls, warRoomEvents } from './warRoom';
import { workspaceCalls } from './workspace';

export const calls = {
  ...workspaceCalls,
  ...sessionCalls,
  ...runbookCalls,
  ...checklistCalls,
  ...timelineCalls,
  ...sessionFileCalls,
  ...metricsCalls,
  ...reportCalls,
  ...stepCalls,
  ...demoCalls,
  ...notifyCalls,
  ...warRoomCalls,
  ...seatQueueCalls,
} satisfies Record<string, CallSpec>;

export const apiEvents = {
  ...logEvents,
  ...metricsEvents,
  ...reportEvents,
  ...stepEvents,
  ...demoEvents,
  ...warRoomEvents,
} satisfies Record<string, EventSpec>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What a caller passes (before defaults and transforms). */
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallResult<N extends CallName> = z.output<Calls[N]['result']>;

export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.output<ApiEvents[E]['payload']>;
export type ApiEventMessage = { [E in ApiEventName]: { event: E; payload: ApiEventPayload<E> } }[ApiEventName];

export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

/** The typed functions a client gets: one per call. */
export type ApiFunctions = { [N in CallName]: (input: CallInput<N>) => Promise<CallResult<N>> };
