import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { isoInstant } from '../log/sessionEvents';
import { committedSchema } from './checklist';
import { defineCall } from './define';
import { sessionIdSchema } from './sessions';

export const timelineCalls = {
  moveT0: defineCall({
    summary: 'Move T0 (everything planned moves with it; actual runs do not). Once the launch is running a reason is required.',
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        actor: actorSchema,
        t0: isoInstant,
        reason: z
          .string()
          .trim()
          .max(2000)
          .nullish()
          .transform((value) => value || null),
      })
      .strict(),
    result: committedSchema,
  }),
  linkRehearsal: defineCall({
    summary: 'Compare this launch with a staging rehearsal session (or none): per step, rehearsal duration vs now.',
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema, actor: actorSchema, rehearsalSessionId: sessionIdSchema.nullable() }).strict(),
    result: committedSchema,
  }),
};
