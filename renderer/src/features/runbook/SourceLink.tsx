// `file:line` beside every structured element, as a button that brings that line of the runbook's
// own text into view in the Runbook tab (and marks it), so the IC can check what was read against
// what was written.
import { useCallback } from 'react';

/** The element showing `line`: the innermost rendered block that spans it, else the last one before it. */
function elementForLine(root: ParentNode, line: number): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestSpan = Infinity;
  let before: HTMLElement | null = null;
  let beforeStart = -Infinity;
  for (const el of root.querySelectorAll<HTMLElement>('[data-line-start]')) {
    const start = Number(el.dataset.lineStart);
    const end = Number(el.dataset.lineEnd ?? start);
    if (start <= line && line <= end && end - start <= bestSpan) {
      best = el;
      bestSpan = end - start;
    }
    if (start <= line && start >= beforeStart) {
      before = el;
      beforeStart = start;
    }
  }
  return best ?? before;
}

export function scrollToSourceLine(line: number): boolean {
  const root = document.querySelector('.runbook-main');
  const target = root ? elementForLine(root, line) : null;
  if (!target) return false;
  for (const el of document.querySelectorAll('.is-source-target')) el.classList.remove('is-source-target');
  target.classList.add('is-source-target');
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  return true;
}

export function SourceLink({ sourceName, line }: { sourceName: string; line: number }) {
  const go = useCallback(() => scrollToSourceLine(line), [line]);
  return (
    <button type="button" className="source-link mono" onClick={go} title={`Show line ${line} of the runbook`}>
      {sourceName}:{line}
    </button>
  );
}
