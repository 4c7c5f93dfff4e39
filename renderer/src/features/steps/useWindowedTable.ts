// Host tables at fleet size (200 hosts and more): past WINDOW_FROM rows, only the rows on screen
// (plus a margin) are rendered, with spacer rows standing in for the rest, so a run's status
// updates re-render a screenful of rows rather than every host. Smaller tables render in full and
// keep their free row heights.
import type { RefObject, UIEvent } from 'react';
import { useFixedRows } from './output/useFixedRows';

export const WINDOW_FROM = 60;
export const WINDOW_ROW_PX = 44;

export interface WindowedTable {
  windowed: boolean;
  start: number;
  end: number;
  /** Heights of the spacer rows above and below the rendered ones. */
  topPx: number;
  bottomPx: number;
  onScroll: ((event: UIEvent<HTMLDivElement>) => void) | undefined;
}

/** `scrollRef`: the element that scrolls the table (it gets `onScroll`). */
export function useWindowedTable(scrollRef: RefObject<HTMLDivElement | null>, count: number): WindowedTable {
  const windowed = count > WINDOW_FROM;
  const rows = useFixedRows(scrollRef, windowed ? count : 0, WINDOW_ROW_PX, 10, false);
  if (!windowed) return { windowed, start: 0, end: count, topPx: 0, bottomPx: 0, onScroll: undefined };
  return {
    windowed,
    start: rows.start,
    end: rows.end,
    topPx: rows.start * WINDOW_ROW_PX,
    bottomPx: (count - rows.end) * WINDOW_ROW_PX,
    onScroll: (event) => rows.onScroll(event.currentTarget.scrollTop),
  };
}
