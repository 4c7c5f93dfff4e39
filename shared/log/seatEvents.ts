// The war room in the log: who was invited (a seat per person, with the runbook roles they hold),
// who was cut off, and which IC-only powers were handed to a role or a seat. The seat's token is
// never logged — it is a secret kept beside the workspace (tminus.tokens.json).
import { z } from 'zod';

export const seatIdSchema = z.string().regex(/^seat-[0-9a-z]{8,32}$/, 'not a seat id');

/** Powers that belong to the IC unless granted. Ticking and noting belong to every seat. */
export const seatPermissionSchema = z.enum(['runSteps', 'decideGates', 'moveT0']);
export type SeatPermission = z.infer<typeof seatPermissionSchema>;

export const grantTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: z.string().trim().min(1).max(120) }),
  z.object({ kind: z.literal('seat'), seatId: seatIdSchema }),
]);
export type GrantTarget = z.infer<typeof grantTargetSchema>;

export const seatEventPayloads = {
  'seat.created': z.object({
    seatId: seatIdSchema,
    name: z.string().trim().min(1).max(120),
    roles: z.array(z.string().trim().min(1).max(120)).min(1).max(10),
  }),
  'seat.revoked': z.object({ seatId: seatIdSchema, reason: z.string().max(2000).nullable() }),
  'seat.granted': z.object({ permission: seatPermissionSchema, to: grantTargetSchema }),
  'seat.grantRevoked': z.object({ permission: seatPermissionSchema, to: grantTargetSchema }),
  /** A seat asked for something it may not do: refused, and the refusal kept. */
  'seat.refused': z.object({ seatId: seatIdSchema, call: z.string().max(100), reason: z.string().max(2000) }),
} as const;
