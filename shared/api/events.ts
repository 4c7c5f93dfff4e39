import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { defineEvent } from './define';

/** A committed log event on the wire (payload checked against its type when it was appended). */
export const loggedEventSchema = z.object({
  sessionId: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  actor: actorSchema,
  type: z.string(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const logEvents = {
  /** Pushed after the event is committed to disk — never before. */
  'log.appended': defineEvent({
    summary: 'An event was committed to a session log.',
    payload: z.object({ sessionId: z.string(), event: loggedEventSchema }),
  }),
  'sessions.changed': defineEvent({
    summary: 'The list of sessions changed (created, imported, closed).',
    payload: z.object({ sessionId: z.string() }),
  }),
};
