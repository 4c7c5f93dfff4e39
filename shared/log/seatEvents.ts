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

/** A seat's public key (ECDSA P-256, JWK) made in its browser; the private half never leaves it. */
export const seatPublicKeySchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a P-256 coordinate'),
    y: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a P-256 coordinate'),
  })
  .strip();
export type SeatPublicKey = z.infer<typeof seatPublicKeySchema>;

export const queuedActionKindSchema = z.enum(['check', 'uncheck', 'note']);

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
  /** The seat's key, registered once on its first connect; only a new invitation gives a new one. */
  'seat.keyRegistered': z.object({ seatId: seatIdSchema, publicKey: seatPublicKeySchema }),
  /**
   * An action the seat did while the console was out of reach, as signed (seatTime is the seat's
   * clock, the event's own time is the commit time). `conflict` is set when the item changed after
   * the last event the seat had seen: the item then shows the conflict until someone resolves it.
   */
  'seat.queuedAction': z.object({
    seatId: seatIdSchema,
    seq: z.number().int().nonnegative(),
    itemId: z.string().min(1).max(200),
    action: queuedActionKindSchema,
    note: z.string().max(4000).nullable(),
    seatTime: z.string().max(40),
    signature: z.string().max(200),
    conflict: z.boolean(),
  }),
  /** A queued action the console would not take (broken signature, no key, revoked): kept, not dropped. */
  'seat.queuedRefused': z.object({
    seatId: seatIdSchema,
    seq: z.number().int().nonnegative(),
    itemId: z.string().max(200),
    reason: z.string().max(2000),
  }),
  'seat.conflictResolved': z.object({ itemId: z.string().min(1).max(200), note: z.string().max(4000).nullable() }),
} as const;
