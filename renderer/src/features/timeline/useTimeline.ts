// The timeline at "now", ticking once a second with the console's clock.
import { useEffect, useMemo, useState } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { decidedGateIdsOf, gateOutcomesOf, stepRunsOf } from '../../../../shared/session/timelineInputs';
import { timelineAt, type TimelineState } from '../../../../shared/timeline';
import { useAppStore } from '../../store/appStore';

export function useNow(intervalMs = 1000): number {
  const now = useAppStore((s) => s.now);
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [now, intervalMs]);
  return time;
}

export function useTimeline(runbook: Runbook, state: SessionState): TimelineState {
  const nowMs = useNow();
  const runs = useMemo(() => stepRunsOf(state), [state]);
  const decided = useMemo(() => decidedGateIdsOf(state, runbook.gates), [state, runbook]);
  const gateOutcomes = useMemo(() => gateOutcomesOf(state, runbook.gates), [state, runbook]);
  const t0Ms = Date.parse(state.header.t0);
  return useMemo(
    () => timelineAt(runbook, t0Ms, nowMs, runs, { decidedGateIds: decided, gateOutcomes }),
    [runbook, t0Ms, nowMs, runs, decided, gateOutcomes],
  );
}
