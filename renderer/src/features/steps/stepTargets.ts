// What a run form needs to say before anything runs: the step's default targets, which hosts a
// choice of names reaches (groups expanded through the inventory), and the timeout as typed.
import type { Step, TargetSpec } from '../../../../shared/runbook/model';
import type { HostRunState, StepRunState } from '../../../../shared/session/stepRunsState';
import type { CallResult } from '../../../../shared/api/contract';

type InventoryHost = CallResult<'getInventory'>['hosts'][number];

export const LOCAL = 'local';

/** Target names (groups, hosts, `local`) as the runbook gives them; empty when it does not say. */
export function defaultTargets(target: TargetSpec | null): string[] {
  if (!target) return [];
  return [...target.groups, ...target.hosts, ...(target.local ? [LOCAL] : [])];
}

export function describeTargets(target: TargetSpec | null): string {
  if (!target) return 'no targets in the runbook';
  const parts = [...target.groups.map((g) => `group ${g}`), ...target.hosts, ...(target.local ? ['local workstation'] : [])];
  return parts.length ? parts.join(', ') : 'no targets in the runbook';
}

export interface ResolvedTarget {
  /** The name as chosen (host, group or `local`). */
  name: string;
  kind: 'local' | 'group' | 'host' | 'unknown';
  /** Hosts it reaches (the host itself; a group's members; `local`). */
  hosts: string[];
}

/** Expands chosen names the way the console will; names the inventory does not know are `unknown` (an ~/.ssh/config alias, or a typo). */
export function resolveTargets(names: readonly string[], hosts: readonly InventoryHost[]): { targets: ResolvedTarget[]; hosts: string[] } {
  const byName = new Set(hosts.map((h) => h.name));
  const targets = names.map((name): ResolvedTarget => {
    if (name === LOCAL) return { name, kind: 'local', hosts: [LOCAL] };
    if (byName.has(name)) return { name, kind: 'host', hosts: [name] };
    const members = hosts.filter((h) => h.groups.includes(name)).map((h) => h.name);
    if (members.length) return { name, kind: 'group', hosts: members };
    return { name, kind: 'unknown', hosts: [name] };
  });
  return { targets, hosts: [...new Set(targets.flatMap((t) => t.hosts))] };
}

/** `90s`, `10m`, `1h30m`, `2h`, or a bare number of minutes; '' is no timeout. */
export function parseTimeout(text: string): { ok: true; ms: number | null } | { ok: false; message: string } {
  const value = text.trim().toLowerCase();
  if (!value) return { ok: true, ms: null };
  if (/^\d+(\.\d+)?$/.test(value)) return positive(Number(value) * 60_000);
  const match = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/.exec(value);
  if (!match || !(match[1] || match[2] || match[3])) return { ok: false, message: 'Write the timeout like 90s, 10m or 1h30m.' };
  return positive(Number(match[1] ?? 0) * 3600_000 + Number(match[2] ?? 0) * 60_000 + Number(match[3] ?? 0) * 1000);
}

function positive(ms: number): { ok: true; ms: number } | { ok: false; message: string } {
  if (ms <= 0) return { ok: false, message: 'The timeout must be longer than zero.' };
  if (ms > 24 * 3600_000) return { ok: false, message: 'The timeout can be at most 24 hours.' };
  return { ok: true, ms: Math.round(ms) };
}

/** `10m`, `1h30m`, `45s` — the form's way of writing a timeout. */
export function formatTimeout(ms: number | null): string {
  if (ms == null) return '';
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}` || '0s';
}

/** `1.2 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatElapsed(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

export const FINISHED_OK: ReadonlySet<HostRunState['status']> = new Set(['succeeded']);

/**
 * What a finished run offers to run again, kept apart because each means something else:
 * `failed` ran and did not succeed (failed, timed out, cancelled); `skipped` never started (a
 * halted rollout, a cancel); `unknown` lost its connection while the command ran — it may have
 * finished or may still be running, so running it again needs an acknowledgement.
 */
export interface RerunChoices {
  failed: string[];
  skipped: string[];
  unknown: string[];
}

export function rerunChoices(run: StepRunState): RerunChoices {
  const choices: RerunChoices = { failed: [], skipped: [], unknown: [] };
  if (run.status === 'running') return choices;
  for (const target of run.targets) {
    const status = run.hosts[target]?.status;
    if (status === 'skipped') choices.skipped.push(target);
    else if (status === 'interrupted') choices.unknown.push(target);
    else if (status === 'failed' || status === 'timed-out' || status === 'cancelled') choices.failed.push(target);
  }
  return choices;
}

export function runsOfStep(runs: Record<string, StepRunState>, order: readonly string[], stepId: string): StepRunState[] {
  return order.map((id) => runs[id]!).filter((run) => run.stepId === stepId);
}

export function hostCounts(run: StepRunState): Record<HostRunState['status'], number> {
  const counts = { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, 'timed-out': 0, skipped: 0, interrupted: 0 };
  for (const host of Object.values(run.hosts)) counts[host.status]++;
  return counts;
}

export function stepNeedsSecrets(step: Step, provided: ReadonlySet<string>): string[] {
  return step.secrets.filter((name) => !provided.has(name));
}
