// Every event type the log accepts, with its payload schema. An append is validated against this
// registry, so the log never holds a payload the projections cannot read.
import { z } from 'zod';
import type { Actor } from './actor';
import { checklistEventPayloads } from './checklistEvents';
import { metricsEventPayloads } from './metricsEvents';
import { notifyEventPayloads } from './notifyEvents';
import { seatEventPayloads } from './seatEvents';
import { sessionEventPayloads } from './sessionEvents';
import { stepEventPayloads } from './stepEvents';

export const eventPayloads = {
  ...sessionEventPayloads,
  ...checklistEventPayloads,
  ...stepEventPayloads,
  ...metricsEventPayloads,
  ...notifyEventPayloads,
  ...seatEventPayloads,
} as const;

export type EventType = keyof typeof eventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloads)[T]>;

export const eventTypeSchema = z.enum(Object.keys(eventPayloads) as [EventType, ...EventType[]]);

/** One committed row of the log, as read back. */
export interface LoggedEventOf<T extends EventType> {
  sessionId: string;
  seq: number;
  /** UTC instant, ISO-8601. */
  at: string;
  actor: Actor;
  type: T;
  payload: EventPayload<T>;
  prevHash: string;
  hash: string;
}

export type LoggedEvent = { [T in EventType]: LoggedEventOf<T> }[EventType];

export const GENESIS_HASH = '0'.repeat(64);

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventPayloads, type);
}
