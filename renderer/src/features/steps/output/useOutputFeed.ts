// A host's output feed as React state: started on first view, re-rendered at most once per
// animation frame however fast chunks arrive (a flood must not freeze the window).
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useAppStore } from '../../../store/appStore';
import type { OutputFeed } from './outputFeed';

function frameThrottled(feed: OutputFeed) {
  return (listener: () => void) => {
    let frame = 0;
    const unsubscribe = feed.subscribe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        listener();
      });
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
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
