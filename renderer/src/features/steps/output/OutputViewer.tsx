// One host's live output: only the visible lines are in the DOM (fixed row height, so 100k+
// lines scroll as smoothly as 100), stderr marked, colours rendered, find over every line,
// and a follow-tail switch that lets go as soon as the reader scrolls up.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import { useAppStore } from '../../../store/appStore';
import { OutputLineView, type LineHighlight } from './OutputLineView';
import { firstMatchFrom, OutputSearch, stepMatch, type OutputMatch } from './outputSearch';
import { useFixedRows } from './useFixedRows';
import { useOutputFeed } from './useOutputFeed';

/** Must equal `.output-line` height in steps.css. */
const ROW_PX = 19;

interface OutputViewerProps {
  sessionId: string;
  runId: string;
  target: string;
  /** The host is still running (follow the tail by default). */
  live: boolean;
}

export function OutputViewer({ sessionId, runId, target, live }: OutputViewerProps) {
  const presentation = useAppStore((s) => s.presentation);
  if (presentation) {
    return (
      <section className="output-viewer" aria-label={`Output of ${target}`}>
        <p className="presentation-hidden">Output hidden for screen sharing.</p>
      </section>
    );
  }
  return <LiveOutput key={`${runId}/${target}`} sessionId={sessionId} runId={runId} target={target} live={live} />;
}

function LiveOutput({ sessionId, runId, target, live }: OutputViewerProps) {
  const { feed, version } = useOutputFeed(sessionId, runId, target);
  const lines = feed.lines.lines;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(live);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  // One search per viewer: it keeps the matches of lines that can no longer change.
  const [search] = useState(() => new OutputSearch());

  const matches = useMemo(
    () => search.matches(lines, query, feed.lines.stableCount, feed.epoch, version),
    // `version` changes whenever the (mutable) lines do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [search, query, version, feed],
  );

  const rows = useFixedRows(scrollRef, lines.length, ROW_PX, 30, follow);

  useEffect(() => {
    const element = scrollRef.current;
    if (follow && element) element.scrollTop = element.scrollHeight;
  }, [follow, version]);

  // Only the reader's own scrolling (wheel, keys, scrollbar) switches following off or back on;
  // scrolls the viewer makes itself (new output, a search hit) do not.
  const userScroll = useRef(false);
  const markUserScroll = () => {
    userScroll.current = true;
  };
  function onScroll(event: UIEvent<HTMLDivElement>) {
    const el = event.currentTarget;
    rows.onScroll(el.scrollTop);
    if (!userScroll.current) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_PX * 2;
    if (follow !== atBottom) setFollow(atBottom);
  }

  function go(direction: 1 | -1) {
    if (matches.length === 0) return;
    const next =
      current < 0 || current >= matches.length
        ? direction === 1
          ? firstMatchFrom(matches, Math.floor((scrollRef.current?.scrollTop ?? 0) / ROW_PX))
          : stepMatch(matches.length, -1, -1)
        : stepMatch(matches.length, current, direction);
    setCurrent(next);
    userScroll.current = false;
    setFollow(false);
    rows.scrollToRow(matches[next]!.line);
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      go(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
      setCurrent(-1);
    }
  }

  const highlightsFor = lineHighlights(matches, current, query.length);
  const shownCurrent = current >= 0 && current < matches.length ? current : -1;

  return (
    <section className="output-viewer" aria-label={`Output of ${target}`}>
      <div className="output-toolbar" role="search" aria-label={`Find in output of ${target}`}>
        <label className="output-find">
          <span className="visually-hidden">Find in output</span>
          <input
            type="search"
            placeholder="Find in output"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setCurrent(-1);
            }}
            onKeyDown={onSearchKey}
          />
        </label>
        <span className="output-count mono" aria-live="polite">
          {query ? (matches.length === 0 ? 'No matches' : shownCurrent >= 0 ? `${shownCurrent + 1} of ${matches.length}` : `${matches.length} matches`) : ''}
        </span>
        <button type="button" onClick={() => go(-1)} disabled={matches.length === 0}>
          Previous
        </button>
        <button type="button" onClick={() => go(1)} disabled={matches.length === 0}>
          Next
        </button>
        <label className="inline output-follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow output
        </label>
      </div>
      <div
        ref={scrollRef}
        className="output-scroll mono"
        style={{ height: `${Math.min(26 * 16, Math.max(5 * ROW_PX, lines.length * ROW_PX + 24))}px` }}
        tabIndex={0}
        role="region"
        aria-label={`Output lines of ${target}`}
        onScroll={onScroll}
        onWheel={markUserScroll}
        onPointerDown={markUserScroll}
        onPointerUp={() => (userScroll.current = false)}
        onKeyDown={markUserScroll}
      >
        {lines.length === 0 ? (
          <p className="output-empty">{feed.loading ? 'Reading output…' : live ? 'No output yet.' : 'No output.'}</p>
        ) : (
          <div className="output-canvas" style={{ height: rows.totalPx }}>
            <div className="output-rows" style={{ transform: `translateY(${rows.start * ROW_PX}px)` }}>
              {lines.slice(rows.start, rows.end).map((line, offset) => {
                const index = rows.start + offset;
                return (
                  <div key={index} className={`output-line out-${line.stream}${line.continued ? ' is-continued' : ''}`} data-n={index + 1 + feed.droppedLines}>
                    <OutputLineView line={line} text={line.text} highlights={highlightsFor(index)} />
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
      <p className="output-status muted">
        <span className="mono">{lines.length.toLocaleString('en-US')}</span> lines
        {feed.droppedLines > 0 && <> · first {feed.droppedLines.toLocaleString('en-US')} lines not kept here (they are in the log)</>}
        {feed.loading && <> · reading the log…</>}
        {feed.error && <span className="error-text"> · {feed.error}</span>}
        <span className="legend">
          <span className="legend-stdout">stdout</span> <span className="legend-stderr">stderr</span>
        </span>
      </p>
    </section>
  );
}

/** Per visible line, the matches in it (binary search in the sorted match list). */
function lineHighlights(matches: readonly OutputMatch[], current: number, needleLength: number) {
  return (line: number): LineHighlight[] | null => {
    if (matches.length === 0) return null;
    let lo = 0;
    let hi = matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (matches[mid]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    const out: LineHighlight[] = [];
    for (let i = lo; i < matches.length && matches[i]!.line === line; i++) {
      out.push({ start: matches[i]!.start, end: matches[i]!.start + needleLength, current: i === current });
    }
    return out.length ? out : null;
  };
}
