// What the metrics must put in front of the IC whatever tab is open: active alerts, the decision
// level above 0, and the GO / NO-GO prompts of gates whose time has come.
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { AlertBanner } from './AlertBanner';
import { GatePrompts } from './GatePrompt';
import './metrics.css';

export function SessionMetricsBar({ runbook, state, readOnly, onShowStep }: { runbook: Runbook; state: SessionState; readOnly: boolean; onShowStep: (stepId: string) => void }) {
  return (
    <>
      <AlertBanner metrics={state.metrics} runbook={runbook} onShowStep={onShowStep} />
      <GatePrompts runbook={runbook} state={state} readOnly={readOnly} />
    </>
  );
}
