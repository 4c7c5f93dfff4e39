import { useEffect, useState } from 'react';
import { describeActor } from '../../../../shared/log/actor';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { formatUtc } from '../../format';
import { hrefOf, type SessionMode } from '../../router';
import { useAppStore } from '../../store/appStore';
import { ChecklistTab } from '../checklist/ChecklistTab';
import { MetricsGlance } from '../metrics/MetricsGlance';
import { MetricsTab } from '../metrics/MetricsTab';
import { NotifyTab } from '../notify/NotifyTab';
import { SessionMetricsBar } from '../metrics/SessionMetricsBar';
import { ChaosPanel } from '../demo/ChaosPanel';
import { RunbookTab } from '../runbook/RunbookTab';
import { PhaseStepsPanel } from '../steps/PhaseStepsPanel';
import { RunningOutputs } from '../steps/RunningOutputs';
import { StepsTab } from '../steps/StepsTab';
import { RunView } from '../timeline/RunView';
import { WallShare } from '../timeline/WallShare';
import { RehearseNow } from '../timeline/RehearseNow';
import { ExportButton } from '../report/ExportDialog';
import { SessionTabs, type SessionTab } from './SessionTabs';
import { ActorPrompt } from './ActorPrompt';
import { WarRoomTab } from '../warroom/WarRoomTab';
import { seatActor } from '../../../../shared/warroom/seatPolicy';
import './session.css';

