// Hosts whose last run of a step ended with its outcome unknown: the connection was lost while the
// command ran, or the console was interrupted. Running the step there again may repeat something
// that already happened (or run it twice at once), so the console asks for an acknowledgement,
// and logs it with the run.
import type { StepRunsState } from './stepRunsState';

/** target → the run whose outcome there is unknown, for the latest run of `stepId` on each host. */
export function unknownOutcomeHosts(steps: StepRunsState, stepId: string): Map<string, string> {
  const latest = new Map<string, { runId: string; unknown: boolean }>();
  for (const runId of steps.order) {
    const run = steps.runs[runId]!;
    if (run.stepId !== stepId) continue;
    for (const target of run.targets) {
      const host = run.hosts[target];
      // A host that never started in a later run (skipped) says nothing new about it.
      if (!host || host.status === 'skipped' || host.status === 'pending') continue;
      latest.set(target, { runId, unknown: host.status === 'interrupted' });
    }
  }
  const out = new Map<string, string>();
  for (const [target, { runId, unknown }] of latest) if (unknown) out.set(target, runId);
  return out;
}
