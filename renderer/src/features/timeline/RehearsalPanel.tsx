// A production launch next to its rehearsal: per step, how long it took on staging against how
// long it is taking now — against a complete rehearsal run, named (when, which hosts, fan-out), or
// saying there is none.
import { useEffect, useMemo } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { rehearsalRunsOf } from '../../../../shared/session/timelineInputs';
import { compareWithRehearsal, formatDuration, wallTimeIn, type RehearsalComparison } from '../../../../shared/timeline';
import { useAppStore } from '../../store/appStore';

interface RehearsalPanelProps {
  runbook: Runbook;
  state: SessionState;
  nowMs: number;
  readOnly: boolean;
}

export function RehearsalPanel({ runbook, state, nowMs, readOnly }: RehearsalPanelProps) {
  const sessions = useAppStore((s) => s.sessions);
  const rehearsal = useAppStore((s) => s.rehearsal);
  const loadRehearsal = useAppStore((s) => s.loadRehearsal);
  const linkRehearsal = useAppStore((s) => s.linkRehearsal);
  const linkedId = state.header.rehearsalSessionId;

  useEffect(() => {
    void loadRehearsal(linkedId);
  }, [linkedId, loadRehearsal]);

  const candidates = sessions.filter((s) => s.environment === 'staging' && s.id !== state.header.id);
  const rows = useMemo(
    () => (rehearsal && rehearsal.sessionId === linkedId ? compareWithRehearsal(runbook.steps.filter((s) => !s.rollback), rehearsalRunsOf(rehearsal.state), rehearsalRunsOf(state), nowMs) : []),
    [rehearsal, linkedId, runbook, state, nowMs],
  );

  return (
    <section className="panel" aria-label="Rehearsal comparison">
      <h2>Compared with rehearsal</h2>
      <label className="inline">
        Rehearsal
        <select value={linkedId ?? ''} disabled={readOnly} onChange={(e) => void linkRehearsal(e.target.value || null)}>
          <option value="">None</option>
          {candidates.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.t0.slice(0, 10)})
            </option>
          ))}
        </select>
      </label>
      {rows.length > 0 && (
        <table className="plan-actual">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Rehearsal</th>
              <th scope="col">Now</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.stepId} className={row.overRehearsal ? 'is-overrunning' : ''}>
                <th scope="row">{row.title}</th>
                <td>
                  <RehearsalCell row={row} />
                </td>
                <td className="mono">
                  {row.liveDurationMs === null ? 'not started' : `${formatDuration(row.liveDurationMs)}${row.live === 'running' ? ' (running)' : ''}`}
                </td>
                <td className={`mono ${row.deltaSeconds !== null && row.deltaSeconds > 0 ? 'warn-text' : 'ok-text'}`}>
                  {row.deltaSeconds === null ? '' : `${row.deltaSeconds > 0 ? '+' : ''}${row.deltaSeconds} s`}
                  {row.overRehearsal ? ' — slower than rehearsal' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RehearsalCell({ row }: { row: RehearsalComparison }) {
  if (!row.rehearsal) {
    return <span className="muted">{row.noRehearsal === 'no-complete-run' ? 'no complete run to compare' : 'not rehearsed'}</span>;
  }
  const { source } = row.rehearsal;
  const hosts = source.targets.length > 3 ? `${source.targets.length} hosts` : source.targets.join(', ');
  return (
    <>
      <span className="mono">{formatDuration(row.rehearsal.durationMs)}</span>
      <div className="muted small">
        run {wallTimeIn(source.startedAtMs, { kind: 'utc' }).timeShort} UTC{hosts ? ` on ${hosts}` : ''}
        {source.fanOut ? ` · ${source.fanOut}` : ''}
      </div>
      {row.targetsDiffer && <div className="warn-text small">on other hosts than this run</div>}
    </>
  );
}
