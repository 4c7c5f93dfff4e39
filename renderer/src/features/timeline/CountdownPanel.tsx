// The big clock: T-minus / T-plus, the phase, what comes next and when, the projected end and the
// latest moment a rollback still fits.
import type { TimelineState } from '../../../../shared/timeline';
import { formatDuration, wallTimeIn } from '../../../../shared/timeline';
import { formatLocalTime } from '../../format';

const utc = (ms: number) => wallTimeIn(ms, { kind: 'utc' }).timeShort;

export function phaseText(timeline: TimelineState): string {
  const phase = timeline.phase;
  switch (phase.kind) {
    case 'phase':
      return phase.band.title;
    case 'pre-launch':
      return `Before launch — next: ${phase.next.title}`;
    case 'between':
      return `Between ${phase.previous.title} and ${phase.next.title}`;
    case 'post-launch':
      return `After ${phase.previous.title}`;
    default:
      return 'No timed phases';
  }
}

export function CountdownPanel({ timeline, large = false }: { timeline: TimelineState; large?: boolean }) {
  const { counter, nextMilestone, nextGate, projection, rollback } = timeline;
  return (
    <section className={`countdown${large ? ' countdown-large' : ''}`} aria-label="Countdown">
      <div className="countdown-main">
        <output className={`t-counter t-${counter.sign === '-' ? 'minus' : 'plus'}`} aria-label={`Time to T0: ${counter.text}`} data-testid="t-counter">
          {counter.text}
        </output>
        <div className="countdown-clock mono">
          T0 {utc(timeline.t0Ms)} UTC · now {utc(timeline.nowMs)} UTC <span className="muted">({formatLocalTime(timeline.nowMs)})</span>
        </div>
      </div>
      <dl className="countdown-facts">
        <dt>Phase</dt>
        <dd data-testid="current-phase">{phaseText(timeline)}</dd>
        <dt>Next milestone</dt>
        <dd data-testid="next-milestone">
          {nextMilestone ? (
            <>
              {nextMilestone.item.text} <span className="mono">in {nextMilestone.countdown}</span>{' '}
              <span className="muted mono">({utc(nextMilestone.atMs)} UTC)</span>
            </>
          ) : (
            <span className="muted">none ahead</span>
          )}
        </dd>
        <dt>Next gate</dt>
        <dd data-testid="next-gate">
          {nextGate ? (
            <>
              ◆ {nextGate.item.title} <span className="mono">in {nextGate.countdown}</span>{' '}
              <span className="muted mono">({utc(nextGate.atMs)} UTC)</span>
            </>
          ) : (
            <span className="muted">none ahead</span>
          )}
        </dd>
        <dt>Projected end</dt>
        <dd>
          {projection.projectedEndAtMs !== null ? (
            <>
              <span className="mono">{utc(projection.projectedEndAtMs)} UTC</span>{' '}
              {projection.deltaMinutes !== null && projection.deltaMinutes !== 0 && (
                <span className={projection.deltaMinutes > 0 ? 'warn-text' : 'ok-text'}>
                  ({projection.deltaMinutes > 0 ? '+' : ''}
                  {projection.deltaMinutes} min vs plan)
                </span>
              )}
            </>
          ) : (
            <span className="muted">no timed steps</span>
          )}
        </dd>
        <dt>Latest safe rollback</dt>
        <dd className={`rollback-${rollback.warning}`} data-testid="latest-safe-rollback">
          {rollback.latestSafeAtMs !== null && rollback.remainingMs !== null ? (
            <>
              <span className="mono">{utc(rollback.latestSafeAtMs)} UTC</span>{' '}
              {rollback.warning === 'passed'
                ? '— PASSED: a rollback no longer fits in the window'
                : `— in ${formatDuration(rollback.remainingMs)}${rollback.warning === 'soon' ? ' — decide soon' : ''}`}
              {rollback.forecastPastDeadline && rollback.warning !== 'passed' && (
                <span className="warn-text"> — the forecast end is later: a problem found at the end could not be rolled back in the window</span>
              )}
            </>
          ) : (
            <span className="muted">unknown (no launch window end)</span>
          )}
        </dd>
      </dl>
    </section>
  );
}
