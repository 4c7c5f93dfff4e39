// The run view's live output: every step running now, one host at a time (the first still running
// unless the IC picks another), in the same virtualized viewer as the Steps tab.
import { useState } from 'react';
import type { SessionState } from '../../../../shared/session/sessionState';
import type { StepRunState } from '../../../../shared/session/stepRunsState';
import { OutputViewer } from './output/OutputViewer';

function RunOutput({ sessionId, run }: { sessionId: string; run: StepRunState }) {
  const firstRunning = run.targets.find((target) => run.hosts[target]?.status === 'running') ?? run.targets[0]!;
  const [chosen, setChosen] = useState<string | null>(null);
  const target = chosen ?? firstRunning;
  return (
    <section className="running-output" aria-label={`Live output of ${run.stepTitle}`}>
      <header className="running-output-head">
        <h3>{run.stepTitle}</h3>
        {run.targets.length > 1 && (
          <label className="inline">
            Host
            <select value={target} onChange={(e) => setChosen(e.target.value)}>
              {run.targets.map((name) => (
                <option key={name} value={name}>
                  {name} — {run.hosts[name]?.status}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <OutputViewer sessionId={sessionId} runId={run.runId} target={target} live={run.hosts[target]?.status === 'running' || run.hosts[target]?.status === 'pending'} />
    </section>
  );
}

export function RunningOutputs({ state }: { state: SessionState }) {
  const running = state.steps.order.map((id) => state.steps.runs[id]!).filter((run) => run.status === 'running');
  if (running.length === 0) return null;
  return (
    <section className="panel running-outputs" aria-label="Running steps output">
      <h2>Running now</h2>
      {running.map((run) => (
        <RunOutput key={run.runId} sessionId={state.header.id} run={run} />
      ))}
    </section>
  );
}
