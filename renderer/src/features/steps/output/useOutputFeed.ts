// A host's output feed as React state: started on first view, re-rendered at most once per
// animation frame however fast chunks arrive (a flood must not freeze the window). All feeds that
// changed are announced from one animation-frame callback, so React renders them in one pass and
// the viewers that follow the tail pay for one layout per frame, not one each.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useAppStore } from '../../../store/appStore';
import type { OutputFeed } from './outputFeed';

const due = new Set<() => void>();
let frame = 0;

function announceNextFrame(listener: () => void): void {
  due.add(listener);
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const listeners = [...due];
    due.clear();
    for (const announce of listeners) announce();
  });
}

function frameThrottled(feed: OutputFeed) {
  return (listener: () => void) => {
    const unsubscribe = feed.subscribe(() => announceNextFrame(listener));
    return () => {
      due.delete(listener);
      unsubscribe();
    };
  };
}

export function useOutputFeed(sessionId: string, runId: string, target: string): { feed: OutputFeed; version: number } {
  const outputFeed = useAppStore((s) => s.outputFeed);
  const feed = useMemo(() => outputFeed(sessionId, runId, target), [outputFeed, sessionId, runId, target]);
  const subscribe = useMemo(() => frameThrottled(feed), [feed]);
  const version = useSyncExternalStore(subscribe, () => feed.version);
  useEffect(() => feed.start(), [feed]);
  return { feed, version };
}
