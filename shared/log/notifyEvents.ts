// Keeping the room informed: where a session's notifications go (targets, each with its rules and
// message templates; the URL is a session secret, named here, never held) and every attempt to send
// one (target, rule, status code, attempt number, error) — written by the console itself.
import { z } from 'zod';

export const NOTIFY_RULES = ['levelChanged', 'gateDecided', 'pageAlert', 'milestoneReached', 't0Moved', 'runFailed'] as const;
export type NotifyRule = (typeof NOTIFY_RULES)[number];
export const notifyRuleSchema = z.enum(NOTIFY_RULES);

/** `slack`: a Slack-compatible incoming webhook (`{"text": …}`); `webhook`: generic JSON. */
export const notifyKindSchema = z.enum(['slack', 'webhook']);

export const notifyTargetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  kind: notifyKindSchema,
  /** The session secret holding the URL. */
  urlSecret: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  /** Each rule on or off for this target. */
  rules: z.object(Object.fromEntries(NOTIFY_RULES.map((r) => [r, z.boolean()])) as Record<NotifyRule, z.ZodBoolean>),
  /** Message templates by rule (`{{level}}`, `{{reasons}}` …); a missing one uses the default. */
  templates: z.partialRecord(notifyRuleSchema, z.string().max(2000)),
});
export type NotifyTarget = z.infer<typeof notifyTargetSchema>;

export const notifyEventPayloads = {
  /** The session's notification targets as a whole, replacing the previous list. */
  'notify.targetsSet': z.object({ targets: z.array(notifyTargetSchema).max(20) }),
  /** One attempt to send one message to one target. */
  'notify.attempted': z.object({
    deliveryId: z.string(),
    targetId: z.string(),
    targetName: z.string(),
    rule: z.union([notifyRuleSchema, z.literal('test')]),
    /** The log event that caused it (null for a test). */
    causeSeq: z.number().int().positive().nullable(),
    attempt: z.number().int().min(1),
    /** HTTP status, or null when no answer came (refused, timed out). */
    status: z.number().int().nullable(),
    ok: z.boolean(),
    error: z.string().max(500).nullable(),
    /** No further attempt follows (delivered, or given up). */
    final: z.boolean(),
    /** The message as sent. */
    text: z.string().max(4000),
  }),
  /**
   * A milestone's time (T0 + offset on the console clock) came while the console watched a session
   * that notifies milestones. Written by the console itself; the notifier follows it like any event.
   */
  'timeline.milestoneReached': z.object({
    milestoneId: z.string(),
    text: z.string(),
    /** T0 + offset when it was reached. */
    dueAt: z.string(),
  }),
} as const;
