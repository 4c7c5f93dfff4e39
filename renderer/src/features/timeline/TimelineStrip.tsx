// The strip: phases as bands, each step's planned window with its actual run laid over it,
// milestones and gates as markers, and the now-line. Zoomable; a step is a button that jumps to it.
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { NodeForecast } from '../../../../shared/plan/forecast';
import type { Runbook } from '../../../../shared/runbook/model';
import type { StepProgress, TimelineState } from '../../../../shared/timeline';
import { formatOffsetLabel, wallTimeIn } from '../../../../shared/timeline';
import { planGraph } from '../../../../shared/plan/graph';
import { DependencyMarkers, drawnEdges, StripDependencies, type NodePlace } from './StripDependencies';
import './forecast.css';

const WIDTH = 1200;
const ROW = 22;
const AXIS = 36;
const utc = (ms: number) => wallTimeIn(ms, { kind: 'utc' }).timeShort;

type Zoom = 'focus' | 'all' | 'around-now';

function spanFor(timeline: TimelineState, zoom: Zoom): [number, number] {
  if (zoom === 'all') return [timeline.span.startOffsetMs, timeline.span.endOffsetMs];
  if (zoom === 'around-now') return [timeline.offsetMs - 30 * 60_000, timeline.offsetMs + 60 * 60_000];
  return [timeline.focusSpan.startOffsetMs, timeline.focusSpan.endOffsetMs];
}

function tickStep(spanMs: number): number {
  const candidates = [5, 10, 15, 30, 60, 120, 360, 720, 1440, 2880].map((m) => m * 60_000);
  return candidates.find((step) => spanMs / step <= 9) ?? 7 * 1440 * 60_000;
}

function runState(step: StepProgress): string {
  if (!step.run) return step.timing === 'missed' ? 'missed' : step.startOverdue ? 'overdue' : 'planned';
  if (step.run.status === 'running') return step.overrunning ? 'overrunning' : 'running';
  if (step.run.status === 'succeeded') return step.timing === 'late' ? 'done-late' : 'done';
  return step.run.status;
}

function describe(step: StepProgress, forecast: NodeForecast | undefined): string {
  const planned = step.planned ? `planned ${utc(step.planned.startAtMs)}–${utc(step.planned.endAtMs)} UTC` : 'not planned in time';
  const actual = step.actualStartAtMs !== null ? `, ran ${utc(step.actualStartAtMs)}${step.actualEndAtMs !== null ? `–${utc(step.actualEndAtMs)}` : ' (running)'} UTC` : '';
  const late = step.startDeltaMinutes ? `, ${step.startDeltaMinutes > 0 ? `${step.startDeltaMinutes} min late` : `${-step.startDeltaMinutes} min early`}` : '';
  const ahead = forecast && forecast.basis === 'forecast' && forecast.startAtMs !== null ? `, forecast ${utc(forecast.startAtMs)}–${utc(forecast.endAtMs!)} UTC` : '';
  const critical = forecast?.critical ? ', on the critical path' : '';
  return `${step.title}: ${planned}${actual}${late}${ahead}, ${runState(step)}${critical}`;
}

/** Where the forecast puts a step that has not run (null when it has run or is not placed). */
function forecastSpan(f: NodeForecast | undefined): [number, number] | null {
  if (!f || (f.basis !== 'forecast' && f.basis !== 'running') || f.startAtMs === null || f.endAtMs === null) return null;
  return [f.startAtMs, f.endAtMs];
}

