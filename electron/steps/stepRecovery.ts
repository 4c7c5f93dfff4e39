// Start-up recovery for step runs: a run the log still shows as running was cut off when the
// process died (crash, kill, power). Its hosts' outcome is unknown — the command may have
// finished, failed or still be running on the host — so each unfinished host is closed as
// `interrupted` with the digest of the output that reached the database, and the run as
// `interrupted`, after a `session.interrupted` event that says why. Nothing is guessed.
import type { Clock } from '../ssh';
import type { Recoverer } from '../sessions/recovery';
import type { SessionChange } from '../sessions/sessionWriter';
import { openRuns } from '../../shared/session/stepRunsState';
import { EMPTY_OUTPUT_DIGEST, type OutputStore } from './outputStore';

export function stepRunRecoverer(outputs: Pick<OutputStore, 'digest'>, clock: Clock): Recoverer {
  return function stepRuns(state) {
    return openRuns(state.steps).map((run) => {
      const open = run.targets.filter((target) => {
        const status = run.hosts[target]?.status;
        return status === 'pending' || status === 'running';
      });
      const closing: SessionChange[] = open.map((target) => {
        const started = run.hosts[target]?.status === 'running';
        const digest = started ? outputs.digest({ sessionId: state.header.id, runId: run.runId, target }) : EMPTY_OUTPUT_DIGEST;
        return {
          type: 'step.hostFinished',
          payload: {
            runId: run.runId,
            target,
            status: 'interrupted',
            exitCode: null,
            signal: null,
            reason: started
              ? 'T-Minus stopped while the command ran; its outcome is unknown (it may have finished, failed or still be running on the host)'
              : 'T-Minus stopped before the command started on this host',
            errorKind: null,
            durationMs: null,
            outputBytes: digest.bytes,
            outputChunks: digest.chunks,
            outputSha256: digest.sha256,
            unredactedSecrets: [],
          },
        };
      });
      closing.push({ type: 'step.runFinished', payload: { runId: run.runId, status: 'interrupted', durationMs: Math.max(0, clock.now() - Date.parse(run.startedAt)) } });
      const running = open.filter((target) => run.hosts[target]?.status === 'running');
      return {
        what: 'step run',
        ref: run.runId,
        detail:
          `"${run.stepTitle}" (run ${run.runId.slice(0, 8)}, started by ${run.startedBy.name}) was running when T-Minus stopped` +
          (running.length > 0 ? `; its outcome on ${running.join(', ')} is unknown — check ${running.length === 1 ? 'that host' : 'those hosts'} before running it again` : ''),
        closing,
      };
    });
  };
}
