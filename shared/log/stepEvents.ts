// Running steps on hosts: every run, host, exit code, cancel, trust decision, confirmation and
// pre-flight is an event. Output itself lives in its own table (bounded chunks, redacted at
// ingest); each host's finish event carries the sha256 of its output, so the chain covers it.
import { z } from 'zod';

export const fanOutPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('rolling'), batchSize: z.number().int().min(1) }),
  z.object({ kind: z.literal('stop-on-first-failure') }),
]);
export type FanOutPolicy = z.infer<typeof fanOutPolicySchema>;

export const hostRunStatusSchema = z.enum(['succeeded', 'failed', 'cancelled', 'timed-out', 'skipped', 'interrupted']);
export const runStatusSchema = z.enum(['succeeded', 'failed', 'cancelled', 'interrupted']);

export const hostSpecSchema = z.object({
  name: z.string().min(1).max(200),
  address: z.string().max(500).nullable(),
  port: z.number().int().min(1).max(65535).nullable(),
  user: z.string().max(200).nullable(),
  groups: z.array(z.string().min(1).max(100)),
  identityFile: z.string().max(1000).nullable(),
  proxyJump: z.string().max(500).nullable(),
});

/** `unknown`: the check could not tell (an unknown host key), which is neither a pass nor a failure. */
export const checkStatusSchema = z.enum(['ok', 'warn', 'fail', 'skipped', 'unknown']);

const checkResultSchema = z.object({
  name: z.string(),
  status: checkStatusSchema,
  message: z.string(),
});

export const strictHostKeyCheckingSchema = z.enum(['yes', 'ask', 'accept-new', 'no']);

/** A host's key as a fresh key exchange in "Check hosts" saw it (public, so it can be trusted later from the log). */
export const checkedHostKeySchema = z.object({
  /** Name the key is filed under (HostKeyAlias, else the address) and its port. */
  address: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** Base64 of the wire-format public key. */
  publicKey: z.string(),
  status: z.enum(['trusted', 'unknown', 'changed', 'revoked', 'cert-authority']),
  /** `file:line` (or T-Minus's trusted keys) of the line that decided, if any. */
  matchedAt: z.string().nullable(),
  /** Files where the key was looked for, in ssh's order. */
  lookedIn: z.array(z.string()),
  strictHostKeyChecking: strictHostKeyCheckingSchema,
  /** The key differs from the one the pooled connection was opened with (that connection was closed). */
  changedWhilePooled: z.boolean(),
});

export const stepEventPayloads = {
  'step.runStarted': z.object({
    runId: z.string(),
    stepId: z.string(),
    stepTitle: z.string(),
    scriptSha256: z.string(),
    /** Host names from the inventory, or `local`. */
    targets: z.array(z.string()).min(1),
    policy: fanOutPolicySchema,
    concurrency: z.number().int().min(1),
    timeoutMs: z.number().int().positive().nullable(),
    /** Names only — values never reach the log. */
    secretNames: z.array(z.string()),
    /** The deliberate confirmation a production run needed (what was typed), null in staging. */
    confirmation: z.object({ method: z.enum(['typed', 'hold']), text: z.string().nullable() }).nullable(),
    /** Set when re-running only the failed hosts of an earlier run. */
    rerunOf: z.string().nullable(),
    /** How the hosts were reached: absent for T-Minus's own SSH engine, `ansible` for ansible-playbook. */
    runner: z.literal('ansible').optional(),
    /**
     * Present when the step was started while something it waits for (shared/plan) was not done:
     * what that was, and the reason the person gave. Absent for runs in order.
     */
    outOfOrder: z
      .object({
        reason: z.string().min(1),
        waitingFor: z.array(z.object({ id: z.string(), kind: z.enum(['step', 'gate', 'milestone']), title: z.string() })).min(1),
      })
      .optional(),
    /**
     * Hosts whose last run of this step ended with its outcome unknown (connection lost mid-command,
     * console interrupted) and that the person explicitly acknowledged running again. Absent in logs
     * written before this existed.
     */
    acknowledgedUnknown: z.array(z.string()).optional(),
  }),
  'step.hostStarted': z.object({ runId: z.string(), target: z.string() }),
  'step.hostFinished': z.object({
    runId: z.string(),
    target: z.string(),
    status: hostRunStatusSchema,
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    reason: z.string().nullable(),
    errorKind: z.string().nullable(),
    durationMs: z.number().nonnegative().nullable(),
    outputBytes: z.number().int().nonnegative(),
    outputChunks: z.number().int().nonnegative(),
    /** sha256 over the host's stored (redacted) output in chunk order. */
    outputSha256: z.string(),
    /** Secrets too short to redact (names only), so the report can warn. */
    unredactedSecrets: z.array(z.string()),
    /** The remote command's process group, once the host reported it (so a later check can look for it). */
    remoteProcessGroup: z.number().int().positive().nullable().optional(),
  }),
  /**
   * Someone asked to check a host whose outcome is unknown: the console reconnected and looked for
   * the run's process group. `stillRunning` is null when it could not tell (unreachable, no group known).
   */
  'step.hostChecked': z.object({
    runId: z.string(),
    target: z.string(),
    reachable: z.boolean(),
    stillRunning: z.boolean().nullable(),
    processGroup: z.number().int().positive().nullable(),
    /** `ps` lines of the group's processes (at most 20), as the host printed them. */
    processes: z.array(z.string()),
    detail: z.string(),
  }),
  'step.cancelRequested': z.object({ runId: z.string(), reason: z.string().nullable() }),
  'step.runFinished': z.object({ runId: z.string(), status: runStatusSchema, durationMs: z.number().nonnegative() }),
  'hosts.inventorySet': z.object({ hosts: z.array(hostSpecSchema), source: z.enum(['runbook', 'ui']) }),
  'host.keyDecision': z.object({
    host: z.string(),
    port: z.number().int(),
    keyType: z.string(),
    fingerprint: z.string(),
    decision: z.enum(['trusted', 'trusted-once', 'rejected', 'refused-changed', 'refused-revoked', 'refused-cert-authority', 'accepted-new']),
    expectedFingerprint: z.string().nullable(),
    /** Inventory host the key belongs to (absent in older logs). */
    target: z.string().optional(),
    /** How the decision came: a prompt, the "Check hosts" table (bulk trust), or StrictHostKeyChecking accept-new. */
    via: z.enum(['prompt', 'check-hosts', 'accept-new', 'connection']).optional(),
    /** Bulk trust: the pasted fingerprints (ssh-keyscan) listed this key for this host. */
    matchedPasted: z.boolean().optional(),
  }),
  'hosts.checked': z.object({
    results: z.array(z.object({ host: z.string(), ok: z.boolean(), checks: z.array(checkResultSchema), hostKey: checkedHostKeySchema.nullable().optional() })),
  }),
  /** Production sessions: the IC lets StrictHostKeyChecking accept-new take first keys without asking (or stops it). */
  'hosts.acceptNewSet': z.object({ enabled: z.boolean() }),
  'secrets.provided': z.object({ names: z.array(z.string()), source: z.enum(['session', 'environment', 'keychain']) }),
  'secrets.forgotten': z.object({ names: z.array(z.string()) }),
} as const;
