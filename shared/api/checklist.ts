import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { defineCall } from './define';
import { sessionIdSchema } from './sessions';

/** What a write answers once its event is committed (durable): the event's place in the chain. */
export const committedSchema = z.object({
  /** False when nothing needed writing (e.g. ticking an item that is already ticked). */
  changed: z.boolean(),
  seq: z.number().int(),
  hash: z.string(),
});

const itemTarget = {
  sessionId: sessionIdSchema,
  itemId: z.string().min(1).max(200),
  /** Who is at the keyboard; a change of person is logged as its own event first. */
  actor: actorSchema,
};

const optionalText = z
  .string()
  .trim()
  .max(4000)
  .nullish()
  .transform((value) => (value ? value : null));

export const checklistCalls = {
  checkItem: defineCall({
    summary: 'Tick a checklist item, with an optional note; a sign-off item needs the approver.',
    access: 'write',
    input: z.object({ ...itemTarget, note: optionalText, approver: optionalText }).strict(),
    result: committedSchema,
  }),
  uncheckItem: defineCall({
    summary: 'Untick a checklist item, with an optional reason (a new event; the tick stays in history).',
    access: 'write',
    input: z.object({ ...itemTarget, reason: optionalText }).strict(),
    result: committedSchema,
  }),
  addNote: defineCall({
    summary: 'Add a note to a checklist item.',
    access: 'write',
    input: z.object({ ...itemTarget, text: z.string().trim().min(1, 'a note needs text').max(4000) }).strict(),
    result: committedSchema,
  }),
  changeActor: defineCall({
    summary: 'Record who is at the keyboard now (logged when it changes).',
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema, actor: actorSchema }).strict(),
    result: committedSchema,
  }),
};