export function SessionScreen({ sessionId, mode }: { sessionId: string; mode: SessionMode }) {
  const current = useAppStore((s) => (s.current?.session.id === sessionId ? s.current : null));
  const error = useAppStore((s) => s.currentError);
  const canWrite = useAppStore((s) => s.workspace?.access === 'write');
  // A war-room seat acts as the invited person: no "who is at the keyboard" question.
  const seat = useAppStore((s) => s.workspace?.seat ?? null);
  const assumeSeat = useAppStore((s) => s.assumeSeat);
  const openSession = useAppStore((s) => s.openSession);
  const closeCurrent = useAppStore((s) => s.closeCurrent);
  const actor = useAppStore((s) => s.actors[sessionId] ?? null);
  const setActor = useAppStore((s) => s.setActor);
  const remembered = useAppStore((s) => s.rememberedActor);
  // In the demo, the prompt offers the demo's own IC.
  const demoActor = useAppStore((s) => (s.demo?.sessionId === sessionId ? s.demo.actor : null));
  const [changingActor, setChangingActor] = useState(false);
  const now = useAppStore((s) => s.now);
  const [chosenTab, setTab] = useState<SessionTab | null>(null);
  const focusStep = useAppStore((s) => s.focusStep);
  const selectStep = (stepId: string) => {
    setTab('steps');
    focusStep(stepId);
  };

  useEffect(() => {
    void openSession(sessionId);
    return closeCurrent;
  }, [sessionId, openSession, closeCurrent]);

  useEffect(() => {
    if (seat && seat.sessionId === sessionId) assumeSeat(sessionId, seatActor(seat));
  }, [seat, sessionId, assumeSeat]);

  // The desktop menu's "Invite to the war room…" lands on the War room tab.
  const warRoomOpenRequests = useAppStore((s) => s.warRoomOpenRequests);
  const [seenOpenRequests, setSeenOpenRequests] = useState(warRoomOpenRequests);
  if (warRoomOpenRequests !== seenOpenRequests) {
    setSeenOpenRequests(warRoomOpenRequests);
    setTab('warroom');
  }

  const readOnly = mode === 'review' || !canWrite || !!current?.readOnlyReason || (!!seat && seat.sessionId !== sessionId);
  const isIc = canWrite && !seat;
  // Working on a session starts by saying who is at the keyboard (a seat's name is its invitation's).
  const askActor = !!current && !readOnly && !seat && (!actor || changingActor);

  if (error) {
    return (
      <main className="session-view">
        <p role="alert" className="error-text">
          {error}
        </p>
        <a href="#/">Back to sessions</a>
      </main>
    );
  }
  if (!current) return <main className="session-view" aria-busy="true" />;
  const tab = chosenTab ?? initialTab(current.session.t0, now());
  const { session, runbook } = current;

  return (
    <main className="session-view">
      {readOnly && (
        <div className="readonly-banner" role="status">
          <strong>READ-ONLY</strong>{' '}
          {current.readOnlyReason
            ? `— ${current.readOnlyReason}.`
            : !canWrite
              ? '— viewer access.'
              : '— reviewing; nothing can be changed.'}
          {!current.readOnlyReason && canWrite && mode === 'review' && (
            <a href={hrefOf({ name: 'session', sessionId, mode: 'work' })}>Switch to working on it</a>
          )}
        </div>
      )}
      <div className="view-header">
        <h1>{session.name}</h1>
        <EnvironmentBadge environment={session.environment} large />
        <span className="muted">
          T0 <span className="mono">{formatUtc(session.t0, false)}</span>
          {runbook && <> · {runbook.title}</>}
        </span>
        {!readOnly && actor && seat && (
          <span className="seat-chip" role="status">
            Seat: <strong>{describeActor(actor)}</strong>
          </span>
        )}
        {!readOnly && actor && !seat && (
          <button type="button" className="actor-chip" onClick={() => setChangingActor(true)} aria-label={`At the keyboard: ${describeActor(actor)}. Change`}>
            At the keyboard: <strong>{describeActor(actor)}</strong>
          </button>
        )}
        <ExportButton sessionId={sessionId} />
        {isIc && <WallShare sessionId={sessionId} />}
        {isIc && <RehearseNow sessionId={sessionId} />}
        {!readOnly && !seat && (
          <a className="review-link" href={hrefOf({ name: 'session', sessionId, mode: 'review' })}>
            Open read-only
          </a>
        )}
      </div>
      {runbook ? (
        <>
          <SessionMetricsBar runbook={runbook} state={current.state} readOnly={readOnly || !actor} onShowStep={selectStep} />
          <ChaosPanel runbook={runbook} state={current.state} readOnly={readOnly || !actor} />
          <SessionTabs current={tab} onChange={setTab} withWarRoom={isIc} />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'run' && (
              <RunView
                runbook={runbook}
                state={current.state}
                readOnly={readOnly || !actor}
                onSelectStep={selectStep}
                main={<RunningOutputs state={current.state} />}
                side={
                  <>
                    <MetricsGlance runbook={runbook} sessionId={sessionId} onShowStep={selectStep} />
                    <PhaseStepsPanel runbook={runbook} session={session} state={current.state} readOnly={readOnly || !actor} onOpenStep={selectStep} />
                  </>
                }
              />
            )}
            {tab === 'checklist' && <ChecklistTab runbook={runbook} readOnly={readOnly || !actor} />}
            {tab === 'steps' && <StepsTab runbook={runbook} session={session} state={current.state} readOnly={readOnly || !actor} />}
            {tab === 'metrics' && <MetricsTab runbook={runbook} state={current.state} readOnly={readOnly || !actor} onShowStep={selectStep} />}
            {tab === 'notify' && <NotifyTab state={current.state} sessionId={sessionId} readOnly={readOnly || !actor} />}
            {tab === 'warroom' && isIc && <WarRoomTab sessionId={sessionId} runbook={runbook} warRoom={current.state.warRoom} readOnly={readOnly || !actor} />}
            {tab === 'runbook' && <RunbookTab runbook={runbook} t0={session.t0} sessionId={sessionId} canChange={!readOnly && !!actor} />}
          </div>
        </>
      ) : (
        <p className="empty">This session has no runbook.</p>
      )}
      <footer className="log-footer mono muted">
        {session.eventCount} events · chain head {session.headHash.slice(0, 16)}…
      </footer>
      {askActor && !readOnly && (
        <ActorPrompt
          key={demoActor ? 'demo' : 'ask'}
          roles={runbook?.roles ?? []}
          initial={actor ?? remembered() ?? demoActor}
          offerInitial={!changingActor}
          onChoose={async (chosen) => {
            if (await setActor(sessionId, chosen)) setChangingActor(false);
          }}
          onReadOnly={() => {
            setChangingActor(false);
            if (!actor) location.hash = hrefOf({ name: 'session', sessionId, mode: 'review' });
          }}
        />
      )}
    </main>
  );
}

/** Around the launch the run view comes first; days before (or after), the checklist. */
function initialTab(t0: string | null, nowMs: number): SessionTab {
  if (!t0) return 'checklist';
  const offset = nowMs - Date.parse(t0);
  return offset > -2 * 3600_000 && offset < 24 * 3600_000 ? 'run' : 'checklist';
}
