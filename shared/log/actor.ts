import { z } from 'zod';

/** Who was at the keyboard. Every logged event carries one. */
export const actorSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(120),
  role: z.string().trim().max(120).nullable(),
});

export type Actor = z.infer<typeof actorSchema>;

/** The console itself, for events no person caused (recovery after a crash, timeouts). */
export const SYSTEM_ACTOR: Actor = { name: 'T-Minus', role: 'system' };

export function describeActor(actor: Actor): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name;
}