export function TimelineStrip({ runbook, timeline, onSelectStep }: { runbook?: Runbook; timeline: TimelineState; onSelectStep?: (stepId: string) => void }) {
  const [zoom, setZoom] = useState<Zoom>('focus');
  const [from, to] = spanFor(timeline, zoom);
  const span = Math.max(60_000, to - from);
  const x = (offsetMs: number) => ((offsetMs - from) / span) * WIDTH;
  const clampX = (offsetMs: number) => Math.min(WIDTH, Math.max(0, x(offsetMs)));
  const { forecast } = timeline;
  const steps = timeline.steps.filter((s) => s.planned || s.run || forecastSpan(forecast.byId.get(s.stepId)));
  const height = AXIS + ROW * (steps.length + 2) + 8;
  const graph = useMemo(() => (runbook ? planGraph(runbook) : null), [runbook]);
  const tick = tickStep(span);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / tick) * tick; t <= to; t += tick) ticks.push(t);

  // Where each drawn step and gate sits, for the dependency arrows: at the forecast, else the plan.
  const places = new Map<string, NodePlace>();
  steps.forEach((step, i) => {
    const f = forecastSpan(forecast.byId.get(step.stepId));
    const start = f ? f[0] - timeline.t0Ms : (step.actualStartAtMs ?? step.planned?.startAtMs ?? timeline.t0Ms) - timeline.t0Ms;
    const end = f ? f[1] - timeline.t0Ms : (step.actualEndAtMs ?? step.planned?.endAtMs ?? timeline.nowMs) - timeline.t0Ms;
    places.set(step.stepId, { y: AXIS + ROW * (i + 1) + ROW / 2 - 1, startX: clampX(start), endX: clampX(end) });
  });
  for (const marker of timeline.markers) {
    if (marker.kind !== 'gate') continue;
    const f = forecast.byId.get(marker.id);
    const at = (f?.startAtMs ?? marker.atMs) - timeline.t0Ms;
    places.set(marker.id, { y: height - 9, startX: clampX(at), endX: clampX(at) });
  }
  const edges = graph ? drawnEdges(graph.edges, new Set(places.keys())) : [];

  const onKey = (event: KeyboardEvent, stepId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelectStep?.(stepId);
    }
  };

  return (
    <section className="timeline-strip" aria-label="Timeline">
      <div className="strip-toolbar" role="group" aria-label="Zoom">
        {(
          [
            ['focus', 'Launch'],
            ['around-now', 'Around now'],
            ['all', 'Everything'],
          ] as const
        ).map(([value, label]) => (
          <button key={value} type="button" className="small" aria-pressed={zoom === value} onClick={() => setZoom(value)}>
            {label}
          </button>
        ))}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="group" aria-label="Timeline strip" className="strip-svg">
        <DependencyMarkers />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS - 6} y2={height} className="strip-grid" />
            <text x={x(t) + 3} y={12} className="strip-tick">
              {formatOffsetLabel(t)}
            </text>
            <text x={x(t) + 3} y={25} className="strip-tick strip-tick-utc">
              {utc(timeline.t0Ms + t)}
            </text>
          </g>
        ))}
        {timeline.bands.map((band, i) => {
          const end = band.endBasis === 'open' ? to : band.endOffsetMs;
          if (end < from || band.startOffsetMs > to) return null;
          return (
            <g key={band.sectionId}>
              <rect x={clampX(band.startOffsetMs)} y={AXIS} width={Math.max(2, clampX(end) - clampX(band.startOffsetMs))} height={ROW - 4} className={`strip-band band-${i % 4}`} />
              <text x={clampX(band.startOffsetMs) + 4} y={AXIS + 13} className="strip-band-label">
                {band.title}
              </text>
            </g>
          );
        })}
        <StripDependencies edges={edges} places={places} forecast={forecast} />
        {steps.map((step, i) => {
          const y = AXIS + ROW * (i + 1);
          const state = runState(step);
          const runEnd = step.actualEndAtMs ?? timeline.nowMs;
          const f = forecast.byId.get(step.stepId);
          const ahead = forecastSpan(f);
          const label = describe(step, f);
          return (
            <g
              key={step.stepId}
              role="button"
              tabIndex={0}
              aria-label={label}
              className={`strip-step state-${state}${f?.critical ? ' is-critical' : ''}`}
              onClick={() => onSelectStep?.(step.stepId)}
              onKeyDown={(e) => onKey(e, step.stepId)}
            >
              <title>{label}</title>
              {step.planned && (
                <rect x={clampX(step.planned.startOffsetMs)} y={y + 3} width={Math.max(3, clampX(step.planned.endOffsetMs) - clampX(step.planned.startOffsetMs))} height={ROW - 8} className="strip-planned" />
              )}
              {step.actualStartAtMs !== null && (
                <rect
                  x={clampX(step.actualStartAtMs - timeline.t0Ms)}
                  y={y + 7}
                  width={Math.max(3, clampX(runEnd - timeline.t0Ms) - clampX(step.actualStartAtMs - timeline.t0Ms))}
                  height={ROW - 16}
                  className="strip-actual"
                />
              )}
              {ahead && f?.basis === 'forecast' && (
                <rect
                  x={clampX(ahead[0] - timeline.t0Ms)}
                  y={y + 2}
                  width={Math.max(3, clampX(ahead[1] - timeline.t0Ms) - clampX(ahead[0] - timeline.t0Ms))}
                  height={ROW - 6}
                  className="strip-forecast"
                />
              )}
              <text
                x={Math.max(clampX(step.planned?.endOffsetMs ?? -Infinity), ahead ? clampX(ahead[1] - timeline.t0Ms) : -Infinity, step.actualStartAtMs !== null ? clampX(runEnd - timeline.t0Ms) : -Infinity) + 5}
                y={y + 15}
                className="strip-step-label"
              >
                {step.title}
                {step.startDeltaMinutes ? ` (${step.startDeltaMinutes > 0 ? '+' : ''}${step.startDeltaMinutes}m)` : ''}
                {f?.critical && <tspan className="strip-critical-tag"> critical</tspan>}
              </text>
            </g>
          );
        })}
        {timeline.markers
          .filter((m) => m.offsetMs >= from && m.offsetMs <= to)
          .map((marker) => (
            <g key={`${marker.kind}-${marker.id}`} className={`strip-marker marker-${marker.kind}${marker.passed ? ' is-passed' : ''}`}>
              <title>{`${marker.label} · ${formatOffsetLabel(marker.offsetMs)} · ${utc(marker.atMs)} UTC`}</title>
              {marker.kind === 'gate' ? (
                <path d={`M ${x(marker.offsetMs)} ${height - 16} l 7 7 l -7 7 l -7 -7 z`} />
              ) : (
                <circle cx={x(marker.offsetMs)} cy={height - 9} r={4} />
              )}
            </g>
          ))}
        {timeline.offsetMs >= from && timeline.offsetMs <= to && (
          <g className="strip-now">
            <line x1={x(timeline.offsetMs)} x2={x(timeline.offsetMs)} y1={AXIS - 8} y2={height} />
            <text x={x(timeline.offsetMs) + 4} y={AXIS + ROW * (steps.length + 1) + 14}>
              now
            </text>
          </g>
        )}
      </svg>
    </section>
  );
}
