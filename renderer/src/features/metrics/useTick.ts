import { useEffect, useState } from 'react';

/**
 * performance.now(), refreshed every `intervalMs`: how long ago a poll arrived, so ages (stale
 * 42 s) keep counting between polls without reading a clock during render.
 */
export function useTick(intervalMs = 1000): number {
  const [tick, setTick] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return tick;
}
