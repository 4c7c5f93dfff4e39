// The war room: seats (one per person, with their own link and token), their presence, and the
// IC-only powers granted to a role or a seat. Only the IC's console (the writer token or the
// desktop app) manages seats; a seat's own page learns who it is from workspaceInfo.
import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { grantTargetSchema, seatIdSchema, seatPermissionSchema, seatPublicKeySchema } from '../log/seatEvents';
import { MAX_QUEUED_ACTIONS, queuedActionSchema } from '../warroom/queuedActions';
import { committedSchema } from './checklist';
import { defineCall, defineEvent } from './define';
import { sessionIdSchema } from './sessions';

const roleName = z.string().trim().min(1).max(120);

export const seatIdentitySchema = z.object({
  seatId: seatIdSchema,
  sessionId: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
});

export const seatPresenceSchema = z.object({
  /** Open live connections (event sockets) from this seat now. */
  connections: z.number().int().nonnegative(),
  /** Last call or connection; null when the seat never came. */
  lastSeen: z.string().nullable(),
  /** The remote address it came from last; null when never seen. */
  address: z.string().nullable(),
});

export const seatViewSchema = z.object({
  seatId: seatIdSchema,
  name: z.string(),
  roles: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  presence: seatPresenceSchema,
});
export type SeatView = z.infer<typeof seatViewSchema>;

export const invitationSchema = z.object({
  seatId: seatIdSchema,
  name: z.string(),
  roles: z.array(z.string()),
  /** The seat's own link (its token inside); null where this shell serves no browser. */
  url: z.string().nullable(),
  /** SHA-256 of the certificate the LAN listener presents, to compare in the browser; null over plain 127.0.0.1. */
  certificateFingerprint: z.string().nullable(),
  /** The link as a QR code: one string of 0/1 per row, `size` rows. */
  qr: z.object({ size: z.number().int().positive(), rows: z.array(z.string()) }).nullable(),
  note: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

const icWrite = { sessionId: sessionIdSchema, actor: actorSchema };

export const warRoomCalls = {
  listSeats: defineCall({
    summary: "The session's seats with presence (open connections, last seen, address). The IC's console only.",
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema }).strict(),
    result: z.array(seatViewSchema),
  }),
  createSeat: defineCall({
    summary: "Invite a person: a seat with their name and one or more of the runbook's roles, its own token and link (logged, without the token).",
    access: 'write',
    input: z.object({ ...icWrite, name: z.string().trim().min(1, 'a seat needs a name').max(120), roles: z.array(roleName).min(1, 'pick at least one role').max(10) }).strict(),
    result: invitationSchema,
  }),
  seatInvitation: defineCall({
    summary: "A live seat's link again (text, QR code, certificate fingerprint).",
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema, seatId: seatIdSchema }).strict(),
    result: invitationSchema,
  }),
  revokeSeat: defineCall({
    summary: "Revoke a seat at once: its token stops working, its open pages are disconnected (logged).",
    access: 'write',
    input: z.object({ ...icWrite, seatId: seatIdSchema, reason: z.string().trim().max(2000).nullish().transform((value) => value || null) }).strict(),
    result: committedSchema,
  }),
  grantPermission: defineCall({
    summary: 'Grant an IC-only power (run steps, decide gates, move T0) to a role or a seat (logged).',
    access: 'write',
    input: z.object({ ...icWrite, permission: seatPermissionSchema, to: grantTargetSchema }).strict(),
    result: committedSchema,
  }),
  revokeGrant: defineCall({
    summary: 'Take back a granted power from a role or a seat (logged).',
    access: 'write',
    input: z.object({ ...icWrite, permission: seatPermissionSchema, to: grantTargetSchema }).strict(),
    result: committedSchema,
  }),
};

export const queuedResultSchema = z.object({
  seq: z.number().int(),
  outcome: z.enum(['applied', 'conflict', 'refused', 'duplicate']),
  /** Why it was refused, for the person at the seat; null otherwise. */
  reason: z.string().nullable(),
});

export const seatQueueCalls = {
  registerSeatKey: defineCall({
    summary: "A seat's public key (ECDSA P-256, JWK) made in its browser, registered once on first connect (logged); a seat's key is never replaced — a new invitation gives a new seat.",
    access: 'write',
    input: z.object({ sessionId: sessionIdSchema, actor: actorSchema, publicKey: seatPublicKeySchema }).strict(),
    result: z.object({ registered: z.boolean() }),
  }),
  submitQueuedActions: defineCall({
    summary: `Actions a seat queued while the console was out of reach (at most ${MAX_QUEUED_ACTIONS}), in the order done: each signature verified, each applied with the seat's time and the commit time, conflicts marked, refusals logged.`,
    access: 'write',
    input: z
      .object({
        sessionId: sessionIdSchema,
        actor: actorSchema,
        /** The last event of the session the seat had seen before it lost the console. */
        lastSeenSeq: z.number().int().nonnegative(),
        actions: z.array(queuedActionSchema).min(1).max(MAX_QUEUED_ACTIONS),
      })
      .strict(),
    result: z.object({ results: z.array(queuedResultSchema), committed: committedSchema }),
  }),
  resolveConflict: defineCall({
    summary: 'Mark a conflicted checklist item as looked at (logged, with an optional note); its history keeps both actions.',
    access: 'write',
    input: z.object({ ...icWrite, itemId: z.string().min(1).max(200), note: z.string().trim().max(4000).nullish().transform((value) => value || null) }).strict(),
    result: committedSchema,
  }),
};

export const warRoomEvents = {
  'warRoom.openRequested': defineEvent({
    summary: 'The desktop app started its LAN listener ("Invite to the war room…"): open the War room tab.',
    payload: z.object({ url: z.string(), fingerprint: z.string() }),
  }),
  'warRoom.presence': defineEvent({
    summary: "A seat connected, disconnected or called: re-read listSeats for that session.",
    payload: z.object({ sessionId: z.string(), seatId: seatIdSchema }),
  }),
};
