// A section's body rendered only while it is near the viewport (issue 19: a 50,000-line runbook's
// view was 148k DOM nodes). Headings stay rendered, so the section links, find-by-heading and
// screen readers' heading lists keep every section; a body that scrolls away leaves a placeholder
// of the height it had, so the scroll position does not jump.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Runbooks with more sections than this render bodies lazily; smaller ones render in full. */
export const LAZY_SECTIONS_FROM = 60;
/** How far outside the viewport a body is already rendered (px): scrolling shows text, not blanks. */
const MARGIN_PX = 1500;
/** Placeholder height before a body was ever measured: roughly one short section. */
const GUESS_PX = 240;

export function LazySectionBody({ render }: { render: () => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<{ near: boolean; heightPx: number }>({ near: false, heightPx: GUESS_PX });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return;
        const near = entry.isIntersecting;
        setView((previous) => ({ near, heightPx: !near && element.childElementCount > 0 ? element.offsetHeight : previous.heightPx }));
      },
      { rootMargin: `${MARGIN_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={ref} className="lazy-section-body" style={view.near ? undefined : { minHeight: view.heightPx }}>
      {view.near ? render() : null}
    </div>
  );
}
