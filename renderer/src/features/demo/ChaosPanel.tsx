// The demo's chaos controls, above every tab of the demo session: make the simulated service fail,
// slow down or go down, watch the thresholds, alerts and the decision level react, then set it
// back to normal (or run the rollback step, which does the same). Nothing here is logged in the
// session: it changes the simulated world, not the launch — the launch records what the metrics
// and the people did about it.
import { useState } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { useAppStore } from '../../store/appStore';
import { describeChaos, ERROR_RATE_STEPS, isNormal, LATENCY_STEPS_MS, nextStep } from './chaosSteps';
import { skipToNextGate } from './skipAhead';
import './demo.css';

interface ChaosPanelProps {
  runbook: Runbook;
  state: SessionState;
  /** No one identified, or a read-only view: the state shows, the buttons do not. */
  readOnly: boolean;
}

export function ChaosPanel({ runbook, state, readOnly }: ChaosPanelProps) {
  const demo = useAppStore((s) => s.demo);
  const canWrite = useAppStore((s) => s.workspace?.access === 'write');
  const setChaos = useAppStore((s) => s.setChaos);
  const moveT0 = useAppStore((s) => s.moveT0);
  const now = useAppStore((s) => s.now);
  const [busy, setBusy] = useState(false);
  if (!demo?.demo || !demo.chaos) return null;
  const chaos = demo.chaos;
  const nextError = nextStep(ERROR_RATE_STEPS, chaos.errorRatePercent);
  const nextLatency = nextStep(LATENCY_STEPS_MS, chaos.addedLatencyMs);
  const controls = canWrite && !readOnly;
  const skip = skipToNextGate(runbook, state, Date.parse(state.header.t0), now());

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`chaos-panel${chaos.down ? ' is-down' : isNormal(chaos) ? '' : ' is-chaotic'}`} aria-labelledby="chaos-heading">
      <div className="chaos-head">
        <h2 id="chaos-heading">Demo chaos</h2>
        <p className="chaos-state" role="status" aria-label="Demo service now">
          <span className={`chaos-dot${chaos.down ? ' is-down' : isNormal(chaos) ? '' : ' is-degraded'}`} aria-hidden="true" />
          {describeChaos(chaos)}
        </p>
      </div>
      {controls ? (
        <div className="chaos-actions" role="group" aria-label="Make the demo service misbehave">
          <button type="button" disabled={busy || nextError === null} onClick={() => run(() => setChaos({ errorRatePercent: nextError! }))} aria-describedby="chaos-next-error">
            Raise error rate
          </button>
          <span id="chaos-next-error" className="chaos-next">
            {nextError === null ? 'at the maximum' : `to ${nextError}%`}
          </span>
          <button type="button" disabled={busy || nextLatency === null} onClick={() => run(() => setChaos({ addedLatencyMs: nextLatency! }))} aria-describedby="chaos-next-latency">
            Add latency
          </button>
          <span id="chaos-next-latency" className="chaos-next">
            {nextLatency === null ? 'at the maximum' : `+${nextLatency} ms`}
          </span>
          <button type="button" className={chaos.down ? '' : 'danger'} disabled={busy} onClick={() => run(() => setChaos({ down: !chaos.down }))}>
            {chaos.down ? 'Bring it back up' : 'Take it down'}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || isNormal(chaos)}
            onClick={() => run(() => setChaos({ errorRatePercent: 0, addedLatencyMs: 0, down: false }))}
          >
            Back to normal
          </button>
          {skip && (
            <button
              type="button"
              className="chaos-skip"
              disabled={busy}
              title="Moves T0 (logged, with a reason) so the gate is due now"
              onClick={() => run(() => moveT0(new Date(skip.t0Ms).toISOString(), skip.reason))}
            >
              Skip to the next gate ({formatOffsetLabel(skip.gate.offsetMs!)})
            </button>
          )}
        </div>
      ) : (
        <p className="muted chaos-readonly">The chaos controls are for whoever works on the demo session.</p>
      )}
    </section>
  );
}
