// Ansible's event stream, as the ansible.posix.jsonl stdout callback writes it: one JSON object a
// line, named by the callback method (`_event`). Only what the console records is read: plays,
// tasks, each host's result of a task, and the closing per-host stats. Anything else — a line
// that is not JSON (a warning Ansible printed on stdout), an event this version does not know — is
// kept as text, never dropped, so the log still shows what Ansible said.
import { z } from 'zod';

const durationSchema = z.object({ start: z.string().optional(), end: z.string().optional() }).loose();
const taskSchema = z.object({ name: z.string().default(''), duration: durationSchema.optional() }).loose();

/** One host's result of a task, as Ansible's modules return it (the fields the log shows). */
export const hostResultSchema = z
  .object({
    changed: z.boolean().optional(),
    failed: z.boolean().optional(),
    skipped: z.boolean().optional(),
    unreachable: z.boolean().optional(),
    msg: z.unknown().optional(),
    rc: z.number().optional(),
    stdout: z.string().optional(),
    stderr: z.string().optional(),
    skip_reason: z.string().optional(),
  })
  .loose();
export type HostResult = z.infer<typeof hostResultSchema>;

const statsSchema = z
  .object({
    ok: z.number().default(0),
    changed: z.number().default(0),
    failures: z.number().default(0),
    unreachable: z.number().default(0),
    skipped: z.number().default(0),
    rescued: z.number().default(0),
    ignored: z.number().default(0),
  })
  .loose();
export type HostStats = z.infer<typeof statsSchema>;

export type PlaybookEvent =
  | { kind: 'play'; name: string }
  | { kind: 'task'; name: string }
  | { kind: 'result'; outcome: 'ok' | 'failed' | 'unreachable' | 'skipped'; task: string; host: string; durationMs: number | null; result: HostResult }
  | { kind: 'stats'; stats: Record<string, HostStats> }
  | { kind: 'text'; text: string };

const RESULT_EVENTS: Record<string, 'ok' | 'failed' | 'unreachable' | 'skipped'> = {
  v2_runner_on_ok: 'ok',
  v2_runner_on_failed: 'failed',
  v2_runner_on_unreachable: 'unreachable',
  v2_runner_on_skipped: 'skipped',
};

const lineSchema = z.object({ _event: z.string() }).loose();

/** Reads one line of the stream; never throws. */
export function parsePlaybookLine(line: string): PlaybookEvent | null {
  const text = line.trimEnd();
  if (text.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'text', text };
  }
  const base = lineSchema.safeParse(json);
  if (!base.success) return { kind: 'text', text };
  const event = base.data;
  const name = event._event;
  if (name === 'v2_playbook_on_play_start') {
    const play = z.object({ play: z.object({ name: z.string().default('') }).loose() }).safeParse(event);
    return { kind: 'play', name: play.success ? play.data.play.name : '' };
  }
  if (name === 'v2_playbook_on_task_start' || name === 'v2_playbook_on_handler_task_start' || name === 'v2_runner_on_start') {
    const task = z.object({ task: taskSchema }).safeParse(event);
    return { kind: 'task', name: task.success ? task.data.task.name : '' };
  }
  const outcome = RESULT_EVENTS[name];
  if (outcome) {
    const parsed = z.object({ task: taskSchema, hosts: z.record(z.string(), hostResultSchema) }).safeParse(event);
    if (!parsed.success) return { kind: 'text', text };
    const [host, result] = Object.entries(parsed.data.hosts)[0] ?? [];
    if (host === undefined || result === undefined) return { kind: 'text', text };
    return { kind: 'result', outcome, task: parsed.data.task.name, host, durationMs: durationMs(parsed.data.task.duration), result };
  }
  if (name === 'v2_playbook_on_stats') {
    const parsed = z.object({ stats: z.record(z.string(), statsSchema) }).safeParse(event);
    return parsed.success ? { kind: 'stats', stats: parsed.data.stats } : { kind: 'text', text };
  }
  return null;
}

function durationMs(duration: z.infer<typeof durationSchema> | undefined): number | null {
  if (!duration?.start || !duration.end) return null;
  // The callback writes naive UTC ISO times with a trailing Z.
  const ms = Date.parse(duration.end) - Date.parse(duration.start);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** The lines the output viewer shows for one host's result of a task, like Ansible's own screen. */
export function describeResult(event: Extract<PlaybookEvent, { kind: 'result' }>): string {
  const { result } = event;
  const word = event.outcome === 'ok' ? (result.changed ? 'changed' : 'ok') : event.outcome === 'failed' ? 'FAILED' : event.outcome === 'unreachable' ? 'UNREACHABLE' : 'skipping';
  const took = event.durationMs === null ? '' : ` (${(event.durationMs / 1000).toFixed(2)} s)`;
  const lines = [`TASK [${event.task}] ${word}${took}${result.rc !== undefined && result.rc !== 0 ? ` rc=${result.rc}` : ''}`];
  const msg = typeof result.msg === 'string' ? result.msg : result.msg === undefined ? '' : JSON.stringify(result.msg);
  if (msg && (event.outcome !== 'ok' || !result.stdout)) lines.push(`  msg: ${msg}`);
  if (result.stdout) lines.push(...indent(result.stdout));
  if (result.stderr) lines.push(...indent(result.stderr, 'stderr: '));
  if (event.outcome === 'skipped' && result.skip_reason) lines.push(`  ${result.skip_reason}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string, first = ''): string[] {
  return text.replace(/\n$/, '').split('\n').map((line, i) => `  ${i === 0 ? first : ''}${line}`);
}

/** A host's outcome from the closing stats, as the console records it. */
export function hostOutcome(stats: HostStats): { status: 'succeeded' | 'failed'; errorKind: string | null; summary: string } {
  const summary = `ok=${stats.ok} changed=${stats.changed} unreachable=${stats.unreachable} failed=${stats.failures} skipped=${stats.skipped} rescued=${stats.rescued} ignored=${stats.ignored}`;
  if (stats.unreachable > 0) return { status: 'failed', errorKind: 'unreachable', summary };
  if (stats.failures > 0) return { status: 'failed', errorKind: null, summary };
  return { status: 'succeeded', errorKind: null, summary };
}
