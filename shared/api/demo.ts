// The demo launch (`tminus demo`): whether this console is the demo, and the "chaos" controls of
// its simulated service. Outside the demo the status says so and the controls refuse with a clear
// error — a real workspace has no chaos knob.
import { z } from 'zod';
import { actorSchema } from '../log/actor';
import { defineCall, defineEvent } from './define';

export const chaosStateSchema = z.object({
  /** Share of requests made to fail, in percent (the service adds its own ~0.5 %). */
  errorRatePercent: z.number().min(0).max(100),
  /** Added to every request's latency, in ms. */
  addedLatencyMs: z.number().int().min(0).max(10_000),
  /** Every request and the health check answer 503. */
  down: z.boolean(),
});
export type ChaosState = z.infer<typeof chaosStateSchema>;

export const demoStatusSchema = z.object({
  demo: z.boolean(),
  /** The demo session (created at start), or null outside the demo. */
  sessionId: z.string().nullable(),
  /** Who the demo session was created by; the UI offers it when asking who is at the keyboard. */
  actor: actorSchema.nullable(),
  /** The simulated service the demo's metrics and steps talk to. */
  serviceUrl: z.string().nullable(),
  chaos: chaosStateSchema.nullable(),
  /** The demo's runbook file on disk (readable, editable, re-importable), or null. */
  runbookFile: z.string().nullable(),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

export const NOT_A_DEMO: DemoStatus = { demo: false, sessionId: null, actor: null, serviceUrl: null, chaos: null, runbookFile: null };

export const demoCalls = {
  demoStatus: defineCall({
    summary: 'Whether this console is the demo launch (`tminus demo`), its session and the chaos state of its simulated service.',
    access: 'read',
    input: z.object({}).strict(),
    result: demoStatusSchema,
  }),
  setDemoChaos: defineCall({
    summary: "Demo only: make the demo service misbehave (error rate, added latency, down) or set it back to normal. Refused outside the demo.",
    access: 'write',
    input: z
      .object({
        errorRatePercent: z.number().min(0).max(100).optional(),
        addedLatencyMs: z.number().int().min(0).max(10_000).optional(),
        down: z.boolean().optional(),
      })
      .strict(),
    result: chaosStateSchema,
  }),
};

export const demoEvents = {
  'demo.chaos': defineEvent({
    summary: "Demo only: the demo service's chaos state changed (from the controls, or a rollback step put it back to normal).",
    payload: z.object({ chaos: chaosStateSchema, cause: z.enum(['control', 'rollback']) }),
  }),
};
