// Building blocks of the API contract. A call is an input schema, a result schema and an access
// level; an event is a payload schema. Everything else (IPC handlers, preload, HTTP routes,
// WebSocket push, the renderer client) is derived from the contract built from these.
import type { z } from 'zod';

/** `read` calls are allowed to viewers (war-room display); `write` calls change the log. */
export type Access = 'read' | 'write';

export interface CallSpec<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  input: I;
  result: R;
  access: Access;
  /** One line for docs/api.md. */
  summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function defineCall<I extends z.ZodType, R extends z.ZodType>(spec: CallSpec<I, R>): CallSpec<I, R> {
  return spec;
}

export function defineEvent<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}
