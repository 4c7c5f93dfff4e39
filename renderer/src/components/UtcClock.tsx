import { useEffect, useState } from 'react';
import { formatLocalTime, formatUtc } from '../format';

/** The time now: UTC first (the launch runs on UTC), local time underneath. */
export function UtcClock({ now = () => Date.now() }: { now?: () => number }) {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), 250);
    return () => clearInterval(timer);
  }, [now]);
  return (
    <div className="utc-clock" aria-label="Current time">
      <time className="utc-clock-utc" dateTime={new Date(time).toISOString()} data-testid="utc-clock">
        {formatUtc(time).slice(11, 19)}
      </time>
      <span className="utc-clock-local">{formatLocalTime(time)} local</span>
    </div>
  );
}
