// Keeping the room informed: a session's notification targets (Slack-compatible incoming webhooks
// and generic JSON webhooks), their rules and templates, and a test send. URLs are session secrets:
// they are given here and never answered back or logged.
import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { notifyKindSchema, notifyRuleSchema, notifyTargetSchema, NOTIFY_RULES } from '../log/notifyEvents';
import { committedSchema } from './checklist';
import { defineCall } from './define';
import { sessionIdSchema } from './sessions';

const sessionWrite = { sessionId: sessionIdSchema, actor: actorSchema };

// shared/ has no URL global (no DOM, no Node types): zod's own URL check, limited to http(s).
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. https://hooks.slack.com/services/…' }));

export const notifyTargetInputSchema = z
  .object({
    /** Absent for a new target (an id is made from the name). */
    id: notifyTargetSchema.shape.id.optional(),
    name: notifyTargetSchema.shape.name,
    kind: notifyKindSchema,
    rules: notifyTargetSchema.shape.rules,
    templates: notifyTargetSchema.shape.templates.default({}),
  })
  .strict();

export const notifyCalls = {
  getNotifySettings: defineCall({
    summary: "A session's notification targets (whether each URL has a value, never the URL), the rules, default templates and the runbook's comms wording.",
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema }).strict(),
    result: z.object({
      targets: z.array(notifyTargetSchema.extend({ urlSet: z.boolean() })),
      rules: z.array(z.object({ rule: notifyRuleSchema, label: z.string(), vars: z.array(z.string()), defaultTemplate: z.string() })),
      /** Wording from the runbook's comms section, by rule (prefills the templates). */
      commsTemplates: z.partialRecord(notifyRuleSchema, z.string()),
    }),
  }),
  saveNotifyTarget: defineCall({
    summary: 'Add or change a notification target; the URL (required for a new target) is kept as a session secret and only its name is logged.',
    access: 'write',
    input: z.object({ ...sessionWrite, target: notifyTargetInputSchema, url: webhookUrl.nullish() }).strict(),
    result: committedSchema.extend({ targetId: z.string() }),
  }),
  removeNotifyTarget: defineCall({
    summary: 'Remove a notification target (its URL is forgotten).',
    access: 'write',
    input: z.object({ ...sessionWrite, targetId: z.string() }).strict(),
    result: committedSchema,
  }),
  sendTestNotification: defineCall({
    summary: 'Send a test message to one target. Answers at once; the attempts (status code, retries) arrive as notify.attempted log events.',
    access: 'write',
    input: z.object({ ...sessionWrite, targetId: z.string() }).strict(),
    result: z.object({ queued: z.literal(true) }),
  }),
};

export { NOTIFY_RULES };
