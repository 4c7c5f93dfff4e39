// One row per host of a run: status in words (colour only adds to it), exit code, duration
// (ticking while running), and the start against the step's planned window.
import { useRef } from 'react';
import type { HostRunState, StepRunState } from '../../../../shared/session/stepRunsState';
import type { PlannedWindowAt } from '../../../../shared/timeline';
import { wholeMinutes } from '../../../../shared/timeline';
import { formatUtc } from '../../format';
import { useNow } from '../timeline/useTimeline';
import { formatElapsed } from './stepTargets';
import { useWindowedTable, WINDOW_ROW_PX } from './useWindowedTable';
import './hostKeys.css';

export const STATUS_TEXT: Record<HostRunState['status'], string> = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  'timed-out': 'timed out',
  skipped: 'skipped',
  // The console lost sight of it (connection lost mid-command, or the console itself stopped).
  interrupted: 'outcome unknown',
};

const STATUS_GLYPH: Record<HostRunState['status'], string> = {
  pending: '○',
  running: '◐',
  succeeded: '✓',
  failed: '✗',
  cancelled: '■',
  'timed-out': '⏱',
  skipped: '↷',
  interrupted: '?',
};

export function StatusBadge({ status }: { status: HostRunState['status'] | StepRunState['status'] }) {
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{STATUS_GLYPH[status]} </span>
      {STATUS_TEXT[status]}
    </span>
  );
}

/** `on time`, `3 min late`, `late < 1 min`, `2 min early` — the host's start against the plan. */
export function startVsPlan(startedAt: string | null, planned: PlannedWindowAt | null): { text: string; late: boolean } | null {
  if (!startedAt || !planned) return null;
  const delta = Date.parse(startedAt) - planned.startAtMs;
  const minutes = wholeMinutes(delta);
  if (delta === 0) return { text: 'on time', late: false };
  if (minutes === 0) return { text: delta > 0 ? 'late < 1 min' : 'early < 1 min', late: delta > 0 };
  return minutes > 0 ? { text: `${minutes} min late`, late: true } : { text: `${-minutes} min early`, late: false };
}

function endVsPlan(endedAt: string | null, planned: PlannedWindowAt | null): string | null {
  if (!endedAt || !planned || planned.basis === 'start-only') return null;
  const over = wholeMinutes(Date.parse(endedAt) - planned.endAtMs);
  return over > 0 ? `ended ${over} min after the window` : null;
}

interface HostRunsTableProps {
  run: StepRunState;
  planned: PlannedWindowAt | null;
  selected: string | null;
  onSelect: (target: string) => void;
}

export function HostRunsTable({ run, planned, selected, onSelect }: HostRunsTableProps) {
  const anyRunning = run.targets.some((t) => run.hosts[t]?.status === 'running');
  const now = useNow(anyRunning ? 1000 : 60_000);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const table = useWindowedTable(scrollRef, run.targets.length);
  return (
    <div className={table.windowed ? 'windowed-table' : undefined} ref={scrollRef} onScroll={table.onScroll}>
    <table className="host-runs" aria-label="Hosts of this run" aria-rowcount={run.targets.length + 1}>
      <thead>
        <tr>
          <th scope="col">Host</th>
          <th scope="col">Status</th>
          <th scope="col">Exit code</th>
          <th scope="col">Duration</th>
          <th scope="col">Started (UTC)</th>
          <th scope="col">Against the plan</th>
          <th scope="col">Output</th>
        </tr>
      </thead>
      <tbody>
        {table.topPx > 0 && (
          <tr className="spacer" aria-hidden="true">
            <td colSpan={7} style={{ height: table.topPx }} />
          </tr>
        )}
        {run.targets.slice(table.start, table.end).map((target, offset) => {
          const host = run.hosts[target]!;
          const duration = host.durationMs ?? (host.status === 'running' && host.startedAt ? Math.max(0, now - Date.parse(host.startedAt)) : null);
          const vsPlan = startVsPlan(host.startedAt, planned);
          const overrun = endVsPlan(host.endedAt, planned);
          return (
            <tr
              key={target}
              className={`host-row${selected === target ? ' is-selected' : ''}${table.windowed ? ' windowed-row' : ''}`}
              data-status={host.status}
              aria-rowindex={table.start + offset + 2}
              style={table.windowed ? { height: WINDOW_ROW_PX } : undefined}
            >
              <th scope="row" className="mono">
                {target === 'local' ? 'local workstation' : target}
              </th>
              <td>
                <StatusBadge status={host.status} />
                {host.reason && (
                  <div className="host-reason" title={table.windowed ? host.reason : undefined}>
                    {host.reason}
                  </div>
                )}
              </td>
              <td className="mono">
                {host.exitCode ?? (host.signal ? `signal ${host.signal}` : '—')}
              </td>
              <td className="mono">{duration === null ? '—' : formatElapsed(duration)}</td>
              <td className="mono">{host.startedAt ? formatUtc(host.startedAt).slice(11, 19) : '—'}</td>
              <td>
                {vsPlan ? <span className={vsPlan.late ? 'warn-text' : 'ok-text'}>{vsPlan.text}</span> : <span className="muted">{planned ? '—' : 'no window'}</span>}
                {overrun && <div className="warn-text">{overrun}</div>}
              </td>
              <td>
                <button type="button" aria-pressed={selected === target} onClick={() => onSelect(target)}>
                  {selected === target ? 'Showing' : 'Show'}
                </button>
              </td>
            </tr>
          );
        })}
        {table.bottomPx > 0 && (
          <tr className="spacer" aria-hidden="true">
            <td colSpan={7} style={{ height: table.bottomPx }} />
          </tr>
        )}
      </tbody>
    </table>
    </div>
  );
}
