// The strip: phases as bands, each step's planned window with its actual run laid over it,
// milestones and gates as markers, and the now-line. Zoomable; a step is a button that jumps to it.
import { useState, type KeyboardEvent } from 'react';
import type { StepProgress, TimelineState } from '../../../../shared/timeline';
import { formatOffsetLabel, wallTimeIn } from '../../../../shared/timeline';

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

function describe(step: StepProgress): string {
  const planned = step.planned ? `planned ${utc(step.planned.startAtMs)}–${utc(step.planned.endAtMs)} UTC` : 'not planned in time';
  const actual = step.actualStartAtMs !== null ? `, ran ${utc(step.actualStartAtMs)}${step.actualEndAtMs !== null ? `–${utc(step.actualEndAtMs)}` : ' (running)'} UTC` : '';
  const late = step.startDeltaMinutes ? `, ${step.startDeltaMinutes > 0 ? `${step.startDeltaMinutes} min late` : `${-step.startDeltaMinutes} min early`}` : '';
  return `${step.title}: ${planned}${actual}${late}, ${runState(step)}`;
}

export function TimelineStrip({ timeline, onSelectStep }: { timeline: TimelineState; onSelectStep?: (stepId: string) => void }) {
  const [zoom, setZoom] = useState<Zoom>('focus');
  const [from, to] = spanFor(timeline, zoom);
  const span = Math.max(60_000, to - from);
  const x = (offsetMs: number) => ((offsetMs - from) / span) * WIDTH;
  const clampX = (offsetMs: number) => Math.min(WIDTH, Math.max(0, x(offsetMs)));
  const steps = timeline.steps.filter((s) => s.planned || s.run);
  const height = AXIS + ROW * (steps.length + 2) + 8;
  const tick = tickStep(span);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / tick) * tick; t <= to; t += tick) ticks.push(t);

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
        {steps.map((step, i) => {
          const y = AXIS + ROW * (i + 1);
          const state = runState(step);
          const runEnd = step.actualEndAtMs ?? timeline.nowMs;
          return (
            <g
              key={step.stepId}
              role="button"
              tabIndex={0}
              aria-label={describe(step)}
              className={`strip-step state-${state}`}
              onClick={() => onSelectStep?.(step.stepId)}
              onKeyDown={(e) => onKey(e, step.stepId)}
            >
              <title>{describe(step)}</title>
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
              <text x={clampX(step.planned?.endOffsetMs ?? step.actualStartAtMs! - timeline.t0Ms) + 5} y={y + 15} className="strip-step-label">
                {step.title}
                {step.startDeltaMinutes ? ` (${step.startDeltaMinutes > 0 ? '+' : ''}${step.startDeltaMinutes}m)` : ''}
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
