// Windowing for rows of one fixed height: which rows are on screen follows from scrollTop alone,
// so every render costs the visible rows only, however many lines there are. (A general
// virtualizer such as @tanstack/react-virtual re-measures every row whenever the count changes —
// O(lines) per appended chunk, ~15 ms a frame at 200,000 lines in bench/renderer-output.bench.ts.)
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface FixedRows {
  /** First and one-past-last row index to render. */
  start: number;
  end: number;
  /** Height of all rows together (the scrollable canvas). */
  totalPx: number;
  onScroll: (scrollTop: number) => void;
  /** Puts a row in the middle of the viewport. */
  scrollToRow: (index: number) => void;
}

export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowPx: number, overscan: number, pinnedToEnd: boolean): FixedRows {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(600);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    setViewportPx(element.clientHeight);
    const observer = new ResizeObserver(() => setViewportPx(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef]);

  const totalPx = count * rowPx;
  // Following the tail, the viewer is about to scroll to the end: render that window right away
  // rather than one frame late.
  const top = pinnedToEnd ? Math.max(0, totalPx - viewportPx) : Math.min(scrollTop, Math.max(0, totalPx - viewportPx));
  const start = Math.max(0, Math.floor(top / rowPx) - overscan);
  const end = Math.min(count, Math.ceil((top + viewportPx) / rowPx) + overscan);

  const scrollToRow = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (element) element.scrollTop = Math.max(0, index * rowPx - (element.clientHeight - rowPx) / 2);
    },
    [scrollRef, rowPx],
  );

  return { start, end, totalPx, onScroll: setScrollTop, scrollToRow };
}
