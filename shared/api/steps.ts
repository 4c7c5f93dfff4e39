// Running the runbook's steps on hosts: inventory, secrets, pre-flight, runs with live output,
// cancel, and the prompts (host keys, key passphrases) the SSH layer raises for a person to answer.
import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { checkedHostKeySchema, checkStatusSchema, fanOutPolicySchema, hostSpecSchema, strictHostKeyCheckingSchema } from '../log/stepEvents';
import { committedSchema } from './checklist';
import { defineCall, defineEvent } from './define';
import { sessionIdSchema } from './sessions';

const sessionWrite = { sessionId: sessionIdSchema, actor: actorSchema };

export const inventoryHostSchema = hostSpecSchema.extend({
  /** Where the entry comes from: the runbook's front matter or an edit in this session. */
  source: z.enum(['runbook', 'session']),
  /** What ~/.ssh/config adds for this name (HostName, User, Port, IdentityFile, ProxyJump), if anything. */
  sshConfig: z.object({ hostName: z.string().nullable(), user: z.string().nullable(), port: z.number().nullable(), proxyJump: z.string().nullable() }).nullable(),
});

export const outputChunkSchema = z.object({
  seq: z.number().int().nonnegative(),
  stream: z.enum(['stdout', 'stderr']),
  at: z.string(),
  /** Already redacted. May contain ANSI colour sequences. */
  text: z.string(),
});

const checkSchema = z.object({ name: z.string(), status: checkStatusSchema, message: z.string() });

/** The phrase the IC types to trust several host keys at once (`trust 1 key`, `trust 10 keys`). */
export function trustKeysPhrase(count: number): string {
  return `trust ${count} key${count === 1 ? '' : 's'}`;
}

export const stepCalls = {
  getInventory: defineCall({
    summary: "The session's hosts (runbook front matter, edits, ~/.ssh/config) and groups.",
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema }).strict(),
    result: z.object({ hosts: z.array(inventoryHostSchema), groups: z.array(z.string()) }),
  }),
  setInventory: defineCall({
    summary: "Replace the session's host inventory (logged).",
    access: 'write',
    input: z.object({ ...sessionWrite, hosts: z.array(hostSpecSchema).max(2000) }).strict(),
    result: committedSchema,
  }),
  checkHosts: defineCall({
    summary:
      "Pre-flight: a fresh key exchange per host (whatever the pool holds), then reachability, host key, auth, sudo -n, clock skew and free disk for every host (or the given ones); asks nobody — unknown keys are listed for trustHostKeys (logged).",
    access: 'write',
    input: z.object({ ...sessionWrite, hosts: z.array(z.string()).optional() }).strict(),
    result: z.object({ results: z.array(z.object({ host: z.string(), ok: z.boolean(), checks: z.array(checkSchema), hostKey: checkedHostKeySchema.nullable().optional() })) }),
  }),
  trustHostKeys: defineCall({
    summary:
      'Trust the keys the last "Check hosts" found unknown on the given hosts, after the typed confirmation `trust N key(s)`; each key is its own logged decision.',
    access: 'write',
    input: z
      .object({
        ...sessionWrite,
        hosts: z.array(z.string().min(1)).min(1).max(2000),
        confirmation: z.string().max(100),
        /** Fingerprints pasted from a trusted source (ssh-keyscan output), to record which keys they confirmed. */
        pasted: z.string().max(1_000_000).nullish(),
      })
      .strict(),
    result: committedSchema.extend({ trusted: z.array(z.object({ host: z.string(), fingerprint: z.string(), matchedPasted: z.boolean() })) }),
  }),
  compareHostKeys: defineCall({
    summary: 'Compare the keys of the last "Check hosts" with pasted ssh-keyscan (or ssh-keygen -lf) output: match, different, or not listed per host.',
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema, text: z.string().max(1_000_000) }).strict(),
    result: z.object({
      results: z.array(z.object({ host: z.string(), fingerprint: z.string(), match: z.enum(['match', 'different', 'not-listed']), pastedFingerprints: z.array(z.string()) })),
      /** Lines of the pasted text that could not be read, with the reason. */
      ignored: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    }),
  }),
  setAcceptNew: defineCall({
    summary: 'Production sessions: let StrictHostKeyChecking accept-new (where the ssh config sets it) take first keys without asking, or stop it (logged).',
    access: 'write',
    input: z.object({ ...sessionWrite, enabled: z.boolean() }).strict(),
    result: committedSchema,
  }),
  getSecretsStatus: defineCall({
    summary: "Which of the runbook's secrets have a value, and from where — never the values.",
    access: 'read',
    input: z.object({ sessionId: sessionIdSchema }).strict(),
    result: z.array(
      z.object({
        name: z.string(),
        /** null: no value yet (a step that needs it is refused until it has one). */
        source: z.enum(['session', 'environment', 'keychain']).nullable(),
        /** Ids of the steps whose scripts read it. */
        usedBy: z.array(z.string()),
      }),
    ),
  }),
  getSecretStorage: defineCall({
    summary: 'Whether secret values can be remembered on this computer (OS keychain, probed once) or live in memory only, and why.',
    access: 'read',
    input: z.object({}).strict(),
    result: z.object({ canRemember: z.boolean(), where: z.string(), reason: z.string().nullable() }),
  }),
  setSecret: defineCall({
    summary: 'Give a secret its value for this session (kept in memory, or also in the OS keychain when `remember` is set); only the name is logged.',
    access: 'write',
    input: z
      .object({ ...sessionWrite, name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), value: z.string().min(1).max(64 * 1024), remember: z.boolean().optional() })
      .strict(),
    result: committedSchema,
  }),
  forgetSecret: defineCall({
    summary: "Drop a secret's value from this session.",
    access: 'write',
    input: z.object({ ...sessionWrite, name: z.string() }).strict(),
    result: committedSchema,
  }),
  runStep: defineCall({
    summary:
      'Run a step on its targets (or the given hosts, e.g. only the failed ones). Production sessions need the step title typed as confirmation. Answers once the start is committed; output and results follow as events.',
    access: 'write',
    input: z
      .object({
        ...sessionWrite,
        stepId: z.string(),
        /** Host names, group names or `local`; default: the step's target from the runbook. */
        targets: z.array(z.string().min(1)).min(1).optional(),
        policy: fanOutPolicySchema.default({ kind: 'all' }),
        concurrency: z.number().int().min(1).max(500).default(10),
        timeoutMs: z.number().int().positive().max(24 * 3600_000).nullish(),
        confirmation: z.object({ method: z.enum(['typed', 'hold']), text: z.string().max(500).nullable() }).nullish(),
        rerunOf: z.string().nullish(),
        /** Required when something the step waits for is not done yet (logged in step.runStarted). */
        outOfOrderReason: z.string().trim().min(1).max(2000).nullish(),
        /** Hosts whose last run of this step has an unknown outcome, acknowledged to run again (logged). */
        acknowledgedUnknown: z.array(z.string().min(1)).max(500).optional(),
      })
      .strict(),
    result: z.object({ runId: z.string(), seq: z.number().int(), targets: z.array(z.string()) }),
  }),
  cancelRun: defineCall({
    summary: 'Cancel a running step: SIGINT, then SIGTERM, then close, on every host still running (logged).',
    access: 'write',
    input: z.object({ ...sessionWrite, runId: z.string(), reason: z.string().max(2000).nullish() }).strict(),
    result: committedSchema,
  }),
  checkRunHost: defineCall({
    summary:
      "Check a host whose outcome is unknown (connection lost while the command ran): reconnect and look for the run's process group. Logged as step.hostChecked.",
    access: 'write',
    input: z.object({ ...sessionWrite, runId: z.string(), target: z.string().min(1) }).strict(),
    result: z.object({
      seq: z.number().int(),
      reachable: z.boolean(),
      stillRunning: z.boolean().nullable(),
      processes: z.array(z.string()),
      detail: z.string(),
    }),
  }),
  getRunOutput: defineCall({
    summary: "A host's stored output for a run, from a chunk sequence number on (paged).",
    access: 'read',
    input: z
      .object({
        sessionId: sessionIdSchema,
        runId: z.string(),
        target: z.string(),
        fromSeq: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    result: z.object({ chunks: z.array(outputChunkSchema), nextSeq: z.number().int(), complete: z.boolean() }),
  }),
  listPrompts: defineCall({
    summary: 'Questions the SSH layer is waiting on (unknown host keys, key passphrases).',
    access: 'read',
    input: z.object({}).strict(),
    result: z.array(z.lazy(() => promptSchema)),
  }),
  answerHostKeyPrompt: defineCall({
    summary: 'Trust (always or once) or reject an unknown host key; the decision is logged.',
    access: 'write',
    input: z.object({ promptId: z.string(), actor: actorSchema, decision: z.enum(['trust', 'trust-once', 'reject']) }).strict(),
    result: z.object({ ok: z.boolean() }),
  }),
  answerPassphrasePrompt: defineCall({
    summary: 'Give the passphrase of an encrypted key (kept in memory only), or decline.',
    access: 'write',
    input: z.object({ promptId: z.string(), passphrase: z.string().max(4096).nullable() }).strict(),
    result: z.object({ ok: z.boolean() }),
  }),
};

export const promptSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('host-key'),
    promptId: z.string(),
    sessionId: z.string().nullable(),
    host: z.string(),
    port: z.number().int(),
    keyType: z.string(),
    fingerprint: z.string(),
    /** Set when the host is reached through a jump host. */
    via: z.string().nullable(),
    /** Inventory name of the host the connection is for (for a jump hop: the host behind it). */
    target: z.string(),
    /** `jump` when the key is a jump host's, met on the way to `target`. */
    role: z.enum(['target', 'jump']),
    /** Where the key was looked for (ssh's files in its order, then T-Minus's trusted keys): where it would come from. */
    lookedIn: z.array(z.string()),
    /** StrictHostKeyChecking as the ssh config sets it for this host (`ask` when unset). */
    strictHostKeyChecking: strictHostKeyCheckingSchema,
    /** Why T-Minus asks although the config says otherwise (`no`, accept-new not allowed), or a CheckHostIP warning. */
    note: z.string().nullable(),
  }),
  z.object({ kind: z.literal('passphrase'), promptId: z.string(), sessionId: z.string().nullable(), keyFile: z.string(), retry: z.boolean() }),
]);
export type SshPrompt = z.infer<typeof promptSchema>;

export const stepEvents = {
  'step.output': defineEvent({
    summary: 'New output of a running step on one host (redacted, in order; batched).',
    payload: z.object({ sessionId: z.string(), runId: z.string(), target: z.string(), chunks: z.array(outputChunkSchema) }),
  }),
  'ssh.prompt': defineEvent({ summary: 'The SSH layer needs an answer from a person.', payload: promptSchema }),
  'ssh.promptClosed': defineEvent({ summary: 'A prompt was answered or gave up.', payload: z.object({ promptId: z.string() }) }),
};
